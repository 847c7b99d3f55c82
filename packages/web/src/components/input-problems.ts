import { formatFieldPath } from '@fusion-cell/protocol';

/** What a schema of the protocol says is wrong with one value, as zod reports it. */
interface SchemaIssue {
  code: string;
  path: PropertyKey[];
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
}

/** A schema shared with the server: requests in `protocol/src/api`, payloads in `protocol/src/items`. */
export interface SharedSchema {
  safeParse(value: unknown): { success: true } | { success: false; error: { issues: readonly SchemaIssue[] } };
}

/** The kinds of problem a form names, each with words in every language (`errors.problems`). */
export const INPUT_PROBLEM_KINDS = ['missing', 'too_long', 'too_short', 'too_many', 'format', 'invalid'] as const;
export type InputProblemKind = (typeof INPUT_PROBLEM_KINDS)[number];

/** One field the form refuses, named as the server would name it (`body.displayName`). */
export interface InputProblem {
  field: string;
  kind: InputProblemKind;
  /** The limit it breaks: characters for text, entries for a list. */
  limit?: number;
  /** How long the text is, when it is too long or too short. */
  length?: number;
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value;
  for (const part of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[part];
  }
  return current;
}

function problemOf(issue: SchemaIssue, value: unknown, place: string | undefined): InputProblem {
  const field = formatFieldPath(place === undefined ? issue.path : [place, ...issue.path]);
  const given = valueAt(value, issue.path);
  // The schemas trim text before they count it, so the count shown is of the trimmed text.
  const length = typeof given === 'string' ? given.trim().length : undefined;
  const withLength = length === undefined ? {} : { length };
  if (issue.code === 'too_big' && issue.maximum !== undefined) {
    const limit = Number(issue.maximum);
    return issue.origin === 'string' ? { field, kind: 'too_long', limit, ...withLength } : { field, kind: issue.origin === 'array' ? 'too_many' : 'invalid', limit };
  }
  if (issue.code === 'too_small' && issue.minimum !== undefined) {
    const limit = Number(issue.minimum);
    if (limit <= 1 || length === 0) return { field, kind: 'missing' };
    return issue.origin === 'string' ? { field, kind: 'too_short', limit, ...withLength } : { field, kind: 'invalid' };
  }
  if (issue.code === 'invalid_type' && given === undefined) return { field, kind: 'missing' };
  if (issue.code === 'invalid_format') return { field, kind: 'format' };
  return { field, kind: 'invalid' };
}

/**
 * Checks a value with the schema the server checks it with, before it is sent, and names each
 * field it refuses (one problem per field, the first the schema found). `place` is where the
 * value goes in the request (`body`), so fields are named as the server's errors name them.
 */
export function inputProblems(schema: SharedSchema, value: unknown, place?: string): InputProblem[] {
  const parsed = schema.safeParse(value);
  if (parsed.success) return [];
  const problems = new Map<string, InputProblem>();
  for (const issue of parsed.error.issues) {
    const problem = problemOf(issue, value, place);
    if (!problems.has(problem.field)) problems.set(problem.field, problem);
  }
  return [...problems.values()];
}
