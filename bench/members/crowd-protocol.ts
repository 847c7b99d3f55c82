// What the benchmark and its crowd of simulated members (a child process) say over IPC.

export interface MemberLogin {
  username: string;
  password: string;
  party: string;
}

/** How often a member does what it does: a person at a watch console, not a script. */
export interface Behaviour {
  /** Reading the watch (what the party owes, what it awaits; the supervisors' open view). */
  watchEveryMs: number;
  /** Asking who is on watch, as the console does on its own. */
  presenceEveryMs: number;
  /** Sending a signed message. */
  messageEveryMs: number;
  /** The share of messages (in the plenary or a caucus) that ask for an acknowledgment. */
  ackRequestedShare: number;
  /**
   * Read the watch again after every entry the stream brings (and presence after every
   * presence frame), a short debounce apart, as the web app's console does, instead of on a
   * timer of its own.
   */
  followsStream: boolean;
  /**
   * Entries a reopened console replays on each compartment when it subscribes: it kept the
   * record up to a moment ago, as the web app keeps it between visits.
   */
  replayEntries: number;
}

export interface CrowdSetup {
  cellId: string;
  /** Server instances; member n talks to instance n mod length, as a load balancer pinning sessions would. */
  baseUrls: string[];
  behaviour: Behaviour;
}

export interface JoinResult {
  joined: number;
  failed: number;
  errors: string[];
}

/** Times of one kind of request (or of every request), in ms. */
export interface RequestSummary {
  count: number;
  mean: number;
  p99: number;
  max: number;
  /** Answers 400–499 (refusals: a race to acknowledge lost, say), 500–599, and none at all. */
  clientErrors: number;
  serverErrors: number;
  noAnswer: number;
}

export interface WindowReport {
  ms: number;
  members: number;
  all: RequestSummary;
  byKind: Record<string, RequestSummary>;
  /** Send → delivery of timed messages over the stream, in ms (sender and readers share a clock). */
  delivery: { count: number; p50: number; p99: number; max: number };
  /** Streams the server closed or that failed, `error` frames and `resume` hints. */
  unexpectedCloses: number;
  errorFrames: number;
  resumeHints: number;
  /** A sample of what went wrong, for the log. */
  errors: string[];
  /** The crowd process's own event-loop delay: high values mean its clock, not the server, added time. */
  loopDelayP99: number;
  loopDelayMax: number;
}

export interface DeliveryCheck {
  /** Member subscriptions checked (a member follows three or four compartments). */
  subscriptions: number;
  /** Of those, the ones still missing entries after the grace period. */
  lagging: number;
  ms: number;
}

export type CrowdCall =
  | { method: 'setup'; params: CrowdSetup }
  | { method: 'join'; params: { logins: Array<MemberLogin & { index: number }>; spreadMs: number } }
  | { method: 'mark' }
  | { method: 'report' }
  | { method: 'checkDelivery'; params: { graceMs: number } }
  | { method: 'shutdown' };

export type CrowdRequest = CrowdCall & { id: number };

/** The text of a timed message: when it was sent (ms on the crowd's clock) and by whom. */
export function timedMessage(sentAt: number, author: string): string {
  return `watch report t=${sentAt.toFixed(1)} from ${author}: all quiet along the line, no movement observed in sector four; next report at the hour`;
}

/** Reads what {@link timedMessage} wrote, from anywhere in a frame. */
export const TIMED_MESSAGE = / t=(\d+(?:\.\d+)?) from /;
