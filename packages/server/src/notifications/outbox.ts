import type { EscalationPayload } from '@fusion-cell/protocol';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { settingsOf } from './party-settings.ts';

export interface EscalationNotice {
  escalationItemId: string;
  compartment: string;
  payload: EscalationPayload;
  /** The signed escalation entry, so receivers can verify it with the log key. */
  leaf: string;
  cellId: string;
}

/**
 * Queues an escalation for delivery outside the app to every party of its compartment that
 * configured addresses: the supervisors it is for, and the party that let the deadline pass.
 * Row ids are derived from the escalation, so queueing twice queues once.
 */
export async function enqueueEscalation(db: Kysely<Database>, parties: readonly string[], notice: EscalationNotice, now: number, emailEnabled: boolean): Promise<number> {
  const subject = `[Fusion Cell ${notice.cellId}] ${describe(notice.payload)}`;
  const webhookBody = JSON.stringify({ type: 'escalation', cell: notice.cellId, compartment: notice.compartment, escalation: notice.escalationItemId, ...notice.payload, entry: notice.leaf });
  const emailBody = [
    describe(notice.payload),
    '',
    `Item: ${notice.payload.item}`,
    `Compartment: ${notice.compartment}`,
    `Due: ${notice.payload.dueAt}`,
    `Escalation entry: ${notice.escalationItemId} (signed by the cell's log key; open the cell to see it and answer).`,
  ].join('\n');
  const rows = [];
  for (const party of parties) {
    const settings = await settingsOf(db, party);
    const base = { party_id: party, attempts: 0, next_attempt_at: now, delivered_at: null, last_error: null, created_at: now };
    if (emailEnabled) {
      for (const email of settings.emails) {
        rows.push({ ...base, id: `${notice.escalationItemId}:${party}:email:${email}`, channel: 'email' as const, target: email, subject, body: emailBody });
      }
    }
    for (const webhook of settings.webhooks) {
      rows.push({ ...base, id: `${notice.escalationItemId}:${party}:webhook:${webhook.url}`, channel: 'webhook' as const, target: webhook.url, subject, body: webhookBody });
    }
  }
  if (rows.length === 0) return 0;
  await db.insertInto('outbox').values(rows).onConflict((conflict) => conflict.column('id').doNothing()).execute();
  return rows.length;
}

function describe(payload: EscalationPayload): string {
  switch (payload.kind) {
    case 'acknowledgment-overdue':
      return `Overdue: ${payload.party} has not acknowledged (${payload.required}) by ${payload.dueAt}`;
    case 'reply-overdue':
      return `Overdue: ${payload.party} has not replied (${payload.required}) by ${payload.dueAt}`;
    case 'link-check-missed':
      return `Missed link check: ${payload.party} did not answer by ${payload.dueAt}`;
    case 'commitment-overdue':
      return `Overdue commitment: ${payload.party} has not reported it done by ${payload.dueAt}`;
    case 'dispute-overdue':
      return `Overdue in a dispute: ${payload.party} has not responded (${payload.required}) by ${payload.dueAt}`;
  }
}
