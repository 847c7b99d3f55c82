import { Fleet } from '../stream/fleet.ts';
import { timedText } from '../stream/fleet-protocol.ts';
import { FILLER, sleep } from '../stream/load.ts';
import { CellProcess } from './cell-process.ts';
import { CellSender } from './cell-sender.ts';
import type { FanOutResult } from './fan-out-result.ts';
import { runLoad } from './load-window.ts';
import type { PeerSizes } from './peer-sizes.ts';

const COMPARTMENT = 'plenary';
const CONNECT_CONCURRENCY = 20;

/**
 * The cell's side of the fan-out: `members` stream clients on plenary (sharing the demo's 18
 * members' sessions) in the fleet's process, one member posting signed messages from this
 * process at the rate, each stamped with its scheduled send time.
 */
export async function cellFanOut(sizes: PeerSizes): Promise<FanOutResult> {
  const cell = await CellProcess.start();
  let fleet: Fleet | undefined;
  try {
    const clients = await cell.streamClients(sizes.members);
    const sender = await cell.sender();
    const from = await cell.logSize(sender, COMPARTMENT);
    fleet = await Fleet.start();
    const warmupItems = sizes.warmupSeconds * sizes.perSecond;
    const count = warmupItems + sizes.seconds * sizes.perSecond;
    const connected = await fleet.connect({ url: cell.streamUrl, clients, compartment: COMPARTMENT, from, concurrency: CONNECT_CONCURRENCY, warmupItems, timelineItems: sizes.perSecond });
    console.error(`  cell: ${connected.connected} stream clients connected and caught up in ${Math.round(connected.ms)} ms`);
    // Let the presence announcements of the connections drain before the load starts.
    await sleep(1000);
    await fleet.calibrate();
    const posting = new CellSender(sender, COMPARTMENT);
    const streamFleet = fleet;
    const window = await runLoad({
      pid: cell.pid,
      perSecond: sizes.perSecond,
      count,
      drainMs: sizes.drainMs,
      send: (sequence, due) => posting.send(sequence, timedText(due, sequence, FILLER)),
      sendsAnswered: () => posting.answered(),
      waitFor: (timeoutMs) => streamFleet.waitFor(from + count, timeoutMs),
      fleetCpuMs: () => streamFleet.cpuMs(),
    });
    const report = await fleet.report(from + count);
    return {
      system: 'cell',
      members: sizes.members,
      sent: count,
      expected: count * sizes.members,
      deliveries: report.deliveries,
      latency: report.latency,
      latencyIncludesWarmup: false,
      latencyWithMissing: report.deliveries === count * sizes.members ? report.latency : undefined,
      frameBytes: report.entryFrameBytes,
      unexpectedCloses: report.unexpectedCloses,
      errors: [...posting.failures, ...report.errors],
      window: { ...window, answered: window.answered && posting.failed === 0 },
    };
  } catch (error) {
    if (!cell.alive) throw new Error(`the cell's process died: ${cell.recentOutput().slice(-500)}`, { cause: error });
    throw error;
  } finally {
    await fleet?.close();
    await cell.stop();
  }
}
