import { timedText } from '../stream/fleet-protocol.ts';
import { FILLER, sleep } from '../stream/load.ts';
import type { FanOutResult } from './fan-out-result.ts';
import { runLoad } from './load-window.ts';
import type { PeerSizes } from './peer-sizes.ts';
import { Prosody, XMPP_DOMAIN } from './prosody.ts';
import { XmppFleet } from './xmpp-fleet.ts';
import { XmppSender } from './xmpp-sender.ts';

const ROOM = 'plenary';
const CONNECT_CONCURRENCY = 20;
/** 600 members logging in and joining one by one (each join is announced to all before it). */
const CONNECT_TIMEOUT_MS = 300_000;

/**
 * Prosody's side of the fan-out: `members` occupants of one persistent, archived MUC room in
 * the XMPP fleet's process, one more member sending from this process at the rate. The
 * messages are padded so that each member receives as many bytes per message as a stream
 * client of the cell does (`frameBytes`).
 */
export async function peerFanOut(sizes: PeerSizes, frameBytes: number | undefined): Promise<FanOutResult> {
  const prosody = await Prosody.start({ accounts: sizes.members + 1, storage: sizes.fanOutStorage });
  let fleet: XmppFleet | undefined;
  let sender: XmppSender | undefined;
  try {
    const room = prosody.roomJid(ROOM);
    // The sender joins first: the room is created by its first occupant.
    sender = await XmppSender.open(prosody, sizes.members, room);
    fleet = await XmppFleet.start();
    const warmupItems = sizes.warmupSeconds * sizes.perSecond;
    const count = warmupItems + sizes.seconds * sizes.perSecond;
    const usernames = Array.from({ length: sizes.members }, (_, n) => prosody.username(n));
    const connected = await fleet.connect({ service: prosody.service, domain: XMPP_DOMAIN, password: prosody.password, usernames, room, concurrency: CONNECT_CONCURRENCY, warmupItems }, CONNECT_TIMEOUT_MS);
    console.error(`  Prosody: ${connected.connected} members logged in and joined in ${Math.round(connected.ms)} ms (${sizes.fanOutStorage} archive)`);
    await sleep(1000);
    // Padded so that each member receives as many bytes per message as the cell's stream clients.
    const padding = frameBytes === undefined ? '' : await sender.paddingForDelivered(frameBytes, timedText(performance.timeOrigin + performance.now(), count, FILLER));
    await fleet.calibrate();
    const xmppFleet = fleet;
    const sending = sender;
    const dues: number[] = [];
    const window = await runLoad({
      pid: prosody.pid,
      perSecond: sizes.perSecond,
      count,
      drainMs: sizes.drainMs,
      send: (sequence, due) => {
        dues[sequence] = due;
        sending.send(`m${sequence}`, timedText(due, sequence, FILLER + padding));
      },
      // Nothing to await: the room's reflections are deliveries like any other.
      sendsAnswered: async () => undefined,
      waitFor: (timeoutMs) => xmppFleet.waitFor(count, timeoutMs),
      fleetCpuMs: () => xmppFleet.cpuMs(),
    });
    const report = await fleet.report(count, dues, window.endedAt);
    return {
      system: 'Prosody',
      members: sizes.members,
      sent: count,
      expected: count * sizes.members,
      deliveries: report.deliveries,
      latency: report.latency,
      latencyIncludesWarmup: report.latencyIncludesWarmup,
      latencyWithMissing: report.latencyWithMissing,
      frameBytes: report.messageBytes,
      unexpectedCloses: report.unexpectedCloses,
      errors: sender.failures > 0 ? [`${sender.failures} sends failed`, ...report.errors] : report.errors,
      window: { ...window, answered: window.answered && sender.failures === 0 },
    };
  } catch (error) {
    if (!prosody.alive) throw new Error(`Prosody died: ${prosody.recentOutput().slice(-500)}`, { cause: error });
    throw error;
  } finally {
    sender?.close();
    await fleet?.close();
    await prosody.stop();
  }
}
