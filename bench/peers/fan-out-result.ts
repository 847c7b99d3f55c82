import type { LatencySummary } from '../stream/fleet-protocol.ts';
import { fixed } from '../stream/load.ts';
import type { LoadWindow } from './load-window.ts';

/** What one system did under the fan-out load. */
export interface FanOutResult {
  system: string;
  members: number;
  /** Messages sent, warm-up included. */
  sent: number;
  /** members × sent. */
  expected: number;
  deliveries: number;
  /**
   * Send → deliver delays of the timed messages that arrived, in ms; of every message that
   * arrived, warm-up included, when no timed one did (`latencyIncludesWarmup`).
   */
  latency: LatencySummary;
  latencyIncludesWarmup: boolean;
  /**
   * The same over every timed delivery expected, those that never arrived counted as arriving
   * at the end of the wait; undefined when the fleet could not say (the cell's times only what
   * arrived, so this is known for it only when everything did).
   */
  latencyWithMissing: LatencySummary | undefined;
  /** Mean size of what each member received per message, in bytes. */
  frameBytes: number;
  unexpectedCloses: number;
  errors: string[];
  window: LoadWindow;
}

export const deliveriesPerSecond = (result: FanOutResult) => (result.deliveries / result.window.wallMs) * 1000;

export const cpuSecondsPerThousand = (result: FanOutResult) => (result.window.serverCpuSeconds / result.deliveries) * 1000;

/** Delivered ÷ expected, floored so that a shortfall never rounds to 1. */
export const deliveredShare = (result: FanOutResult) => Math.floor((result.deliveries / result.expected) * 1000) / 1000;

/** Delivered in full: every member has every message and every send was acknowledged. */
export const deliveredInFull = (result: FanOutResult) => result.deliveries === result.expected && result.window.complete && result.window.answered;

export function describeFanOut(result: FanOutResult): void {
  const { system, latency, window } = result;
  const core = (seconds: number) => `${fixed((seconds / window.wallMs) * 100_000, 0)}%`;
  console.error(
    `  ${system}: ${result.deliveries}/${result.expected} deliveries in ${fixed(window.wallMs / 1000, 1)} s (${window.complete ? 'all' : `${window.lagging} members lacking some`}), ` +
      `${result.unexpectedCloses} unexpected closes, frame ${Math.round(result.frameBytes)} B; delay ms of what arrived p50 ${fixed(latency.p50)} p90 ${fixed(latency.p90)} p99 ${fixed(latency.p99)} max ${fixed(latency.max)} ` +
      `(${latency.count} ${result.latencyIncludesWarmup ? 'deliveries, warm-up included: no timed message arrived' : 'timed'})`,
  );
  const withMissing = result.latencyWithMissing;
  if (withMissing && result.deliveries < result.expected) {
    console.error(`  ${system}: every timed delivery, those that never came counted as arriving at the end of the wait (a lower bound): p50 ${fixed(withMissing.p50)} p99 ${fixed(withMissing.p99)} ms`);
  }
  console.error(
    `  ${system}: server CPU ${core(window.serverCpuSeconds)} of a core, RSS ${fixed(window.rssMiB, 0)} MiB (peak ${fixed(window.peakMiB, 0)}); fleet ${core(window.fleetCpuSeconds)}, sender ${core(window.benchCpuSeconds)}, ` +
      `other processes ${core(window.otherCpuSeconds)}; sends late on schedule p99 ${fixed(window.sendLagP99)} ms`,
  );
  if (result.errors.length > 0) console.error(`  ${system}: errors: ${result.errors.slice(0, 5).join('; ')}`);
}
