import type { Rules } from '../rules.ts';
import { mayAnswer } from './answers.ts';
import { ITEM_TYPE_LIST } from './registry.ts';

export interface RuleProblem {
  path: PropertyKey[];
  message: string;
}

/**
 * What in a cell's rules names nothing: a rule for a key no item type reads, or a reply of a
 * type that does not answer the item the rule is for. A typo in a scenario is an error, not
 * a rule that silently never applies.
 */
export function checkRulesAgainstRegistry(rules: Rules): RuleProblem[] {
  const problems: RuleProblem[] = [];
  for (const [key, rule] of Object.entries(rules.acknowledgments)) {
    const path = ['rules', 'acknowledgments', key];
    const owner = ITEM_TYPE_LIST.find((type) => type.obligation?.ruleKey === key || type.obligation?.variants?.keys.includes(key));
    if (!owner?.obligation) {
      const keys = ITEM_TYPE_LIST.flatMap((type) => (type.obligation && !type.obligation.ruleFrom ? [type.obligation.ruleKey, ...(type.obligation.variants?.keys ?? [])] : []));
      problems.push({ path, message: `no item type reads a rule "${key}"; the rules are ${keys.join(', ')}` });
      continue;
    }
    if (owner.obligation.ruleFrom) {
      problems.push({ path, message: `the rule for ${owner.type} is set elsewhere in the rules, not here` });
      continue;
    }
    if (rule.reply !== undefined) {
      const answer = mayAnswer(rule.reply, owner.type);
      if (!answer.allowed) problems.push({ path: [...path, 'reply'], message: `${rule.reply} cannot be the reply: ${answer.reason}` });
    }
  }
  return problems;
}
