// What the benchmark process and its XMPP client fleet (a child process) say to each other.
import type { LatencySummary } from '../stream/fleet-protocol.ts';

export interface XmppConnectParams {
  service: string;
  domain: string;
  password: string;
  /** One member per name, each logged in once. */
  usernames: string[];
  /** The bare JID of the room every member joins. */
  room: string;
  /** How many members log in and join at the same time. */
  concurrency: number;
  /** Messages with a sequence number below this are delivered and counted but not timed. */
  warmupItems: number;
}

export interface XmppFleetReport {
  clients: number;
  /** Distinct (member, sequence number) pairs received. */
  deliveries: number;
  /** Messages a member received more than once. */
  duplicates: number;
  /** Members still missing some message below the expected count. */
  incompleteClients: number;
  /** Connections that closed while the fleet was running. */
  unexpectedCloses: number;
  errors: string[];
  /** Mean size of a delivered groupchat message, in bytes (from a sample). */
  messageBytes: number;
  /**
   * Delays of the timed deliveries that arrived, on the fleet's clock minus the send time; when
   * none did (a saturated server still delivering the warm-up), of every delivery that arrived.
   */
  latency: LatencySummary;
  /** The warm-up is in `latency`: no timed message arrived. */
  latencyIncludesWarmup: boolean;
  /**
   * Delays of every timed delivery expected, those that never arrived counted as arriving at
   * `censorAt` (a lower bound of their delay): what a member waiting for them saw.
   */
  latencyWithMissing: LatencySummary;
  /** Timed deliveries that never arrived. */
  timedMissing: number;
}

export interface XmppReportParams {
  /** Messages sent: sequence numbers 0 … count-1. */
  count: number;
  /** When each message was due, by sequence number, on the sender's clock. */
  dues: number[];
  /** The end of the wait, on the fleet's clock. */
  censorAt: number;
}

export type XmppFleetCall =
  | { method: 'clock' }
  | { method: 'cpu' }
  | { method: 'connect'; params: XmppConnectParams }
  | { method: 'waitFor'; params: { count: number; timeoutMs: number } }
  | { method: 'report'; params: XmppReportParams }
  | { method: 'shutdown' };

export type XmppFleetRequest = XmppFleetCall & { id: number };

