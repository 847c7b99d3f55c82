import { z } from 'zod';

/** The stream protocol's version; a client speaking another is refused with `protocol_unsupported`. */
export const STREAM_PROTOCOL = 1;

const CompartmentId = z.string().min(1).max(64);

/**
 * Client → server frames. A client subscribes with, per compartment, the index of the next
 * entry it wants (0 for everything): the server sends what it missed, then live entries.
 *
 * A connection holds one subscription per compartment. Subscribing again to a compartment the
 * connection already follows, whether its backlog is still being sent or it is live, is
 * refused with `already_subscribed` and changes nothing: the entries it would send again are
 * on their way or already sent. To start over from another index, `unsubscribe` first; the
 * backlog sent again counts against the replay budget like any other.
 *
 * Backlog (entries that were in the log when the subscription began) is budgeted per member
 * in bytes per second, shared by every connection of that member, so reconnecting does not
 * reset it. A connection that runs through the budget is cut off with a `resume` frame and
 * the `replayBudget` close code; live entries are never budgeted.
 */
export const ClientFrame = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('hello'),
    protocol: z.number().int(),
    subscriptions: z.array(z.strictObject({ compartment: CompartmentId, from: z.number().int().nonnegative() })).max(100),
  }),
  z.strictObject({ type: z.literal('subscribe'), compartment: CompartmentId, from: z.number().int().nonnegative() }),
  z.strictObject({ type: z.literal('unsubscribe'), compartment: CompartmentId }),
  z.strictObject({ type: z.literal('pong'), time: z.number() }),
]);
export type ClientFrame = z.infer<typeof ClientFrame>;

/**
 * The closed list of codes of the stream's `error` frame. Clients branch on the code, never
 * on the message, which is for people.
 */
export const STREAM_ERROR_CODES = [
  /** The frame is not JSON or not one of the client frames; a few of them close the stream. */
  'malformed_frame',
  'protocol_unsupported',
  /** A compartment that does not exist, or that the party is not in: the same answer for both. */
  'not_found',
  /** The `from` is beyond the log's end. */
  'cursor_invalid',
  /** This connection already follows the compartment; nothing changed. */
  'already_subscribed',
  /**
   * The database could not be reached to start the subscription or send its backlog: the
   * connection does not follow the compartment, and may subscribe again after a pause.
   */
  'unavailable',
] as const;
export const StreamErrorCode = z.enum(STREAM_ERROR_CODES);
export type StreamErrorCode = z.infer<typeof StreamErrorCode>;

export const NOTIFICATION_KINDS = ['reminder', 'urgent-repeat', 'escalation'] as const;

/** Server → client frames. */
export const ServerFrame = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('welcome'),
    protocol: z.number().int(),
    heartbeatMs: z.number().int(),
    member: z.string(),
    party: z.string(),
    /** The server's clock (milliseconds since the epoch), so countdowns can correct for skew. */
    time: z.number(),
  }),
  z.strictObject({
    type: z.literal('entry'),
    compartment: z.string(),
    index: z.number().int(),
    id: z.string(),
    receivedAt: z.string(),
    /** Canonical JSON of the signed envelope, the exact leaf data. */
    leaf: z.string(),
  }),
  /** Everything the subscription missed has been sent; what follows is live. */
  z.strictObject({ type: z.literal('caught-up'), compartment: z.string(), size: z.number().int() }),
  /** The latest checkpoint with every cosignature line; sent again when a party cosigns it. */
  z.strictObject({ type: z.literal('checkpoint'), compartment: z.string(), size: z.number().int(), note: z.string() }),
  z.strictObject({
    type: z.literal('notification'),
    kind: z.enum(NOTIFICATION_KINDS),
    /** The party that owes the answer. */
    party: z.string(),
    compartment: z.string(),
    item: z.string(),
    dueAt: z.string(),
    urgent: z.boolean(),
  }),
  z.strictObject({ type: z.literal('presence'), changed: z.literal(true) }),
  z.strictObject({ type: z.literal('heartbeat'), time: z.number() }),
  /**
   * The server cuts off a client that does not keep up, or that asked for more backlog than
   * its replay budget allows; it reconnects and resubscribes from the `from` of each
   * compartment, losing nothing. `retryAfterMs`, when given, is how long to wait first: the
   * time the budget takes to fill up again. Reconnecting sooner only gets cut off again.
   */
  z.strictObject({
    type: z.literal('resume'),
    reason: z.string(),
    subscriptions: z.array(z.strictObject({ compartment: z.string(), from: z.number().int() })),
    retryAfterMs: z.number().int().nonnegative().optional(),
  }),
  z.strictObject({ type: z.literal('error'), code: StreamErrorCode, message: z.string(), compartment: z.string().optional() }),
]);
export type ServerFrame = z.infer<typeof ServerFrame>;

/** WebSocket close codes of the stream. */
export const STREAM_CLOSE = {
  /** The client did not read fast enough; resume from the hint. */
  slowConsumer: 4008,
  /** The client asked for more backlog than its replay budget allows; resume from the hint, after its `retryAfterMs`. */
  replayBudget: 4029,
  /** A frame from the client was larger than the server accepts (the standard WebSocket code). */
  messageTooBig: 1009,
  /** The session ended or expired. */
  unauthenticated: 4001,
  /** The protocol version or a frame was unusable. */
  protocolError: 4002,
  /** The server is shutting down; reconnect elsewhere or later. */
  goingAway: 1001,
} as const;
