import { nodeVerifier } from '@fusion-cell/record/node';
import type { SignatureVerifier } from '@fusion-cell/record';
import { loadCellContext, type CellContext } from '../cell/cell-context.ts';
import type { Services } from '../services.ts';
import { AppendQueue } from './append-queue.ts';
import { Checkpointer } from './checkpointer.ts';
import { loadOrCreateLogKey, type LogKey } from './log-key.ts';
import { LogStore } from './log-store.ts';
import { GeoIndex } from '../deescalation/geo-index.ts';
import { findingsFor } from '../findings/run-checks.ts';

/** The record of an initialised cell: its log key, logs, group commit and checkpoint signer. */
export interface RecordRuntime {
  cellId: string;
  cell: CellContext;
  logKey: LogKey;
  store: LogStore;
  queue: AppendQueue;
  checkpointer: Checkpointer;
  verifier: SignatureVerifier & { verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean };
}

export async function openRecordRuntime(services: Services, cellId: string, checkpointIntervalMs = 1000): Promise<RecordRuntime> {
  const logKey = await loadOrCreateLogKey(services.db, cellId, services.clock);
  const cell = await loadCellContext(services.db);
  const index = new GeoIndex();
  const store = new LogStore(services.db, services.engine, cell, (trx, applied, committedSizes) =>
    findingsFor({ trx, context: cell, index, committedSizes }, cellId, logKey.signer.sign, applied),
  );
  const queue = new AppendQueue(store, services.clock, services.logger);
  const checkpointer = new Checkpointer(services.db, cellId, logKey, services.clock, services.logger, checkpointIntervalMs);
  queue.onAppended(() => checkpointer.nudge());
  return { cellId, cell, logKey, store, queue, checkpointer, verifier: nodeVerifier() };
}
