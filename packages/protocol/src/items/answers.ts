import { itemTypeDefinition } from './registry.ts';

/** Whether items of this type answer the item they refer to first, and are shown under it. */
export function isAnswerType(type: string): boolean {
  return itemTypeDefinition(type)?.answers !== undefined;
}

/** Whether items of this type are shown under the item they refer to first: answers, and what is attached to an item. */
export function isShownUnderReference(type: string): boolean {
  const definition = itemTypeDefinition(type);
  return definition?.answers !== undefined || definition?.attached === true;
}

export type AnswerCheck = { allowed: true } | { allowed: false; reason: string };

/** Whether an item of `answerType` may answer one of `targetType`, as far as the types go. */
export function mayAnswer(answerType: string, targetType: string): AnswerCheck {
  const answers = itemTypeDefinition(answerType)?.answers;
  if (!answers) return { allowed: false, reason: `${answerType} items answer nothing` };
  if (answers.types && !answers.types.includes(targetType)) return { allowed: false, reason: `${answerType} answers ${answers.types.join(' or ')} items` };
  if (answers.except?.includes(targetType)) return { allowed: false, reason: `${targetType} items are not answered with ${answerType}` };
  return { allowed: true };
}
