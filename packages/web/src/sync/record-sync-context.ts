import { createContext, useContext, useSyncExternalStore } from 'react';
import type { RecordSync } from './record-sync.ts';
import type { SyncSnapshot } from './sync-types.ts';

export const RecordSyncContext = createContext<RecordSync | null>(null);

export function useRecordSyncInstance(): RecordSync {
  const sync = useContext(RecordSyncContext);
  if (!sync) throw new Error('useRecordSync needs a RecordSyncProvider');
  return sync;
}

/** The record as this browser verified it, re-rendering on every change. */
export function useRecordSync(): { sync: RecordSync; snapshot: SyncSnapshot } {
  const sync = useRecordSyncInstance();
  const snapshot = useSyncExternalStore(sync.subscribe, sync.getSnapshot);
  return { sync, snapshot };
}
