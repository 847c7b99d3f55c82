// The stream's frame handling (server StreamConnection) over generated client frames, with a
// socket and an entry feed in memory: every frame the server sends is a valid server frame and
// every close code one of the protocol's; refusals come in the order the client's frames
// asked for them; a compartment the party is not in is never read, let alone sent; and a
// compartment subscribed once gets exactly its entries from the cursor asked, then caught-up.

import { ClientFrame, ServerFrame, STREAM_CLOSE, STREAM_PROTOCOL } from '@fusion-cell/protocol';
import fc from 'fast-check';
import type { WebSocket } from 'ws';
import type { EntryFeed, FeedEntry } from '../../packages/server/src/stream/entry-feed.ts';
import { ReplayBudget } from '../../packages/server/src/stream/replay-budget.ts';
import { StreamConnection } from '../../packages/server/src/stream/stream-connection.ts';
import type { Actor } from '../../packages/server/src/policy/actor.ts';
import { accepted, crash, describeThrown, invalidAccepted, validRefused, type FuzzTarget, type Verdict } from './fuzz-target.ts';
import { framesFor, frameTexts, type FrameText } from './stream-frames.ts';

/** The logs in the feed: the actor's party is in the first three. */
const LOG_SIZES: ReadonlyMap<string, number> = new Map([
  ['plenary', 7],
  ['caucus-sy', 3],
  ['internal-sy', 0],
  ['caucus-il', 4],
]);
const VISIBLE = new Set(['plenary', 'caucus-sy', 'internal-sy']);
const MAX_BAD_FRAMES = 5;

const actor: Actor = {
  memberId: 'member-1',
  username: 'sy.duty1',
  displayName: 'Duty',
  partyId: 'sy',
  partyKind: 'side',
  roles: new Set(['duty']),
  compartments: VISIBLE,
};

function entry(compartment: string, index: number): FeedEntry {
  const stream = { compartment, index, id: `${compartment}-${index}`, receivedAt: new Date(index * 1000).toISOString(), leaf: `{"leaf":${index}}` };
  return { ...stream, frame: Buffer.from(JSON.stringify({ type: 'entry', ...stream })) };
}

/** A feed in memory that notes every compartment it is asked about. */
function memoryFeed(asked: Set<string>): EntryFeed {
  const logs = new Map([...LOG_SIZES].map(([compartment, size]) => [compartment, Array.from({ length: size }, (_, index) => entry(compartment, index))]));
  const of = (compartment: string) => {
    asked.add(compartment);
    return logs.get(compartment) ?? [];
  };
  const feed = {
    size: async (compartment: string) => of(compartment).length,
    knownSize: (compartment: string) => of(compartment).length,
    readRecent: (compartment: string, from: number, limit: number) => of(compartment).slice(from, from + limit),
    read: async (compartment: string, from: number, limit: number) => of(compartment).slice(from, from + limit),
  };
  return feed as unknown as EntryFeed;
}

class MemorySocket {
  readonly OPEN = 1;
  readonly CLOSED = 3;
  readyState = 1;
  bufferedAmount = 0;
  readonly sent: string[] = [];
  readonly closes: number[] = [];
  send(data: string | Buffer): void {
    this.sent.push(data.toString());
  }
  close(code: number): void {
    this.closes.push(code);
    this.readyState = this.CLOSED;
  }
  terminate(): void {
    this.readyState = this.CLOSED;
  }
}

export interface StreamSession {
  frames: FrameText[];
  /** A small budget cuts catching up short; a large one never does. */
  budgetBytes: number;
}

export const streamSessions: fc.Arbitrary<StreamSession> = fc.record({
  frames: fc.array(frameTexts(framesFor([...LOG_SIZES.keys()])), { minLength: 1, maxLength: 8 }),
  budgetBytes: fc.oneof({ weight: 4, arbitrary: fc.constant(1e9) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 400 }) }),
});

type Expected = { error: string; compartment?: string } | { close: number };

/** What the server must answer each frame with, as far as it can be known before sending. */
function expectations(session: StreamSession): { errors: Expected[]; subscribedOnce: Map<string, number> } {
  const errors: Expected[] = [];
  const following = new Set<string>();
  const subscriptions = new Map<string, number[]>();
  const unsubscribed = new Set<string>();
  let bad = 0;
  const subscribe = (compartment: string, from: number) => {
    if (!VISIBLE.has(compartment)) return errors.push({ error: 'not_found', compartment });
    if (following.has(compartment)) return errors.push({ error: 'already_subscribed', compartment });
    if (from > LOG_SIZES.get(compartment)!) return errors.push({ error: 'cursor_invalid', compartment });
    following.add(compartment);
    subscriptions.set(compartment, [...(subscriptions.get(compartment) ?? []), from]);
    return 0;
  };
  for (const { text } of session.frames) {
    let frame: ClientFrame;
    try {
      frame = ClientFrame.parse(JSON.parse(text));
    } catch {
      bad += 1;
      errors.push({ error: 'malformed_frame' });
      if (bad >= MAX_BAD_FRAMES) {
        errors.push({ close: STREAM_CLOSE.protocolError });
        break;
      }
      continue;
    }
    if (frame.type === 'hello' && frame.protocol !== STREAM_PROTOCOL) {
      errors.push({ error: 'protocol_unsupported' }, { close: STREAM_CLOSE.protocolError });
      break;
    }
    if (frame.type === 'hello') for (const subscription of frame.subscriptions) subscribe(subscription.compartment, subscription.from);
    if (frame.type === 'subscribe') subscribe(frame.compartment, frame.from);
    if (frame.type === 'unsubscribe') {
      following.delete(frame.compartment);
      unsubscribed.add(frame.compartment);
    }
  }
  const subscribedOnce = new Map<string, number>();
  for (const [compartment, froms] of subscriptions) if (froms.length === 1 && !unsubscribed.has(compartment)) subscribedOnce.set(compartment, froms[0]!);
  return { errors, subscribedOnce };
}

async function settle(): Promise<void> {
  for (let turn = 0; turn < 30; turn += 1) await new Promise((resolve) => setImmediate(resolve));
}

async function judgeSession(session: StreamSession): Promise<Verdict> {
  const socket = new MemorySocket();
  const asked = new Set<string>();
  const failures: unknown[] = [];
  const connection = new StreamConnection(socket as unknown as WebSocket, actor, 'token', {
    feed: memoryFeed(asked),
    latestCheckpoint: async (compartment) => ({ size: LOG_SIZES.get(compartment) ?? 0, note: `checkpoint of ${compartment}\n` }),
    budget: new ReplayBudget(session.budgetBytes, () => 0),
    onError: (error) => failures.push(error),
  });
  for (const { text } of session.frames) {
    if (socket.readyState !== socket.OPEN) break;
    try {
      await connection.receive(text);
    } catch (error) {
      return crash(`receive threw ${describeThrown(error)}`);
    }
  }
  await settle();
  if (failures.length > 0) return crash(`the connection failed: ${describeThrown(failures[0])}`);
  const leaked = [...asked].filter((compartment) => !VISIBLE.has(compartment));
  if (leaked.length > 0) return invalidAccepted(`read the feed of ${leaked.join(', ')}, which the party is not in`);

  const frames: ServerFrame[] = [];
  for (const text of socket.sent) {
    const parsed = ServerFrame.safeParse(JSON.parse(text));
    if (!parsed.success) return crash(`sent a frame outside the protocol: ${text.slice(0, 200)}`);
    frames.push(parsed.data);
  }
  const closeCodes = new Set<number>(Object.values(STREAM_CLOSE));
  const unknownClose = socket.closes.find((code) => !closeCodes.has(code));
  if (unknownClose !== undefined) return crash(`closed with ${unknownClose}, not a code of the protocol`);
  if (frames.some((frame) => 'compartment' in frame && frame.type !== 'error' && frame.compartment !== undefined && !VISIBLE.has(frame.compartment))) {
    return invalidAccepted('sent frames of a compartment the party is not in');
  }
  // Cut off for its budget, a connection says where to resume; only the rest can be compared.
  if (socket.closes.includes(STREAM_CLOSE.replayBudget)) {
    return frames.some((frame) => frame.type === 'resume') ? accepted : crash('cut off without a resume frame');
  }
  const { errors, subscribedOnce } = expectations(session);
  const got: Expected[] = [];
  for (const frame of frames) if (frame.type === 'error') got.push(frame.compartment === undefined ? { error: frame.code } : { error: frame.code, compartment: frame.compartment });
  for (const code of socket.closes) got.push({ close: code });
  const expectedErrors = JSON.stringify(errors);
  const gotErrors = JSON.stringify(got);
  if (expectedErrors !== gotErrors) {
    const wrongRefusal = got.length > errors.length ? invalidAccepted : validRefused;
    return wrongRefusal(`answered ${gotErrors}, expected ${expectedErrors}`);
  }
  for (const [compartment, from] of subscribedOnce) {
    const size = LOG_SIZES.get(compartment)!;
    const indexes = frames.filter((frame) => frame.type === 'entry' && frame.compartment === compartment).map((frame) => (frame as { index: number }).index);
    const wanted = Array.from({ length: size - from }, (_, offset) => from + offset);
    // A connection closed by later frames stops catching up: what it sent is a prefix.
    const closed = socket.closes.length > 0;
    const sent = closed ? wanted.slice(0, indexes.length) : wanted;
    if (JSON.stringify(indexes) !== JSON.stringify(sent)) return validRefused(`${compartment} from ${from} sent entries ${JSON.stringify(indexes)}`);
    if (closed) continue;
    const caughtUp = frames.find((frame) => frame.type === 'caught-up' && frame.compartment === compartment);
    if (!caughtUp || (caughtUp as { size: number }).size !== size) return validRefused(`${compartment} from ${from} never caught up at ${size}`);
  }
  return accepted;
}

export const streamConnectionTarget: FuzzTarget<StreamSession> = { name: 'stream frames (server connection)', inputs: streamSessions, judge: judgeSession };
