import { base64UrlEncode, utf8Encode } from '@fusion-cell/record';
import type { Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import type { OutboxTable } from '../db/schema.ts';
import type { CellServices } from '../cell-services.ts';

/** Attempts before a delivery is left for a person to look at. */
const MAX_ATTEMPTS = 12;
const CLAIM_MS = 60_000;

export interface DeliveryOptions {
  smtpUrl?: string | undefined;
  smtpFrom: string;
}

/**
 * Delivers queued escalations by email (SMTP) and by webhook, with retries and backoff.
 * Webhook bodies are signed with the cell's log key (`fusion-cell-signature: t=…,ed25519=…`
 * over `t.body`), so a receiver verifies them with the same key that signs the record.
 */
export class DeliveryWorker {
  /** Opened on the first email: most cells send none, and the mail library is large. */
  private mailer: Promise<Transporter> | undefined;

  constructor(
    private readonly services: CellServices,
    private readonly options: DeliveryOptions,
    private readonly logger: Logger,
  ) {
  }

  get emailEnabled(): boolean {
    return Boolean(this.options.smtpUrl);
  }

  private openMailer(smtpUrl: string): Promise<Transporter> {
    this.mailer ??= import('nodemailer').then(({ default: nodemailer }) => nodemailer.createTransport(smtpUrl));
    return this.mailer;
  }

  /** Sends what is due now; returns how many were delivered. */
  async deliverDue(): Promise<number> {
    const { db, clock } = this.services;
    const now = clock.now();
    const due = await db.selectFrom('outbox').selectAll().where('delivered_at', 'is', null).where('next_attempt_at', '<=', now).where('attempts', '<', MAX_ATTEMPTS).orderBy('next_attempt_at').limit(50).execute();
    let delivered = 0;
    for (const row of due) {
      // Claim by moving the next attempt; another instance that read the same row loses the race.
      const claimed = await db.updateTable('outbox').set({ next_attempt_at: now + CLAIM_MS }).where('id', '=', row.id).where('next_attempt_at', '=', row.next_attempt_at).executeTakeFirst();
      if (Number(claimed.numUpdatedRows) === 0) continue;
      // Only the sending counts as the delivery's failure: a database gone while noting the
      // outcome fails the whole round instead, and once the claim runs out the row is sent
      // again. A receiver may get an escalation twice, never not at all.
      let sent = true;
      let failure: unknown;
      try {
        await this.send(row);
      } catch (error) {
        sent = false;
        failure = error;
      }
      if (sent) {
        await db.updateTable('outbox').set({ delivered_at: clock.now(), attempts: row.attempts + 1, last_error: null }).where('id', '=', row.id).execute();
        delivered += 1;
        continue;
      }
      const attempts = row.attempts + 1;
      const retryAt = clock.now() + Math.min(3_600_000, 5_000 * 2 ** attempts);
      this.logger.warn({ err: failure, channel: row.channel, target: row.target, attempts }, 'escalation delivery failed');
      await db.updateTable('outbox').set({ attempts, next_attempt_at: retryAt, last_error: String((failure as Error).message ?? failure).slice(0, 500) }).where('id', '=', row.id).execute();
    }
    return delivered;
  }

  private async send(row: OutboxTable): Promise<void> {
    if (row.channel === 'email') {
      if (!this.options.smtpUrl) throw new Error('no SMTP server is configured');
      await (await this.openMailer(this.options.smtpUrl)).sendMail({ from: this.options.smtpFrom, to: row.target, subject: row.subject, text: row.body });
      return;
    }
    const time = Math.floor(this.services.clock.now() / 1000);
    const signature = await this.services.record.logKey.signer.sign(utf8Encode(`${time}.${row.body}`));
    const response = await fetch(row.target, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'fusion-cell-signature': `t=${time},ed25519=${base64UrlEncode(signature)}`,
        'fusion-cell-key': this.services.record.logKey.verifierKey,
      },
      body: row.body,
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) throw new Error(`webhook answered ${response.status}`);
  }

  close(): void {
    void this.mailer?.then((mailer) => mailer.close()).catch(() => undefined);
  }
}
