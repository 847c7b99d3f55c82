import { createContext, useContext, useSyncExternalStore } from 'react';
import type { CoordinationSnapshot, CoordinationStore } from './coordination-store.ts';

export const CoordinationContext = createContext<CoordinationStore | null>(null);

export function useCoordinationStore(): CoordinationStore {
  const store = useContext(CoordinationContext);
  if (!store) throw new Error('useCoordination needs a CoordinationProvider');
  return store;
}

/** The inbox, overdue view, presence, notifications and stream status, re-rendering on change. */
export function useCoordination(): CoordinationSnapshot {
  const store = useCoordinationStore();
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
