// The client fleet: a child process holding many stream clients, so that their reading and
// parsing runs on its own event loop (and, with two cores, mostly on the other core) and
// does not count as server time. Driven over IPC by fleet.ts.
import { serveRpc } from '../child-rpc.ts';
import WebSocket from 'ws';
import { DelaySamples, waitForEveryone } from './delay-samples.ts';
import { TIMED_TEXT, type ClientSpec, type ConnectParams, type FleetReport, type FleetRequest } from './fleet-protocol.ts';

const now = () => performance.timeOrigin + performance.now();
const INDEX = /"index":(\d+)/;
const HANDSHAKE_TIMEOUT_MS = 10_000;

interface Client {
  spec: ClientSpec;
  socket: WebSocket | undefined;
  /** Every index below this was received: the `from` of the next subscription. */
  next: number;
  /** seen[index - base] is 1 once the index was received. */
  seen: Uint8Array;
  distinct: number;
  duplicates: number;
  /** The socket the fleet terminated on purpose, whose close is expected. */
  killed: WebSocket | undefined;
  caughtUp: (() => void) | undefined;
}

let params: ConnectParams | undefined;
const clients: Client[] = [];
const latencies = new DelaySamples();
let stopping = false;
let connects = 0;
let kills = 0;
let unexpectedCloses = 0;
let resumeHints = 0;
const errors: string[] = [];
let entryFrames = 0;
let entryBytes = 0;

function open(client: Client): void {
  if (stopping || !params) return;
  const { url, compartment } = params;
  // A handshake the server never answers fails, and the client tries again, instead of hanging
  // in CONNECTING for good (the disconnections wait for open sockets).
  const socket = new WebSocket(url, { headers: client.spec.headers, perMessageDeflate: false, skipUTF8Validation: true, handshakeTimeout: HANDSHAKE_TIMEOUT_MS });
  client.socket = socket;
  connects += 1;
  socket.on('open', () => socket.send(JSON.stringify({ type: 'hello', protocol: 1, subscriptions: [{ compartment, from: client.next }] })));
  socket.on('message', (data) => receive(client, data as Buffer));
  socket.on('error', (error) => {
    if (client.killed !== socket && errors.length < 20) errors.push(`socket: ${error.message}`);
  });
  socket.on('close', () => {
    if (client.socket !== socket) return;
    client.socket = undefined;
    const expected = client.killed === socket;
    client.killed = undefined;
    if (!expected) unexpectedCloses += 1;
    if (stopping) return;
    // Resume at once after a forced disconnection; back off a little after anything else.
    if (expected) setImmediate(() => open(client));
    else setTimeout(() => open(client), 50);
  });
}

function receive(client: Client, data: Buffer): void {
  const at = now();
  const text = data.toString('latin1');
  if (text.startsWith('{"type":"entry"')) {
    entryFrames += 1;
    entryBytes += data.length;
    const base = params?.from ?? 0;
    const slot = Number(INDEX.exec(text)?.[1] ?? NaN) - base;
    if (!(slot >= 0)) {
      if (errors.length < 20) errors.push(`entry without a usable index: ${text.slice(0, 80)}`);
      return;
    }
    if (slot >= client.seen.length) {
      const grown = new Uint8Array(Math.max(slot + 1, client.seen.length * 2));
      grown.set(client.seen);
      client.seen = grown;
    }
    if (client.seen[slot]) {
      client.duplicates += 1;
      return;
    }
    client.seen[slot] = 1;
    client.distinct += 1;
    while (client.seen[client.next - base]) client.next += 1;
    const timed = TIMED_TEXT.exec(text);
    if (!timed) return;
    latencies.push(at - Number(timed[1]), Number(timed[2]));
    return;
  }
  const frame = JSON.parse(text) as { type: string; code?: string; message?: string };
  if (frame.type === 'caught-up') {
    const wake = client.caughtUp;
    client.caughtUp = undefined;
    wake?.();
  } else if (frame.type === 'resume') {
    resumeHints += 1;
  } else if (frame.type === 'error' && errors.length < 20) {
    errors.push(`${frame.code ?? '?'}: ${frame.message ?? ''}`);
  }
}

/** Opens every client, a few at a time, each waiting for its `caught-up`. */
async function connect(given: ConnectParams): Promise<{ connected: number; ms: number }> {
  params = given;
  const started = now();
  let nextClient = 0;
  const worker = async () => {
    while (nextClient < given.clients.length) {
      const spec = given.clients[nextClient++] as ClientSpec;
      const client: Client = { spec, socket: undefined, next: given.from, seen: new Uint8Array(4096), distinct: 0, duplicates: 0, killed: undefined, caughtUp: undefined };
      clients.push(client);
      await new Promise<void>((resolve) => {
        client.caughtUp = resolve;
        open(client);
      });
    }
  };
  await Promise.all(Array.from({ length: given.concurrency }, worker));
  return { connected: clients.length, ms: now() - started };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until every client has every index below `size`. */
function waitFor(size: number, timeoutMs: number): Promise<{ complete: boolean; lagging: number; ms: number }> {
  return waitForEveryone(() => clients.filter((client) => client.next < size).length, timeoutMs);
}

/**
 * Terminates open sockets at random moments (a Poisson process) until `total` were cut. The
 * moments are scheduled from the start, not from the previous cut: on a busy machine, where
 * every timer fires late, the overdue cuts happen together as soon as the process gets a turn
 * instead of pushing all later ones back, so the run lasts about total ÷ perSecond seconds
 * rather than total × the timers' lateness.
 */
async function chaos(total: number, perSecond: number): Promise<{ kills: number; ms: number }> {
  const started = now();
  let due = started;
  let done = 0;
  while (done < total && !stopping) {
    due += -Math.log(1 - Math.random()) * (1000 / perSecond);
    const wait = due - now();
    if (wait > 0) await sleep(wait);
    // The cut is owed: with every socket down, wait for one to come back rather than skip it.
    let victim = liveClient();
    while (!victim && !stopping) {
      await sleep(1);
      victim = liveClient();
    }
    if (!victim?.socket) break;
    victim.killed = victim.socket;
    victim.socket.terminate();
    done += 1;
    kills += 1;
    // Overdue cuts go out one after the other, but let the reconnections' I/O in between.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { kills: done, ms: now() - started };
}

function liveClient(): Client | undefined {
  const live = clients.filter((client) => client.socket?.readyState === WebSocket.OPEN);
  return live[Math.floor(Math.random() * live.length)];
}

function report(size: number): FleetReport {
  return {
    clients: clients.length,
    deliveries: clients.reduce((sum, client) => sum + client.distinct, 0),
    duplicates: clients.reduce((sum, client) => sum + client.duplicates, 0),
    incompleteClients: clients.filter((client) => client.next < size).length,
    connects,
    kills,
    unexpectedCloses,
    openNow: clients.filter((client) => client.socket?.readyState === WebSocket.OPEN).length,
    resumeHints,
    errors,
    entryFrameBytes: entryFrames ? entryBytes / entryFrames : 0,
    latency: latencies.summary(params?.warmupItems ?? 0),
    timeline: latencies.timeline(params?.timelineItems ?? Number.MAX_SAFE_INTEGER),
  };
}

async function handle(request: FleetRequest): Promise<unknown> {
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
      return waitFor(request.params.size, request.params.timeoutMs);
    case 'chaos':
      return chaos(request.params.kills, request.params.perSecond);
    case 'report':
      return report(request.params.size);
    case 'window':
      return latencies.within(request.params.ranges);
    case 'shutdown':
      stopping = true;
      for (const client of clients) client.socket?.terminate();
      setTimeout(() => process.exit(0), 50).unref();
      return true;
  }
}

serveRpc(handle);
