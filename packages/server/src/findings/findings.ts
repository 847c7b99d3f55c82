import { FindingPayload, itemTypeDefinition } from '@fusion-cell/protocol';
import type { JsonObject } from '@fusion-cell/record';
import type { TimerTable } from '../db/schema.ts';
import type { Executor } from '../item-types/server-item-type.ts';
import { appendCellEntry } from '../record/cell-entries.ts';
import type { AppliedEntry } from '../record/applied-entry.ts';
import { parseLeaf } from '../record/derived-state.ts';
import type { CellServices } from '../cell-services.ts';
import { findingRunner } from './registry.ts';

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

/**
 * Runs one check and enters its finding, signed by the cell over the checked item's time of
 * receipt, in the item's compartment and track. A check already entered is not entered
 * again, so a timer fired twice after a crash leaves one finding.
 */
export async function enterFinding(services: CellServices, timer: TimerTable): Promise<void> {
  const check = timer.id.slice(FINDING_TIMER.length + 1, timer.id.lastIndexOf(':'));
  const runner = findingRunner(check);
  if (!runner || !timer.item_id) {
    services.logger.warn({ timer: timer.id }, 'no runner for this automatic check');
    return;
  }
  const done = await services.db.selectFrom('findings').select('item_id').where('subject_id', '=', timer.item_id).where('check_key', '=', check).executeTakeFirst();
  if (done) return;
  const entry = await services.db.selectFrom('log_entries').select(['leaf', 'received_at']).where('item_id', '=', timer.item_id).executeTakeFirst();
  if (!entry) return;
  const { envelope } = parseLeaf(entry.leaf);
  const found = await runner.run(services, { id: timer.item_id, envelope });
  // The runner's detail must have the shape the protocol declares for its check.
  const payload = FindingPayload.parse({ check, subject: timer.item_id, ...found }) as JsonObject;
  await appendCellEntry(services, {
    compartment: envelope.compartment,
    type: 'finding',
    track: envelope.track,
    payload,
    references: [timer.item_id],
    authoredAt: Number(entry.received_at),
  });
}
