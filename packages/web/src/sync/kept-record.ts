import type { SignedEnvelope } from '@fusion-cell/record';
import type { KeptFrontier } from './leaf-frontier.ts';
import type { TrustScope } from './trust-store.ts';

/**
 * The entries this browser verified, kept in IndexedDB so that a reload or a later login of
 * the same party takes them from here instead of fetching and verifying them again. Per
 * compartment: the signed checkpoint they were all verified against, the frontier of its tree
 * and its entries, a chunk of them a record. Kept apart from the trust store: this is a cache
 * that logging out clears, the trust store is what no one may make this browser forget.
 */

const DATABASE_NAME = 'fusion-cell-kept-record';
const LOGS = 'logs';
const CHUNKS = 'chunks';

/** Entries a chunk holds: one record to read or write stays below a megabyte. */
export const KEPT_CHUNK = 1000;

/** A compartment's kept log: entries verified against the checkpoint `note`, whose tree has `size` leaves. */
export interface KeptLog {
  /** The checkpoint every kept entry's inclusion was verified against, as the log signed it. */
  note: string;
  size: number;
  /** The frontier of that checkpoint's tree. */
  frontier: KeptFrontier;
  /** Entries kept, from the first: `size` once all are written, fewer while they are being written. */
  count: number;
  keptAt: string;
}

/** One kept entry, as verified here. */
export interface KeptEntry {
  id: string;
  receivedAt: string;
  signed: SignedEnvelope;
}

/** KEPT_CHUNK entries from index `chunk × KEPT_CHUNK` (fewer in the last one), with their leaf hashes end to end. */
export interface KeptChunk {
  entries: KeptEntry[];
  leafHashes: Uint8Array;
}

let opened: Promise<IDBDatabase> | undefined;

function database(): Promise<IDBDatabase> {
  opened ??= open();
  opened.catch(() => (opened = undefined));
  return opened;
}

/**
 * Opens the database as it is (at version 1 when new, creating its stores); one found without
 * its stores (opened first by something else) is opened again one version up, to create them.
 */
function open(version?: number): Promise<IDBDatabase> {
  return new Promise<IDBDatabase>((resolve, reject) => {
    const request = version === undefined ? indexedDB.open(DATABASE_NAME) : indexedDB.open(DATABASE_NAME, version);
    request.onupgradeneeded = () => {
      for (const store of [LOGS, CHUNKS]) if (!request.result.objectStoreNames.contains(store)) request.result.createObjectStore(store);
    };
    request.onsuccess = () => {
      const connection = request.result;
      if (!connection.objectStoreNames.contains(LOGS) || !connection.objectStoreNames.contains(CHUNKS)) {
        connection.close();
        open(connection.version + 1).then(resolve, reject);
        return;
      }
      // Another tab upgrading or deleting the database: let it, and open again when next needed.
      connection.onversionchange = () => {
        connection.close();
        opened = undefined;
      };
      resolve(connection);
    };
    request.onerror = () => reject(request.error ?? new Error('IndexedDB could not be opened'));
    request.onblocked = () => reject(new Error('IndexedDB is blocked by another tab'));
  });
}

/** Runs one transaction over both stores; resolves with what `action` resolves once it commits. */
async function transact<T>(mode: IDBTransactionMode, action: (logs: IDBObjectStore, chunks: IDBObjectStore) => () => T): Promise<T> {
  const connection = await database();
  return new Promise<T>((resolve, reject) => {
    const transaction = connection.transaction([LOGS, CHUNKS], mode);
    const result = action(transaction.objectStore(LOGS), transaction.objectStore(CHUNKS));
    transaction.oncomplete = () => resolve(result());
    transaction.onerror = () => reject(transaction.error ?? new Error('IndexedDB transaction failed'));
    transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB transaction aborted'));
  });
}

const logKey = (scope: TrustScope, compartment: string) => `${scope.cellId}/${scope.partyId}/${compartment}`;
// Zero-padded, so chunks sort in log order.
const chunkKey = (scope: TrustScope, compartment: string, chunk: number) => `${logKey(scope, compartment)}/${String(chunk).padStart(9, '0')}`;

/** Bumped by {@link forgetKeptRecords}: writes of a sync started before are refused. */
let generation = 0;

export const keptRecord = {
  /** What a sync starting now writes with; see {@link forgetKeptRecords}. */
  get generation(): number {
    return generation;
  },

  async log(scope: TrustScope, compartment: string): Promise<KeptLog | undefined> {
    return transact('readonly', (logs) => {
      const request = logs.get(logKey(scope, compartment));
      return () => request.result as KeptLog | undefined;
    });
  },

  /** Chunks `from` to `from + count - 1`, in order; fewer when fewer are kept. */
  async chunks(scope: TrustScope, compartment: string, from: number, count: number): Promise<KeptChunk[]> {
    return transact('readonly', (_logs, chunks) => {
      const request = chunks.getAll(IDBKeyRange.bound(chunkKey(scope, compartment, from), chunkKey(scope, compartment, from + count - 1)));
      return () => request.result as KeptChunk[];
    });
  },

  /**
   * Writes chunks and the log that counts them, in one transaction: a reload finds the log as it
   * was before or after, never one counting chunks not written. Refused (false) for a sync
   * started before the records were last forgotten.
   */
  async write(writer: number, scope: TrustScope, compartment: string, chunks: ReadonlyMap<number, KeptChunk>, log: KeptLog): Promise<boolean> {
    if (writer !== generation) return false;
    await transact('readwrite', (logs, store) => {
      for (const [index, chunk] of chunks) store.put(chunk, chunkKey(scope, compartment, index));
      logs.put(log, logKey(scope, compartment));
      return () => undefined;
    });
    return true;
  },

  /** Forgets one compartment's kept log: what was kept no longer fits the log. */
  async forget(scope: TrustScope, compartment: string): Promise<void> {
    await transact('readwrite', (logs, chunks) => {
      logs.delete(logKey(scope, compartment));
      chunks.delete(IDBKeyRange.bound(`${logKey(scope, compartment)}/`, `${logKey(scope, compartment)}/\uffff`));
      return () => undefined;
    });
  },
};

/**
 * Forgets every kept entry of every cell and party, as the member logs out: the next person at
 * this workstation starts from the server's record and verifies it again. Syncs already
 * running keep nothing more.
 */
export async function forgetKeptRecords(): Promise<void> {
  generation += 1;
  if (typeof indexedDB === 'undefined') return;
  await transact('readwrite', (logs, chunks) => {
    logs.clear();
    chunks.clear();
    return () => undefined;
  });
}
