import type { z } from 'zod';

/**
 * An automatic check the cell runs on every item of a type, entering its result in the record
 * as a `finding` signed with the cell's log key: what was checked, against what, and what it
 * found. The detail's schema is declared here so every reader knows its shape; the server
 * module of the type runs the check.
 */
export interface FindingDeclaration {
  /** The check's key (`area-in-zone`); several types may run the same check. */
  check: string;
  /** What the finding's `detail` holds. */
  detail: z.ZodObject;
  /** Whether the check has anything to look at in this payload (an area, say); always when absent. */
  appliesTo?: (payload: Record<string, unknown>) => boolean;
}

/** Declares a check, keeping its key's literal type for the finding's payload. */
export function defineFinding<const Check extends string, Detail extends z.ZodObject>(declaration: FindingDeclaration & { check: Check; detail: Detail }): FindingDeclaration & { check: Check; detail: Detail } {
  return declaration;
}
