import type { LatencySummary } from '../stream/fleet-protocol.ts';

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
   * Percentiles over the messages from `firstSequence` on (the warm-up excluded), with `more`
   * delays that were not pushed (those of messages that never arrived, say).
   */
  summary(firstSequence: number, more: number[] = []): LatencySummary {
    const chosen: number[] = [];
    for (let n = 0; n < this.length; n++) if ((this.sequences[n] ?? -1) >= firstSequence) chosen.push(this.delays[n] ?? NaN);
    const sorted = Float64Array.from(chosen.concat(more)).sort();
    const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
    let sum = 0;
    for (const value of sorted) sum += value;
    return { count: sorted.length, p50: at(50), p90: at(90), p99: at(99), p999: at(99.9), max: sorted[sorted.length - 1] ?? NaN, mean: sum / sorted.length };
  }
}
