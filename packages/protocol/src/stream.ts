import { z } from 'zod';

/** The stream protocol's version; a client speaking another is refused with `protocol_unsupported`. */
export const STREAM_PROTOCOL = 1;

const CompartmentId = z.string().min(1).max(64);

/**
 * Client → server frames. A client subscribes with, per compartment, the index of the next
 * entry it wants (0 for everything): the server sends what it missed, then live entries.
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
   * The server cuts off a client that does not keep up; it reconnects and resubscribes from
   * the `from` of each compartment, losing nothing.
   */
  z.strictObject({ type: z.literal('resume'), reason: z.string(), subscriptions: z.array(z.strictObject({ compartment: z.string(), from: z.number().int() })) }),
  z.strictObject({ type: z.literal('error'), code: z.string(), message: z.string(), compartment: z.string().optional() }),
]);
export type ServerFrame = z.infer<typeof ServerFrame>;

/** WebSocket close codes of the stream. */
export const STREAM_CLOSE = {
  /** The client did not read fast enough; resume from the hint. */
  slowConsumer: 4008,
  /** The session ended or expired. */
  unauthenticated: 4001,
  /** The protocol version or a frame was unusable. */
  protocolError: 4002,
  /** The server is shutting down; reconnect elsewhere or later. */
  goingAway: 1001,
} as const;
