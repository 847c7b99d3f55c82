/**
 * What this browser has verified about the record, in IndexedDB, so it survives reloads and
 * restarts: the pinned log key, the last checkpoint verified per compartment, the alarms
 * raised, and the largest size this device cosigned. A server that later shows another key,
 * a smaller log or another history is compared against these, not against itself.
 *
 * Kept in a database of its own, apart from the device keys, so neither schema can block the
 * other's upgrade.
 */

const DATABASE_NAME = 'fusion-cell-record';
const DATABASE_VERSION = 1;
const STORES = ['log-keys', 'checkpoints', 'alarms', 'cosigned'] as const;
type StoreName = (typeof STORES)[number];

function openDatabase(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DATABASE_NAME, DATABASE_VERSION);
    request.onupgradeneeded = () => {
      for (const store of STORES) if (!request.result.objectStoreNames.contains(store)) request.result.createObjectStore(store);
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB could not be opened'));
    request.onblocked = () => reject(new Error('IndexedDB is blocked by another tab'));
  });
}

async function withStore<T>(store: StoreName, mode: IDBTransactionMode, action: (objects: IDBObjectStore) => IDBRequest): Promise<T> {
  const database = await openDatabase();
  try {
    return await new Promise<T>((resolve, reject) => {
      const transaction = database.transaction(store, mode);
      const request = action(transaction.objectStore(store));
      // Resolve on commit: what was verified is durable before anything builds on it.
      transaction.oncomplete = () => resolve(request.result as T);
      transaction.onerror = () => reject(transaction.error ?? new Error('IndexedDB transaction failed'));
      transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB transaction aborted'));
    });
  } finally {
    database.close();
  }
}

function read<T>(store: StoreName, key: string): Promise<T | undefined> {
  return withStore<T | undefined>(store, 'readonly', (objects) => objects.get(key));
}

async function write(store: StoreName, key: string, value: unknown): Promise<void> {
  await withStore(store, 'readwrite', (objects) => objects.put(value, key));
}

/** The log key this browser trusted on first sight, for one cell. */
export interface PinnedLogKey {
  verifierKey: string;
  pinnedAt: string;
}

/** The last checkpoint this browser verified for a compartment, as the server signed it. */
export interface StoredCheckpoint {
  note: string;
  size: number;
  verifiedAt: string;
}

/** Whose view: a party's compartments are kept apart even in a browser shared across parties. */
export interface TrustScope {
  cellId: string;
  partyId: string;
}

const scoped = (scope: TrustScope, compartmentId: string) => `${scope.cellId}/${scope.partyId}/${compartmentId}`;

export const trustStore = {
  pinnedLogKey: (cellId: string) => read<PinnedLogKey>('log-keys', cellId),
  pinLogKey: (cellId: string, pin: PinnedLogKey) => write('log-keys', cellId, pin),

  checkpoint: (scope: TrustScope, compartmentId: string) => read<StoredCheckpoint>('checkpoints', scoped(scope, compartmentId)),
  saveCheckpoint: (scope: TrustScope, compartmentId: string, checkpoint: StoredCheckpoint) => write('checkpoints', scoped(scope, compartmentId), checkpoint),

  /** Alarms are kept per compartment (or `@log-key` for the cell's key) and never cleared here. */
  alarms: async <T>(scope: TrustScope, compartmentId: string) => (await read<T[]>('alarms', scoped(scope, compartmentId))) ?? [],
  saveAlarms: <T>(scope: TrustScope, compartmentId: string, alarms: T[]) => write('alarms', scoped(scope, compartmentId), alarms),

  cosignedSize: (scope: TrustScope, compartmentId: string, deviceId: string) => read<number>('cosigned', `${scoped(scope, compartmentId)}/${deviceId}`),
  saveCosignedSize: (scope: TrustScope, compartmentId: string, deviceId: string, size: number) =>
    write('cosigned', `${scoped(scope, compartmentId)}/${deviceId}`, size),
};
