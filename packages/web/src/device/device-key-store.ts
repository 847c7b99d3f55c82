/**
 * The browser's device keys, in IndexedDB. A CryptoKeyPair is structured-cloneable, so the
 * non-extractable private key is stored as the browser's own handle: its bytes are never
 * readable by this code or any script, and never leave the browser.
 */

const DATABASE_NAME = 'fusion-cell';
const DATABASE_VERSION = 1;
const STORE = 'device-keys';

/** Whose key: one per member per cell, since several people may share a watch-room browser. */
export interface DeviceOwner {
  cellId: string;
  memberId: string;
}

export interface StoredDeviceKey extends DeviceOwner {
  keyPair: CryptoKeyPair;
  /** The raw public key, base64url: what the server knows the device by. */
  publicKey: string;
  /** The server's id once the registration was answered; null while it may not have been. */
  deviceId: string | null;
  createdAt: string;
}

function storageKey(owner: DeviceOwner): string {
  return `${owner.cellId}/${owner.memberId}`;
}

function openDatabase(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DATABASE_NAME, DATABASE_VERSION);
    request.onupgradeneeded = () => {
      if (!request.result.objectStoreNames.contains(STORE)) request.result.createObjectStore(STORE);
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB could not be opened'));
    request.onblocked = () => reject(new Error('IndexedDB is blocked by another tab'));
  });
}

async function withStore<T>(mode: IDBTransactionMode, action: (store: IDBObjectStore) => IDBRequest): Promise<T> {
  const database = await openDatabase();
  try {
    return await new Promise<T>((resolve, reject) => {
      const transaction = database.transaction(STORE, mode);
      const request = action(transaction.objectStore(STORE));
      // Resolve on commit, not on the request, so a write is durable before we go on.
      transaction.oncomplete = () => resolve(request.result as T);
      transaction.onerror = () => reject(transaction.error ?? new Error('IndexedDB transaction failed'));
      transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB transaction aborted'));
    });
  } finally {
    database.close();
  }
}

export async function loadDeviceKey(owner: DeviceOwner): Promise<StoredDeviceKey | undefined> {
  return withStore<StoredDeviceKey | undefined>('readonly', (store) => store.get(storageKey(owner)));
}

export async function saveDeviceKey(key: StoredDeviceKey): Promise<void> {
  await withStore('readwrite', (store) => store.put(key, storageKey(key)));
}

export async function deleteDeviceKey(owner: DeviceOwner): Promise<void> {
  await withStore('readwrite', (store) => store.delete(storageKey(owner)));
}
