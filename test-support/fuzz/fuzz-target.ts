// A fuzz target: a parser's generated inputs and the judge that says, for each, whether the
// parser behaved. The test suites assert every verdict is sound over a few inputs; the fuzz
// runner counts verdicts over many.

import fc from 'fast-check';
import { fuzzParameters, type FuzzOptions } from './fuzz-settings.ts';

/** What a parser did with one input. Only the first two outcomes are sound. */
export type Verdict =
  | { outcome: 'accepted' }
  | { outcome: 'refused' }
  /** It threw something other than its own refusal, or broke its output contract. */
  | { outcome: 'crash'; detail: string }
  /** It accepted (or stored) an input it must refuse. */
  | { outcome: 'invalid-accepted'; detail: string }
  /** It refused a valid input, or a valid input did not come back unchanged. */
  | { outcome: 'valid-refused'; detail: string }
  /** Over HTTP: a 500, an answer outside the error shape, or no answer. */
  | { outcome: 'server-error'; detail: string };

export type Outcome = Verdict['outcome'];
export const OUTCOMES: readonly Outcome[] = ['accepted', 'refused', 'crash', 'invalid-accepted', 'valid-refused', 'server-error'];

export const accepted: Verdict = { outcome: 'accepted' };
export const refused: Verdict = { outcome: 'refused' };
export const crash = (detail: string): Verdict => ({ outcome: 'crash', detail });
export const invalidAccepted = (detail: string): Verdict => ({ outcome: 'invalid-accepted', detail });
export const validRefused = (detail: string): Verdict => ({ outcome: 'valid-refused', detail });
export const serverError = (detail: string): Verdict => ({ outcome: 'server-error', detail });

export function isSound(verdict: Verdict): boolean {
  return verdict.outcome === 'accepted' || verdict.outcome === 'refused';
}

export interface FuzzTarget<T> {
  /** The parser, as the report names it. */
  name: string;
  inputs: fc.Arbitrary<T>;
  judge(input: T): Verdict | Promise<Verdict>;
}

/** A short, single-line description of anything thrown. */
export function describeThrown(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`.slice(0, 500);
  return `non-error thrown: ${String(error)}`.slice(0, 500);
}

/** Runs a judge, turning anything it throws itself into a crash verdict. */
export async function judgeSafely<T>(target: FuzzTarget<T>, input: T): Promise<Verdict> {
  try {
    return await target.judge(input);
  } catch (error) {
    return crash(`judging threw ${describeThrown(error)}`);
  }
}

/** Asserts, over generated inputs, that every verdict of a target is sound. */
export async function assertSoundVerdicts<T>(target: FuzzTarget<T>, fallbackRuns: number, options: FuzzOptions = {}): Promise<void> {
  await fc.assert(
    fc.asyncProperty(target.inputs, async (input) => {
      const verdict = await judgeSafely(target, input);
      if (!isSound(verdict)) throw new Error(`${target.name}: ${verdict.outcome}: ${'detail' in verdict ? verdict.detail : ''}`);
    }),
    fuzzParameters(fallbackRuns, options),
  );
}
