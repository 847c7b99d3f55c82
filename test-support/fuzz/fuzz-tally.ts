// Counting verdicts over many inputs, for the fuzz runner: how many inputs each parser took,
// how each was judged, and the first few examples of every unsound verdict.

import fc from 'fast-check';
import { judgeSafely, OUTCOMES, type FuzzTarget, type Outcome } from './fuzz-target.ts';

export interface Tally {
  parser: string;
  inputs: number;
  seconds: number;
  counts: Record<Outcome, number>;
  /** Up to a few details of each unsound outcome, with the batch seed and position that replays it. */
  examples: Partial<Record<Outcome, string[]>>;
}

export interface RunLimits {
  runs: number;
  seconds: number;
  seed: number;
  /** Inputs generated at once: a batch has its own seed, so a report names the input exactly. */
  batch?: number;
}

const EXAMPLES_KEPT = 3;

/** Judges up to `runs` generated inputs of a target, stopping at the time limit. */
export async function tallyTarget<T>(target: FuzzTarget<T>, limits: RunLimits, onProgress?: (tally: Tally) => void): Promise<Tally> {
  const counts = Object.fromEntries(OUTCOMES.map((outcome) => [outcome, 0])) as Record<Outcome, number>;
  const tally: Tally = { parser: target.name, inputs: 0, seconds: 0, counts, examples: {} };
  const started = performance.now();
  const deadline = started + limits.seconds * 1000;
  const batch = limits.batch ?? 500;
  let lastReport = started;
  for (let batchNumber = 0; tally.inputs < limits.runs && performance.now() < deadline; batchNumber += 1) {
    const seed = limits.seed + batchNumber;
    const inputs = fc.sample(target.inputs, { numRuns: Math.min(batch, limits.runs - tally.inputs), seed });
    for (const [position, input] of inputs.entries()) {
      if (performance.now() >= deadline) break;
      const verdict = await judgeSafely(target, input);
      counts[verdict.outcome] += 1;
      tally.inputs += 1;
      if ('detail' in verdict) {
        const kept = (tally.examples[verdict.outcome] ??= []);
        if (kept.length < EXAMPLES_KEPT) kept.push(`[seed ${seed}, input ${position}] ${verdict.detail}`);
      }
    }
    tally.seconds = (performance.now() - started) / 1000;
    if (onProgress && performance.now() - lastReport > 10_000) {
      lastReport = performance.now();
      onProgress(tally);
    }
  }
  tally.seconds = (performance.now() - started) / 1000;
  return tally;
}
