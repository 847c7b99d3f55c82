// The XMPP client fleet: a child process holding the room's members, so that their reading
// runs on its own event loop and does not count as the server's or the sender's time. Driven
// over IPC by xmpp-fleet.ts, as stream/fleet-child.ts is for the cell.
//
// Each member logs in and joins with @xmpp/client; from then on its socket is read raw, as
// the cell's fleet reads its frames: the timing mark of each groupchat message is found with
// a regular expression instead of building its XML tree, which for 600 members × 200
// messages a second would cost the fleet more than the server.
import { serveRpc } from '../child-rpc.ts';
import type { Client } from '@xmpp/client';
import { TIMED_TEXT } from '../stream/fleet-protocol.ts';
import { DelaySamples, waitForEveryone } from '../stream/delay-samples.ts';
import type { XmppConnectParams, XmppFleetReport, XmppFleetRequest, XmppReportParams } from './xmpp-fleet-protocol.ts';
import { hangUp, joinPresence, logIn } from './xmpp-session.ts';

const now = () => performance.timeOrigin + performance.now();
const TIMED = new RegExp(TIMED_TEXT.source, 'g');
/** The room's answer to a join: the member's own presence carries status code 110. */
const SELF_PRESENCE = /code=["']110["']/;
const JOIN_REFUSED = /<presence[^>]*type=["']error["']/;
/** What is kept of a chunk for the next one: enough for a timing mark cut in two. */
const CARRY_CHARS = 96;
const JOIN_TIMEOUT_MS = 60_000;
const SAMPLED_MESSAGES = 1000;

interface Member {
  session: Client | undefined;
  /** The end of the previous chunk not yet matched. */
  carry: string;
  joined: (() => void) | undefined;
  refused: ((reason: string) => void) | undefined;
  /** seen[sequence] is 1 once the message was received. */
  seen: Uint8Array;
  /** Every sequence number below this was received. */
  next: number;
  distinct: number;
  duplicates: number;
}

let params: XmppConnectParams | undefined;
const members: Member[] = [];
const delays = new DelaySamples();
let stopping = false;
let unexpectedCloses = 0;
const errors: string[] = [];
let sampledBytes = 0;
let sampledMessages = 0;

function note(error: string): void {
  if (errors.length < 20) errors.push(error);
}

function read(member: Member, data: Buffer): void {
  const at = now();
  const text = member.carry + data.toString('latin1');
  let consumed = 0;
  TIMED.lastIndex = 0;
  for (let found = TIMED.exec(text); found; found = TIMED.exec(text)) {
    consumed = TIMED.lastIndex;
    const sequence = Number(found[2]);
    if (sequence >= member.seen.length) {
      const grown = new Uint8Array(Math.max(sequence + 1, member.seen.length * 2));
      grown.set(member.seen);
      member.seen = grown;
    }
    if (member.seen[sequence]) {
      member.duplicates += 1;
      continue;
    }
    member.seen[sequence] = 1;
    member.distinct += 1;
    while (member.seen[member.next]) member.next += 1;
    delays.push(at - Number(found[1]), sequence);
    if (sampledMessages < SAMPLED_MESSAGES) sample(text, found.index);
  }
  if (member.joined && SELF_PRESENCE.test(text)) {
    member.joined();
    member.joined = undefined;
  } else if (member.refused && JOIN_REFUSED.test(text)) {
    member.refused(text.slice(0, 300));
  }
  member.carry = text.slice(Math.max(consumed, text.length - CARRY_CHARS));
}

/** The size of the message around a timing mark, when the whole of it is in this chunk. */
function sample(text: string, mark: number): void {
  const start = text.lastIndexOf('<message', mark);
  const end = text.indexOf('</message>', mark);
  if (start < 0 || end < 0) return;
  sampledBytes += end + '</message>'.length - start;
  sampledMessages += 1;
}

async function join(member: Member, username: string, given: XmppConnectParams): Promise<void> {
  const session = await logIn({ service: given.service, domain: given.domain, username, password: given.password, rawReader: (data) => read(member, data) });
  member.session = session;
  session.on('error', (error) => note(`${username}: ${error.message}`));
  session.on('status', (status) => {
    if (status === 'disconnect' && !stopping) unexpectedCloses += 1;
  });
  const joined = new Promise<void>((resolve, reject) => {
    member.joined = resolve;
    member.refused = (reason) => reject(new Error(`${username} could not join: ${reason}`));
    setTimeout(() => reject(new Error(`${username} was not in the room ${JOIN_TIMEOUT_MS} ms after asking`)), JOIN_TIMEOUT_MS).unref();
  });
  await session.send(joinPresence(given.room, username));
  await joined;
  member.refused = undefined;
}

/** Logs every member in and into the room, a few at a time. */
async function connect(given: XmppConnectParams): Promise<{ connected: number; ms: number }> {
  params = given;
  const started = now();
  let nextMember = 0;
  const worker = async () => {
    while (nextMember < given.usernames.length) {
      const username = given.usernames[nextMember++] as string;
      const member: Member = { session: undefined, carry: '', joined: undefined, refused: undefined, seen: new Uint8Array(4096), next: 0, distinct: 0, duplicates: 0 };
      members.push(member);
      await join(member, username, given);
    }
  };
  await Promise.all(Array.from({ length: given.concurrency }, worker));
  return { connected: members.length, ms: now() - started };
}

/** Waits until every member has every message below `count`, or the time is up. */
function waitFor(count: number, timeoutMs: number): Promise<{ complete: boolean; lagging: number; ms: number }> {
  return waitForEveryone(() => members.filter((member) => member.next < count).length, timeoutMs);
}

function report({ count, dues, censorAt }: XmppReportParams): XmppFleetReport {
  const firstTimed = params?.warmupItems ?? 0;
  const missing: number[] = [];
  for (const member of members) {
    for (let sequence = Math.max(firstTimed, member.next); sequence < count; sequence++) if (!member.seen[sequence]) missing.push(censorAt - (dues[sequence] ?? NaN));
  }
  const timed = delays.summary(firstTimed);
  return {
    clients: members.length,
    deliveries: members.reduce((sum, member) => sum + member.distinct, 0),
    duplicates: members.reduce((sum, member) => sum + member.duplicates, 0),
    incompleteClients: members.filter((member) => member.next < count).length,
    unexpectedCloses,
    errors,
    messageBytes: sampledMessages ? sampledBytes / sampledMessages : 0,
    latency: timed.count > 0 ? timed : delays.summary(0),
    latencyIncludesWarmup: timed.count === 0,
    latencyWithMissing: delays.summary(firstTimed, missing),
    timedMissing: missing.length,
  };
}

async function handle(request: XmppFleetRequest): Promise<unknown> {
  switch (request.method) {
    case 'clock':
      return now();
    case 'cpu': {
      const { user, system } = process.cpuUsage();
      return (user + system) / 1000;
    }
    case 'connect':
      return connect(request.params);
    case 'waitFor':
      return waitFor(request.params.count, request.params.timeoutMs);
    case 'report':
      return report(request.params);
    case 'shutdown':
      stopping = true;
      for (const member of members) if (member.session) hangUp(member.session);
      setTimeout(() => process.exit(0), 50).unref();
      return true;
  }
}

serveRpc(handle);
