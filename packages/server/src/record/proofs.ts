import { base64Encode, entryTlogProof } from '@fusion-cell/record';
import { DomainError, notFound } from '../errors.ts';
import type { Actor } from '../policy/actor.ts';
import { parseLeaf } from './applied-entry.ts';
import { checkpointNote, readItem, visibleHead } from './log-reads.ts';
import type { CellServices } from '../cell-services.ts';

export async function readCheckpoint(services: CellServices, actor: Actor, compartmentId: string, size?: number): Promise<string> {
  await visibleHead(services, actor, compartmentId);
  const checkpoint = await checkpointNote(services, compartmentId, size);
  if (!checkpoint) throw notFound('checkpoint');
  return checkpoint.note;
}

export async function proveInclusion(services: CellServices, actor: Actor, compartmentId: string, index: number, size: number): Promise<string[]> {
  const head = await visibleHead(services, actor, compartmentId);
  if (size > head.size) throw new DomainError('validation_failed', `the log has ${head.size} entries`, 'query.size');
  if (index >= size) throw new DomainError('validation_failed', 'the index must be below the size', 'query.index');
  return (await services.record.store.inclusionProof(compartmentId, index, size)).map(base64Encode);
}

export async function proveConsistency(services: CellServices, actor: Actor, compartmentId: string, from: number, to: number): Promise<string[]> {
  const head = await visibleHead(services, actor, compartmentId);
  if (to > head.size) throw new DomainError('validation_failed', `the log has ${head.size} entries`, 'query.to');
  if (from > to) throw new DomainError('validation_failed', 'from must not exceed to', 'query.from');
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
