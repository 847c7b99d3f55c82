import { BUNDLE_FORMAT, compartmentOrigin, type Bundle } from '@fusion-cell/record';
import { toIso } from '../clock.ts';
import { listCompartmentsOf } from '../cell/cell-repository.ts';
import type { Actor } from '../policy/actor.ts';
import { authorize } from '../policy/policy.ts';
import type { CellServices } from '../cell-services.ts';
import { devicesWithHistory, signingDevicesIn } from './directory.ts';

/**
 * The whole record of the actor's party: every compartment it is in, with all entries, the
 * checkpoints parties cosigned and the latest, every cosignature, and the key history of
 * every device that signed — all that `fusion-cell verify` needs offline.
 */
export async function exportBundle(services: CellServices, actor: Actor): Promise<Bundle> {
  authorize(actor, { type: 'record.export' });
  const { db, record } = services;
  const compartments = await listCompartmentsOf(db, actor.partyId);
  // Sign what arrived since the last checkpoint, so the export covers the record up to now.
  await record.checkpointer.signPending();
  const exported: Bundle['compartments'] = [];
  for (const compartment of compartments) {
    const latest = await db.selectFrom('checkpoints').select((eb) => eb.fn.max('size').as('size')).where('compartment_id', '=', compartment.id).executeTakeFirst();
    const checkpointed = Number(latest?.size ?? 0);
    // Entries beyond the latest checkpoint are not attested yet; the next export has them.
    const entries = await db
      .selectFrom('log_entries')
      .select(['idx', 'leaf'])
      .where('compartment_id', '=', compartment.id)
      .where('idx', '<', checkpointed)
      .orderBy('idx')
      .execute();
    const cosignatures = await db
      .selectFrom('cosignatures')
      .select(['party_id', 'device_id', 'size', 'line'])
      .where('compartment_id', '=', compartment.id)
      .orderBy('size')
      .orderBy('device_id')
      .execute();
    const wanted = new Set<number>(cosignatures.map((row) => row.size).filter((size) => size <= checkpointed));
    if (latest?.size !== null && latest?.size !== undefined) wanted.add(checkpointed);
    const checkpoints = wanted.size
      ? await db.selectFrom('checkpoints').select('note').where('compartment_id', '=', compartment.id).where('size', 'in', [...wanted]).orderBy('size').execute()
      : [];
    exported.push({
      id: compartment.id,
      origin: compartmentOrigin(record.cellId, compartment.id),
      parties: compartment.parties,
      entries: entries.map((row) => ({ index: row.idx, signedEnvelope: leafAsStored(row.leaf) })),
      checkpoints: checkpoints.map((row) => row.note),
      cosignatures: cosignatures.map((row) => ({ party: row.party_id, device: row.device_id, checkpointSize: row.size, line: row.line })),
    });
  }
  return {
    format: BUNDLE_FORMAT,
    cell: record.cellId,
    party: actor.partyId,
    exportedAt: toIso(services.clock.now()),
    logKey: record.logKey.verifierKey,
    devices: await devicesWithHistory(services, await signingDevicesIn(services, compartments.map((compartment) => compartment.id))),
    compartments: exported,
  };
}

/**
 * The stored leaf as it is, even if it no longer parses: the export must show the record
 * faithfully, so that `verify` can report tampering instead of the export hiding it.
 */
function leafAsStored(leaf: string): Bundle['compartments'][number]['entries'][number]['signedEnvelope'] {
  try {
    return JSON.parse(leaf) as ReturnType<typeof leafAsStored>;
  } catch {
    return { unreadable: leaf } as unknown as ReturnType<typeof leafAsStored>;
  }
}
