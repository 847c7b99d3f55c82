import type { SigningClient } from '../../packages/server/test/support/signing-client.ts';

/**
 * At most this many submissions in flight, as a client's connection pool would hold: enough
 * for the server to commit many together when it falls behind, and the others wait their turn
 * in the client (their delay still counts from the time they were due) instead of opening a
 * connection each, which ends in refused connections rather than in a measure of the server.
 */
const IN_FLIGHT = 32;

/** One member posting signed messages to a compartment, without waiting (the fan-out's load). */
export class CellSender {
  private readonly queue: Array<() => Promise<void>> = [];
  private inFlight = 0;
  private readonly receipts: Array<Promise<void>> = [];
  /** The first refusals or errors, to explain a run. */
  readonly failures: string[] = [];
  failed = 0;

  constructor(
    private readonly member: SigningClient,
    private readonly compartment: string,
  ) {}

  send(sequence: number, text: string): void {
    this.receipts.push(
      new Promise<void>((resolve) => {
        this.queue.push(async () => {
          try {
            const answer = await this.member.send({ compartment: this.compartment, payload: { text, language: 'en' }, authoredAt: new Date().toISOString() });
            if (answer.status !== 201) this.fail(`send ${sequence}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`);
          } catch (error) {
            this.fail(`send ${sequence}: ${String(error)}${error instanceof Error && error.cause ? ` (${String(error.cause)})` : ''}`);
          } finally {
            resolve();
          }
        });
      }),
    );
    this.pump();
  }

  /** Resolves once every send so far was answered. */
  async answered(): Promise<void> {
    await Promise.all(this.receipts);
  }

  private pump(): void {
    while (this.inFlight < IN_FLIGHT && this.queue.length > 0) {
      const next = this.queue.shift() as () => Promise<void>;
      this.inFlight += 1;
      void next().finally(() => {
        this.inFlight -= 1;
        this.pump();
      });
    }
  }

  private fail(reason: string): void {
    this.failed += 1;
    if (this.failures.length < 5) this.failures.push(reason);
  }
}
