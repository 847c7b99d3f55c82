import { itemTypeDefinition } from '@fusion-cell/protocol';
import type { Executor } from '../item-types/server-item-type.ts';
import type { AppliedEntry } from '../record/applied-entry.ts';

export const FINDING_TIMER = 'finding';

/**
 * Schedules the type's automatic checks on an entry, in the append's transaction: the timer
 * survives a crash, so no check is skipped. The check itself runs after the commit, outside
 * the log's lock.
 */
export async function scheduleFindings(trx: Executor, entry: AppliedEntry): Promise<void> {
  const { payload, type } = entry.signed.envelope;
  const checks = (itemTypeDefinition(type)?.findings ?? []).filter((finding) => finding.appliesTo?.(payload) ?? true);
  if (checks.length === 0) return;
  await trx
    .insertInto('timers')
    .values(
      checks.map((finding) => ({
        id: `${FINDING_TIMER}:${finding.check}:${entry.itemId}`,
        kind: FINDING_TIMER,
        due_at: entry.receivedAt,
        item_id: entry.itemId,
        party_id: null,
        status: 'pending' as const,
        claimed_until: null,
        attempts: 0,
        last_error: null,
      })),
    )
    .onConflict((conflict) => conflict.column('id').doNothing())
    .execute();
}
