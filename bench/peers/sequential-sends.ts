import { percentile, type Figure } from '../results.ts';
import { timedText } from '../stream/fleet-protocol.ts';
import { FILLER, fixed } from '../stream/load.ts';
import { CellProcess } from './cell-process.ts';
import { peerSizes, type PeerSizes } from './peer-sizes.ts';
import { machineBusySeconds, sampleProcess } from '../process-usage.ts';
import { Prosody, prosodyMissing } from './prosody.ts';
import { atMostThePeers, attempt, compare, informative, type Comparison, type Outcome } from './side-by-side.ts';
import { XmppSender } from './xmpp-sender.ts';

const COMPARTMENT = 'plenary';
const ROOM = 'plenary';
const RSS_GOAL_MIB = 100;
const wallNow = () => performance.timeOrigin + performance.now();

/** What the cell and the peer acknowledge before the next send goes. */
const WHAT_EACH_ACKNOWLEDGES = 'the cell answers once the signed message is logged and committed, Prosody once it is archived';

interface SendsResult {
  system: string;
  /** ms from the send to its acknowledgment, one per timed send. */
  delays: number[];
  wallMs: number;
  serverCpuSeconds: number;
  /** The server's CPU over the untimed sends before them, from its first request, in seconds. */
  warmupCpuSeconds: number;
  /** The machine's busy time not spent by the server or this process, in seconds. */
  otherCpuSeconds: number;
  rssMiB: number;
  peakMiB: number;
  /** Size of what was sent per message, in bytes. */
  messageBytes: number;
}

/**
 * Romeo and Juliet: one member sends `sends` messages one after another, each waiting for its
 * durable acknowledgment, to the cell (POST /api/v1/items of a signed message, answered 201
 * once committed) and to Prosody (a groupchat message to an archived room, acknowledged by the
 * room's reflection, which Prosody sends after the archive stored it). Each system runs alone,
 * the cell first; the peer's stanzas are padded to the size of the cell's request body.
 */
export async function measurePeerSequentialSends(): Promise<Figure[]> {
  const sizes = peerSizes();
  const cell = await attempt('cell', () => cellSends(sizes));
  if (cell.ok) describe(cell.value);
  const missing = prosodyMissing();
  const peer: Outcome<SendsResult> = missing ? { ok: false, reason: missing } : await attempt('Prosody', () => peerSends(sizes, cell.ok ? cell.value.messageBytes : undefined));
  if (peer.ok) describe(peer.value);

  const label = `${sizes.sends} sends one after another, each awaiting its acknowledgment; ${WHAT_EACH_ACKNOWLEDGES}`;
  const peerName = `Prosody (${sizes.sendsStorage} archive)`;
  const comparisons: Array<Comparison<SendsResult>> = [
    { name: `peer sequential send p50 (${label}) vs ${peerName}`, unit: 'ms', goal: 'informative (the goal is on p99)', pick: (result) => percentile(result.delays, 50), pass: informative },
    { name: `peer sequential send p99 (${label}) vs ${peerName}`, unit: 'ms', goal: "<= the peer's", pick: (result) => percentile(result.delays, 99), pass: atMostThePeers },
    { name: `peer sequential send: server CPU per send (${label}) vs ${peerName}`, unit: 'ms', goal: "<= the peer's", pick: (result) => (result.serverCpuSeconds / result.delays.length) * 1000, pass: atMostThePeers },
    {
      name: `peer sequential send: server CPU per send over the ${sizes.warmupSends} untimed sends before them, from the server's start, vs ${peerName}`,
      unit: 'ms',
      goal: 'informative: what a server just started costs while its code is compiled',
      pick: (result) => (result.warmupCpuSeconds / Math.max(1, sizes.warmupSends)) * 1000,
      pass: informative,
    },
    { name: `peer sequential sends: server RSS after the run (the demo cell) vs ${peerName}`, unit: 'MiB', goal: `<= ${RSS_GOAL_MIB} MiB`, pick: (result) => result.rssMiB, pass: (value) => value <= RSS_GOAL_MIB },
    { name: `peer sequential sends: server peak RSS (the demo cell, logins included) vs ${peerName}`, unit: 'MiB', goal: 'informative', pick: (result) => result.peakMiB, pass: informative },
  ];
  return comparisons.map((comparison) => compare(comparison, cell, peer));
}

async function cellSends(sizes: PeerSizes): Promise<SendsResult> {
  const cell = await CellProcess.start();
  try {
    const sender = await cell.sender();
    const message = (sequence: number) => ({ compartment: COMPARTMENT, payload: { text: timedText(wallNow(), sequence, FILLER), language: 'en' }, authoredAt: new Date().toISOString() });
    const messageBytes = Buffer.byteLength(JSON.stringify(await sender.sign(sender.envelope(message(sizes.warmupSends)))));
    const send = async (sequence: number) => {
      const answer = await sender.send(message(sequence));
      if (answer.status !== 201) throw new Error(`send ${sequence}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`);
    };
    const measured = await timeSends(cell.pid, sizes, send);
    return { system: 'cell', ...measured, messageBytes };
  } catch (error) {
    if (!cell.alive) throw new Error(`the cell's process died: ${cell.recentOutput().slice(-500)}`, { cause: error });
    throw error;
  } finally {
    await cell.stop();
  }
}

async function peerSends(sizes: PeerSizes, requestBytes: number | undefined): Promise<SendsResult> {
  const prosody = await Prosody.start({ accounts: 1, storage: sizes.sendsStorage });
  let sender: XmppSender | undefined;
  try {
    sender = await XmppSender.open(prosody, 0, prosody.roomJid(ROOM));
    const member = sender;
    const sample = timedText(wallNow(), sizes.warmupSends, FILLER);
    const padding = requestBytes === undefined ? '' : member.paddingForSent(requestBytes, sample);
    const send = async (sequence: number) => {
      const reflection = await member.sendAcknowledged(`s${sequence}`, timedText(wallNow(), sequence, FILLER + padding));
      if (!reflection.archived) throw new Error(`send ${sequence} came back without the archive's id (${sizes.sendsStorage} storage; sql needs lua-dbi-sqlite3); Prosody said: ${prosody.recentOutput().slice(-300)}`);
    };
    const measured = await timeSends(prosody.pid, sizes, send);
    return { system: `Prosody (${sizes.sendsStorage} archive)`, ...measured, messageBytes: member.sentBytes(sample + padding) };
  } catch (error) {
    if (!prosody.alive) throw new Error(`Prosody died: ${prosody.recentOutput().slice(-500)}`, { cause: error });
    throw error;
  } finally {
    sender?.close();
    await prosody.stop();
  }
}

/** The warm-up sends, then the timed ones with the server's CPU over them and its memory after. */
async function timeSends(pid: number, sizes: PeerSizes, send: (sequence: number) => Promise<void>): Promise<Omit<SendsResult, 'system' | 'messageBytes'>> {
  const started = sampleProcess(pid);
  for (let n = 0; n < sizes.warmupSends; n++) await send(n);
  const before = sampleProcess(pid);
  const machine = machineBusySeconds();
  const bench = process.cpuUsage();
  const startedAt = performance.now();
  const delays: number[] = [];
  for (let n = 0; n < sizes.sends; n++) {
    const sent = performance.now();
    await send(sizes.warmupSends + n);
    delays.push(performance.now() - sent);
  }
  const wallMs = performance.now() - startedAt;
  const after = sampleProcess(pid);
  const own = process.cpuUsage(bench);
  const serverCpuSeconds = after.cpuSeconds - before.cpuSeconds;
  const otherCpuSeconds = Math.max(0, machineBusySeconds() - machine - serverCpuSeconds - (own.user + own.system) / 1e6);
  return { delays, wallMs, serverCpuSeconds, warmupCpuSeconds: before.cpuSeconds - started.cpuSeconds, otherCpuSeconds, rssMiB: after.rssMiB, peakMiB: after.peakMiB };
}

function describe(result: SendsResult): void {
  const core = (seconds: number) => `${fixed((seconds / result.wallMs) * 100_000, 0)}%`;
  console.error(
    `  ${result.system}: ${result.delays.length} sends in ${fixed(result.wallMs / 1000, 1)} s, ms per send p50 ${fixed(percentile(result.delays, 50))} p90 ${fixed(percentile(result.delays, 90))} ` +
      `p99 ${fixed(percentile(result.delays, 99))} max ${fixed(Math.max(...result.delays))}; server CPU ${fixed((result.serverCpuSeconds / result.delays.length) * 1000, 3)} ms per send (${core(result.serverCpuSeconds)} of a core; ${fixed(result.warmupCpuSeconds * 1000, 0)} ms over the warm-up), ` +
      `RSS ${fixed(result.rssMiB, 0)} MiB (peak ${fixed(result.peakMiB, 0)}); other processes ${core(result.otherCpuSeconds)} of a core; ${result.messageBytes} B per message`,
  );
}
