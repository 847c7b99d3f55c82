import type { CompartmentLog, LogEntry } from '@fusion-cell/protocol';
import { addSignatureLines, compartmentOrigin } from '@fusion-cell/record';
import { toIso } from '../clock.ts';
import { listCompartmentsOf } from '../cell/cell-repository.ts';
import { notFound } from '../errors.ts';
import type { Actor } from '../policy/actor.ts';
import { authorize } from '../policy/policy.ts';
import type { CellServices } from '../cell-services.ts';

/** The compartment's log head, after checking the actor may see it at all. */
export async function visibleHead(services: CellServices, actor: Actor, compartmentId: string): Promise<{ size: number; rootHash: string }> {
  authorize(actor, { type: 'compartment.read', compartment: compartmentId }, 'compartment');
  const head = await services.record.store.head(compartmentId);
  if (!head) throw notFound('compartment');
  return head;
}

/** The signed checkpoint at `size` (or the latest) with every cosignature line appended. */
export async function checkpointNote(services: CellServices, compartmentId: string, size?: number): Promise<{ size: number; note: string } | undefined> {
  let query = services.db.selectFrom('checkpoints').select(['size', 'note']).where('compartment_id', '=', compartmentId);
  query = size === undefined ? query.orderBy('size', 'desc').limit(1) : query.where('size', '=', size);
  const row = await query.executeTakeFirst();
  if (!row) return undefined;
  const lines = await services.db
    .selectFrom('cosignatures')
    .select('line')
    .where('compartment_id', '=', compartmentId)
    .where('size', '=', row.size)
    .orderBy('party_id')
    .orderBy('device_id')
    .execute();
  return { size: row.size, note: lines.length ? addSignatureLines(row.note, lines.map((line) => line.line)) : row.note };
}

/** The logs of every compartment the actor's party is in, with their latest checkpoints. */
export async function listCompartmentLogs(services: CellServices, actor: Actor): Promise<CompartmentLog[]> {
  const compartments = await listCompartmentsOf(services.db, actor.partyId);
  return Promise.all(
    compartments.map(async (compartment) => {
      const head = await services.record.store.head(compartment.id);
      const checkpoint = await checkpointNote(services, compartment.id);
      const cosigners = checkpoint
        ? await services.db
            .selectFrom('cosignatures')
            .select(['party_id', 'device_id', 'size'])
            .where('compartment_id', '=', compartment.id)
            .where('size', '=', checkpoint.size)
            .execute()
        : [];
      return {
        ...compartment,
        origin: compartmentOrigin(services.record.cellId, compartment.id),
        size: head?.size ?? 0,
        checkpoint: checkpoint?.note ?? null,
        cosignedBy: cosigners.map((row) => ({ party: row.party_id, device: row.device_id, size: row.size })),
      };
    }),
  );
}

export async function readEntries(
  services: CellServices,
  actor: Actor,
  compartmentId: string,
  range: { start: number; limit: number; track?: string | undefined },
): Promise<{ entries: LogEntry[]; next: number | null }> {
  await visibleHead(services, actor, compartmentId);
  let query = services.db
    .selectFrom('log_entries')
    .select(['log_entries.item_id', 'log_entries.idx', 'log_entries.leaf', 'log_entries.received_at'])
    .where('log_entries.compartment_id', '=', compartmentId)
    .where('log_entries.idx', '>=', range.start)
    .orderBy('log_entries.idx')
    .limit(range.limit + 1);
  if (range.track) {
    query = query.innerJoin('items', 'items.id', 'log_entries.item_id').where('items.track', '=', range.track);
  }
  const rows = await query.execute();
  const page = rows.slice(0, range.limit);
  return {
    entries: page.map((row) => ({ id: row.item_id, compartment: compartmentId, index: row.idx, receivedAt: toIso(row.received_at), leaf: row.leaf })),
    next: rows.length > range.limit ? (rows[range.limit]?.idx ?? null) : null,
  };
}

/** One item by id; an item in a compartment the actor cannot see does not exist for it. */
export async function readItem(services: CellServices, actor: Actor, itemId: string): Promise<LogEntry> {
  const row = await services.db.selectFrom('log_entries').select(['compartment_id', 'idx', 'leaf', 'received_at']).where('item_id', '=', itemId).executeTakeFirst();
  if (!row || !actor.compartments.has(row.compartment_id)) throw notFound('item');
  return { id: itemId, compartment: row.compartment_id, index: row.idx, receivedAt: toIso(row.received_at), leaf: row.leaf };
}
