import type { CompartmentLog, CosignatureRequest, Directory, LogEntry } from '@fusion-cell/protocol';
import {
  addSignatureLines,
  base64Encode,
  base64UrlDecode,
  compartmentOrigin,
  cosignerName,
  entryTlogProof,
  LOG_DEVICE,
  verifyCosignatureLine,
  type BundleDevice,
} from '@fusion-cell/record';
import { toIso } from '../clock.ts';
import { listCompartmentsOf } from '../cell/cell-repository.ts';
import { DomainError, notFound } from '../errors.ts';
import type { Actor } from '../policy/actor.ts';
import { authorize } from '../policy/policy.ts';
import { attestationsOf } from '../devices/attestations.ts';
import { parseLeaf } from './derived-state.ts';
import type { CellServices } from './record-runtime.ts';

/** The compartment's log head, after checking the actor may see it at all. */
async function visibleHead(services: CellServices, actor: Actor, compartmentId: string): Promise<{ size: number; rootHash: string }> {
  authorize(actor, { type: 'compartment.read', compartment: compartmentId }, 'compartment');
  const head = await services.record.store.head(compartmentId);
  if (!head) throw notFound('compartment');
  return head;
}

/** The signed checkpoint at `size` (or the latest) with every cosignature line appended. */
async function checkpointNote(services: CellServices, compartmentId: string, size?: number): Promise<{ size: number; note: string } | undefined> {
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

export async function readCheckpoint(services: CellServices, actor: Actor, compartmentId: string, size?: number): Promise<string> {
  await visibleHead(services, actor, compartmentId);
  const checkpoint = await checkpointNote(services, compartmentId, size);
  if (!checkpoint) throw notFound('checkpoint');
  return checkpoint.note;
}

export async function proveInclusion(services: CellServices, actor: Actor, compartmentId: string, index: number, size: number): Promise<string[]> {
  const head = await visibleHead(services, actor, compartmentId);
  if (size > head.size) throw new DomainError('validation_failed', `the log has ${head.size} entries`, 'querystring.size');
  if (index >= size) throw new DomainError('validation_failed', 'the index must be below the size', 'querystring.index');
  return (await services.record.store.inclusionProof(compartmentId, index, size)).map(base64Encode);
}

export async function proveConsistency(services: CellServices, actor: Actor, compartmentId: string, from: number, to: number): Promise<string[]> {
  const head = await visibleHead(services, actor, compartmentId);
  if (to > head.size) throw new DomainError('validation_failed', `the log has ${head.size} entries`, 'querystring.to');
  if (from > to) throw new DomainError('validation_failed', 'from must not exceed to', 'querystring.from');
  return (await services.record.store.consistencyProof(compartmentId, from, to)).map(base64Encode);
}

/**
 * One item with its inclusion proof in a c2sp.org/tlog-proof@v1 file: enough to show it to
 * anyone without revealing anything else of the log.
 */
export async function proveItem(services: CellServices, actor: Actor, itemId: string): Promise<string> {
  const item = await readItem(services, actor, itemId);
  const checkpoint = await checkpointNote(services, item.compartment);
  if (!checkpoint || checkpoint.size <= item.index) {
    throw new DomainError('conflict', 'no checkpoint covers this item yet; try again in a second');
  }
  const proof = await services.record.store.inclusionProof(item.compartment, item.index, checkpoint.size);
  return entryTlogProof(parseLeaf(item.leaf), item.index, proof, checkpoint.note);
}

/**
 * Stores a party's cosignature of a checkpoint it verified. The line must be by an approved
 * device of the actor, over exactly the stored checkpoint.
 */
export async function cosignCheckpoint(services: CellServices, actor: Actor, compartmentId: string, request: CosignatureRequest): Promise<void> {
  authorize(actor, { type: 'checkpoint.cosign', compartment: compartmentId }, 'compartment');
  const checkpoint = await services.db
    .selectFrom('checkpoints')
    .select('note')
    .where('compartment_id', '=', compartmentId)
    .where('size', '=', request.size)
    .executeTakeFirst();
  if (!checkpoint) throw new DomainError('not_found', 'checkpoint not found', 'size');
  const device = await services.db.selectFrom('devices').select(['member_id', 'status', 'public_key']).where('id', '=', request.device).executeTakeFirst();
  if (!device || device.member_id !== actor.memberId) throw new DomainError('device_unknown', 'the device is not registered to you', 'device');
  if (device.status !== 'approved') throw new DomainError(device.status === 'revoked' ? 'device_revoked' : 'device_not_approved', `the device is ${device.status}`, 'device');
  const body = checkpoint.note.slice(0, checkpoint.note.indexOf('\n\n') + 1);
  const name = cosignerName(services.record.cellId, actor.partyId, request.device);
  const time = await verifyCosignatureLine(body, request.line, { name, publicKey: base64UrlDecode(device.public_key) }, services.record.verifier);
  if (time === undefined) throw new DomainError('signature_invalid', `the line is not a cosignature of this checkpoint by ${name}`, 'line');
  await services.db
    .insertInto('cosignatures')
    .values({ compartment_id: compartmentId, size: request.size, device_id: request.device, party_id: actor.partyId, line: request.line, received_at: services.clock.now() })
    .onConflict((conflict) => conflict.columns(['compartment_id', 'size', 'device_id']).doNothing())
    .execute();
}

/**
 * The authors a party can meet: its own members and every author or cosigner of its
 * compartments, with their device keys and signed key history. Nothing about members who
 * only act in compartments the party is not in.
 */
export async function readDirectory(services: CellServices, actor: Actor): Promise<Directory> {
  const compartments = [...actor.compartments];
  const ownParty = await services.db
    .selectFrom('devices')
    .innerJoin('members', 'members.id', 'devices.member_id')
    .select('devices.id as device_id')
    .where('members.party_id', '=', actor.partyId)
    .execute();
  const devices = await devicesWithHistory(services, [...(await signingDevicesIn(services, compartments)), ...ownParty.map((row) => row.device_id)]);
  const memberIds = [...new Set(devices.map((device) => device.member))];
  const members = await services.db
    .selectFrom('members')
    .select(['id', 'party_id', 'display_name'])
    .where((eb) => eb.or([eb('party_id', '=', actor.partyId), ...(memberIds.length ? [eb('id', 'in', memberIds)] : [])]))
    .execute();
  return {
    members: members.map((member) => ({ id: member.id, party: member.party_id, displayName: member.display_name })),
    devices,
  };
}

/** Devices that signed an entry or a cosignature in any of the compartments. */
export async function signingDevicesIn(services: CellServices, compartments: string[]): Promise<string[]> {
  if (compartments.length === 0) return [];
  const authors = await services.db.selectFrom('items').select('device_id').distinct().where('compartment_id', 'in', compartments).execute();
  const cosigners = await services.db.selectFrom('cosignatures').select('device_id').distinct().where('compartment_id', 'in', compartments).execute();
  return [...authors, ...cosigners].map((row) => row.device_id).filter((id) => id !== LOG_DEVICE);
}

/** Devices with their keys and signed history, as bundles and the directory carry them. */
export async function devicesWithHistory(services: CellServices, deviceIds: string[]): Promise<BundleDevice[]> {
  const unique = [...new Set(deviceIds)];
  if (unique.length === 0) return [];
  const rows = await services.db
    .selectFrom('devices')
    .innerJoin('members', 'members.id', 'devices.member_id')
    .select(['devices.id', 'devices.member_id', 'devices.public_key', 'members.party_id'])
    .where('devices.id', 'in', unique)
    .orderBy('devices.id')
    .execute();
  const history = await attestationsOf(services.db, unique);
  return rows.map((device) => ({
    id: device.id,
    member: device.member_id,
    party: device.party_id,
    publicKey: device.public_key,
    attestations: history.get(device.id) ?? [],
  }));
}
