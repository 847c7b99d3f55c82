import { CELL_AUTHOR, LOG_DEVICE, signEnvelope, type Envelope, type JsonObject } from '@fusion-cell/record';
import { toIso } from '../clock.ts';
import { prepareEntry, type AppendReceipt } from './prepared-entry.ts';
import type { CellServices } from '../cell-services.ts';

export interface CellEntry {
  compartment: string;
  type: string;
  track: string;
  payload: JsonObject;
  references: string[];
  /** The time the cell acts for, such as the deadline that passed; part of what is signed. */
  authoredAt: number;
}

/**
 * Enters an item signed by the cell's log key (`@cell`/`@log`). Ed25519 signatures are
 * deterministic, so the same act (same deadline, same item, same party) always yields the
 * same entry: a timer that fires twice after a crash appends it once.
 */
export async function appendCellEntry(services: CellServices, entry: CellEntry): Promise<AppendReceipt> {
  const envelope: Envelope = {
    cell: services.record.cellId,
    compartment: entry.compartment,
    type: entry.type,
    track: entry.track,
    payload: entry.payload,
    references: entry.references,
    author: CELL_AUTHOR,
    device: LOG_DEVICE,
    authoredAt: toIso(entry.authoredAt),
  };
  const signed = await signEnvelope(envelope, services.record.logKey.signer.sign);
  return services.record.queue.submit(prepareEntry(signed));
}
