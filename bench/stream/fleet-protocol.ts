// What the benchmark process and its client fleet (a child process) say to each other over IPC.

/** One stream client to open: the headers a browser would send (session cookie, Origin). */
export interface ClientSpec {
  headers: Record<string, string>;
}

export interface ConnectParams {
  /** ws:// address of the stream. */
  url: string;
  clients: ClientSpec[];
  compartment: string;
  /** The next index every client wants first (the log's size when the run starts). */
  from: number;
  /** How many clients open their connection at the same time while connecting. */
  concurrency: number;
  /** Entries with a sequence number below this are delivered and counted but not timed. */
  warmupItems: number;
  /** Sequence numbers per step of the report's timeline (one second of load, say). */
  timelineItems: number;
}

/** Percentiles of the delivery delays, in milliseconds of the fleet's clock minus the send time. */
export interface LatencySummary {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  max: number;
  mean: number;
}

export interface FleetReport {
  clients: number;
  /** Distinct (client, index) pairs received. */
  deliveries: number;
  /** Entries a client received more than once (before dedupe). */
  duplicates: number;
  /** Clients still missing some index below the expected size (when one was given). */
  incompleteClients: number;
  /** Connections opened, first ones included. */
  connects: number;
  /** Connections the fleet terminated on purpose. */
  kills: number;
  /** Closes the fleet did not cause (server cut-offs, errors). */
  unexpectedCloses: number;
  /** Clients whose socket is open at the time of the report (the others are reconnecting). */
  openNow: number;
  /** `resume` frames received (the server cut a slow consumer off). */
  resumeHints: number;
  /** `error` frames received. */
  errors: string[];
  /** Mean size of an entry frame, in bytes. */
  entryFrameBytes: number;
  /** Delays of timed deliveries (the send time is taken from the entry's text). */
  latency: LatencySummary;
  /** The delays of each step of `timelineItems` sequence numbers, warm-up included. */
  timeline: Array<LatencySummary | null>;
}

export type FleetCall =
  | { method: 'clock' }
  | { method: 'cpu' }
  | { method: 'connect'; params: ConnectParams }
  | { method: 'waitFor'; params: { size: number; timeoutMs: number } }
  | { method: 'chaos'; params: { kills: number; perSecond: number } }
  | { method: 'report'; params: { size: number } }
  | { method: 'window'; params: { ranges: Array<[first: number, end: number]> } }
  | { method: 'shutdown' };

export type FleetRequest = FleetCall & { id: number };

/** The text of a timed item: the send time (ms, the sender's clock) and its sequence number. */
export function timedText(sentAt: number, sequence: number, filler: string): string {
  return `bench t=${sentAt.toFixed(3)} n=${sequence} ${filler}`;
}

/** Reads what {@link timedText} wrote from anywhere in a frame. */
export const TIMED_TEXT = / t=(\d+(?:\.\d+)?) n=(\d+) /;
