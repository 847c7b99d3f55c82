// What a client fleet (the cell's stream clients, the XMPP members) keeps of its deliveries,
// in the fleet's process: each delay with its message's sequence number, summed up on demand.
import type { LatencySummary } from './fleet-protocol.ts';

/** Delivery delays with the sequence number of their message, in typed arrays that grow. */
export class DelaySamples {
  private delays = new Float64Array(1 << 20);
  private sequences = new Int32Array(1 << 20);
  private length = 0;

  push(delay: number, sequence: number): void {
    if (this.length === this.delays.length) {
      const delays = new Float64Array(this.length * 2);
      delays.set(this.delays);
      this.delays = delays;
      const sequences = new Int32Array(this.length * 2);
      sequences.set(this.sequences);
      this.sequences = sequences;
    }
    this.delays[this.length] = delay;
    this.sequences[this.length++] = sequence;
  }

  /**
   * Over the messages from `firstSequence` on (the warm-up excluded), with `more` delays that
   * were not pushed (those of messages that never arrived, say).
   */
  summary(firstSequence: number, more: number[] = []): LatencySummary {
    const chosen: number[] = [];
    for (let n = 0; n < this.length; n++) if ((this.sequences[n] ?? -1) >= firstSequence) chosen.push(this.delays[n] ?? NaN);
    return summarise(Float64Array.from(chosen.concat(more)));
  }

  /** Over the messages whose sequence number is in one of the ranges [first, end). */
  within(ranges: Array<[first: number, end: number]>): LatencySummary {
    const chosen: number[] = [];
    for (let n = 0; n < this.length; n++) {
      const sequence = this.sequences[n] ?? -1;
      if (ranges.some(([first, end]) => sequence >= first && sequence < end)) chosen.push(this.delays[n] ?? NaN);
    }
    return summarise(Float64Array.from(chosen));
  }

  /** One summary per step of `stepItems` sequence numbers. */
  timeline(stepItems: number): Array<LatencySummary | null> {
    const steps: number[][] = [];
    for (let n = 0; n < this.length; n++) (steps[Math.floor((this.sequences[n] ?? 0) / stepItems)] ??= []).push(this.delays[n] ?? NaN);
    return Array.from(steps, (delays) => (delays ? summarise(Float64Array.from(delays)) : null));
  }
}

function summarise(delays: Float64Array): LatencySummary {
  const sorted = delays.sort();
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
  let sum = 0;
  for (const value of sorted) sum += value;
  return { count: sorted.length, p50: at(50), p90: at(90), p99: at(99), p999: at(99.9), max: sorted[sorted.length - 1] ?? NaN, mean: sum / sorted.length };
}

/** Waits until `lagging()` counts no one behind, or the time is up; polled every 10 ms. */
export async function waitForEveryone(lagging: () => number, timeoutMs: number): Promise<{ complete: boolean; lagging: number; ms: number }> {
  const started = performance.now();
  for (;;) {
    const behind = lagging();
    if (behind === 0 || performance.now() - started > timeoutMs) return { complete: behind === 0, lagging: behind, ms: performance.now() - started };
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
