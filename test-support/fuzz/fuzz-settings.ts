// How hard the fuzz properties push. The test suite runs a few dozen inputs per parser so it
// stays fast on every run; `npm run fuzz` sets FUZZ_RUNS high and a time limit instead.
// FUZZ_SEED (with FUZZ_PATH) replays a failure exactly as fast-check reported it.

import type fc from 'fast-check';

function positiveInteger(name: string): number | undefined {
  const text = process.env[name]?.trim();
  if (text === undefined || text === '') return undefined;
  if (!/^[1-9][0-9]*$/.test(text)) throw new Error(`${name} must be a positive integer, not ${JSON.stringify(text)}`);
  return Number(text);
}

/** Inputs per property: FUZZ_RUNS when set, else `fallback` (small: the suite runs on every change). */
export function fuzzRuns(fallback: number): number {
  return positiveInteger('FUZZ_RUNS') ?? fallback;
}

export interface FuzzOptions {
  /**
   * Whether a failure is shrunk to a smaller input. Shrinking a pure parser's input is quick and
   * makes the report readable; shrinking through HTTP requests or signed bundles takes long.
   */
  shrink?: boolean;
}

/** fast-check parameters for one property: its runs, the replay seed if given. */
export function fuzzParameters<T>(fallbackRuns: number, options: FuzzOptions = {}): fc.Parameters<T> {
  const seed = process.env['FUZZ_SEED']?.trim();
  const path = process.env['FUZZ_PATH']?.trim();
  return {
    numRuns: fuzzRuns(fallbackRuns),
    endOnFailure: options.shrink === false,
    ...(seed ? { seed: Number(seed) } : {}),
    ...(path ? { path } : {}),
  };
}

/** A test's time limit: the suite's default for the default runs, generous when FUZZ_RUNS asks for more. */
export function fuzzTimeout(): number | undefined {
  return positiveInteger('FUZZ_RUNS') === undefined ? undefined : 3_600_000;
}
