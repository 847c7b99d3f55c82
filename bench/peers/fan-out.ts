import type { Figure } from '../results.ts';
import { cellFanOut } from './fan-out-cell.ts';
import { peerFanOut } from './fan-out-peer.ts';
import { cpuSecondsPerThousand, deliveredInFull, deliveredShare, deliveriesPerSecond, describeFanOut, type FanOutResult } from './fan-out-result.ts';
import { peerSizes } from './peer-sizes.ts';
import { prosodyMissing } from './prosody.ts';
import { atMostThePeers, attempt, compare, informative, type Comparison, type Outcome } from './side-by-side.ts';

/** What each side does for a message: the cell signs and logs every act, the peer does not. */
const WHAT_EACH_DOES = 'the cell signs, logs and commits each message, Prosody only archives it';

/** A saturated server may deliver nothing sent after the warm-up; then nothing at all is a gap. */
function latencyUnavailable(result: FanOutResult): string | undefined {
  return result.latency.count === 0 ? `no message reached its members within the wait (${result.deliveries} deliveries)` : undefined;
}

/**
 * The fan-out, side by side with Prosody: `members` members in one room (XMPP MUC) and on one
 * compartment (the cell's plenary), one member sending at the rate for the warm-up and then the
 * timed seconds. Each system runs alone in its own process, with its own client fleet in a
 * child process and the sender in this one; the cell first, since the peer's messages are
 * padded to the size of the cell's frames. A system that falls behind gets `drainMs` after the
 * last send, and is reported with what arrived by then.
 */
export async function measurePeerFanOut(): Promise<Figure[]> {
  const sizes = peerSizes();
  const cell = await attempt('cell', () => cellFanOut(sizes));
  if (cell.ok) describeFanOut(cell.value);
  const missing = prosodyMissing();
  const peer: Outcome<FanOutResult> = missing ? { ok: false, reason: missing } : await attempt('Prosody', () => peerFanOut(sizes, cell.ok ? cell.value.frameBytes : undefined));
  if (peer.ok) describeFanOut(peer.value);

  const label = `${sizes.members} members, ${sizes.perSecond} msg/s`;
  const drained = `${sizes.drainMs / 1000} s after the last send`;
  const peerName = `Prosody (${sizes.fanOutStorage} archive)`;
  const comparisons: Array<Comparison<FanOutResult>> = [
    {
      name: `peer fan-out send→deliver p50 of what arrived (${label}; ${WHAT_EACH_DOES}) vs ${peerName}`,
      unit: 'ms',
      goal: 'informative (the goal is on p99)',
      pick: (result) => result.latency.p50,
      unavailable: latencyUnavailable,
      pass: informative,
    },
    {
      name: `peer fan-out send→deliver p99 of what arrived (${label}; ${WHAT_EACH_DOES}) vs ${peerName}`,
      unit: 'ms',
      goal: "<= the peer's, every message delivered",
      pick: (result) => result.latency.p99,
      unavailable: latencyUnavailable,
      pass: (value, baseline) => {
        const faster = atMostThePeers(value, baseline);
        return faster === 'needs the peer' ? faster : faster && cell.ok && deliveredInFull(cell.value);
      },
    },
    { name: `peer fan-out deliveries ÷ expected within ${drained} (${label}) vs ${peerName}`, unit: 'ratio', goal: '= 1', pick: deliveredShare, pass: (value) => value === 1 && cell.ok && deliveredInFull(cell.value) },
    { name: `peer fan-out deliveries per second (${label}) vs ${peerName}`, unit: 'deliveries/s', goal: 'informative', pick: deliveriesPerSecond, pass: informative },
    { name: `peer fan-out server CPU per 1,000 deliveries (${label}; ${WHAT_EACH_DOES}) vs ${peerName}`, unit: 's', goal: 'informative (the fan-out lead is kept)', pick: cpuSecondsPerThousand, pass: informative },
    { name: `peer fan-out server RSS after the load (${label}) vs ${peerName}`, unit: 'MiB', goal: 'informative (the 100 MiB goal is on the sequential sends)', pick: (result) => result.window.rssMiB, pass: informative },
    { name: `peer fan-out server peak RSS (${label}) vs ${peerName}`, unit: 'MiB', goal: 'informative', pick: (result) => result.window.peakMiB, pass: informative },
  ];
  return comparisons.map((comparison) => compare(comparison, cell, peer));
}
