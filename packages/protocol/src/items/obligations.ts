import type { PartyKind } from '../common.ts';
import { durationToMilliseconds } from '../common.ts';
import type { AckLevel, AcknowledgmentRule, Rules } from '../rules.ts';
import { itemTypeDefinition } from './registry.ts';

/**
 * What the recipients of an item owe: an acknowledgment at a level, or a reply of a type;
 * within how long of the cell receiving it (ms), and whether the cell repeats it until answered.
 */
export type Requirement = ({ kind: 'ack'; level: AckLevel } | { kind: 'reply'; type: string }) & { withinMs: number; urgent: boolean; repeatEveryMs?: number };

/** The rule an item of this type, with this payload, puts on its recipients under the cell's rules. */
export function obligationRuleOf(type: string, payload: Record<string, unknown>, rules: Rules): AcknowledgmentRule | undefined {
  const obligation = itemTypeDefinition(type)?.obligation;
  if (!obligation) return undefined;
  if (obligation.appliesTo && !obligation.appliesTo(payload)) return undefined;
  if (obligation.ruleFrom) return obligation.ruleFrom(rules);
  const variant = obligation.variants?.of(payload);
  if (variant !== undefined && Object.hasOwn(rules.acknowledgments, variant)) return rules.acknowledgments[variant];
  return Object.hasOwn(rules.acknowledgments, obligation.ruleKey) ? rules.acknowledgments[obligation.ruleKey] : undefined;
}

/**
 * When what an item asks falls due (ms since the epoch): the time its payload sets, when its type
 * reads one there and it is later than the item's receipt, else the rule's `within` after receipt.
 */
export function obligationDueAt(item: { type: string; payload: Record<string, unknown> }, receivedAt: number, withinMs: number): number {
  const own = itemTypeDefinition(item.type)?.obligation?.dueAt?.(item.payload);
  const ownMs = own === undefined ? Number.NaN : Date.parse(own);
  return Number.isFinite(ownMs) && ownMs > receivedAt ? ownMs : receivedAt + withinMs;
}

/** What an item asks of its recipients, as server and apps both compute it. */
export function requirementOf(item: { type: string; payload: Record<string, unknown> }, rules: Rules): Requirement | undefined {
  const rule = obligationRuleOf(item.type, item.payload, rules);
  if (!rule) return undefined;
  const timing = { withinMs: durationToMilliseconds(rule.within), urgent: rule.urgent, ...(rule.repeatEvery ? { repeatEveryMs: durationToMilliseconds(rule.repeatEvery) } : {}) };
  if (rule.level !== undefined) return { kind: 'ack', level: rule.level, ...timing };
  if (rule.reply !== undefined) return { kind: 'reply', type: rule.reply, ...timing };
  return undefined;
}

/**
 * Who must answer an item: for a side's item, the other sides in the compartment, or the
 * supervisors when no other side is there (a caucus); for a supervisor's item, the sides;
 * for the cell's own (`authorParty` null: link checks), every party. Observers never owe answers.
 */
export function requiredParties(audience: readonly string[], kindOf: (party: string) => PartyKind | undefined, authorParty: string | null): string[] {
  if (authorParty === null) return audience.filter((party) => kindOf(party) !== 'observer');
  const others = audience.filter((party) => party !== authorParty && kindOf(party) !== 'observer');
  const sides = others.filter((party) => kindOf(party) === 'side');
  if (kindOf(authorParty) === 'side' && sides.length === 0) return others.filter((party) => kindOf(party) === 'supervisor');
  return sides;
}

/**
 * Who owes an answer to an item of `type`: those `requiredParties` names; for a type owed by
 * the author of what it refers to, that party alone (never an observer, never the cell; no one
 * when the item referred to is of a type whose findings are owed nothing); for a type owed by
 * the parties its payload names, those of them in the audience but its author's party (which
 * does not answer its own item) and observers.
 */
export function partiesOwing(
  type: string,
  audience: readonly string[],
  kindOf: (party: string) => PartyKind | undefined,
  authorParty: string | null,
  subjectAuthorParty: string | undefined,
  subjectType?: string,
  payload?: Record<string, unknown>,
): string[] {
  const owedBy = itemTypeDefinition(type)?.obligation?.owedBy;
  if (typeof owedBy === 'object') {
    const named = new Set(payload === undefined ? [] : owedBy.payload(payload));
    return audience.filter((party) => named.has(party) && party !== authorParty && kindOf(party) !== 'observer');
  }
  if (owedBy === 'subject-author') {
    if (subjectType !== undefined && itemTypeDefinition(subjectType)?.findingsOwed === false) return [];
    return subjectAuthorParty !== undefined && audience.includes(subjectAuthorParty) && kindOf(subjectAuthorParty) !== 'observer' ? [subjectAuthorParty] : [];
  }
  return requiredParties(audience, kindOf, authorParty);
}
