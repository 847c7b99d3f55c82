/** One compartment a connection follows. */
export interface Subscription {
  readonly compartment: string;
  /** The next index to send. */
  cursor: number;
  /**
   * The log's size when the subscription began: entries below it are backlog, sent from the
   * feed or the database and budgeted; entries from it on are live and never budgeted.
   */
  readonly backlogEnd: number;
  /** `caught-up` was sent: what follows is live. */
  live: boolean;
}

export function newSubscription(compartment: string, from: number, logSize: number): Subscription {
  return { compartment, cursor: from, backlogEnd: logSize, live: false };
}

export function isBacklog(subscription: Subscription, index: number): boolean {
  return index < subscription.backlogEnd;
}
