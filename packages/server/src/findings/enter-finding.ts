import { FindingPayload } from '@fusion-cell/protocol';
import type { JsonObject } from '@fusion-cell/record';
import type { CellServices } from '../cell-services.ts';
import type { TimerTable } from '../db/schema.ts';
import { parseLeaf } from '../record/applied-entry.ts';
import { appendCellEntry } from '../record/cell-entries.ts';
import { findingRunner } from './registry.ts';
import { FINDING_TIMER } from './schedule-findings.ts';

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
