import type { DeviceKey } from './history-cell.ts';

/** What the page notes by its own clock (ms since the navigation started); -1 until seen. */
export interface PageNotes {
  /** The watch's heading and its first obligation's answer button in the document, enabled. */
  watchShownAt: number;
  /** The first time a `<details>` of the watch opened: the page handled a click. */
  openedAt: number;
  /** The record's progress indicator first showed, and first said everything was checked. */
  progressShownAt: number;
  verifiedAt: number;
  /** What it counted when it said so. */
  verified: number;
  total: number;
  /** Main-thread tasks over 50 ms: how many, the longest, and their sum, ms. */
  longTasks: number;
  longestTask: number;
  blockedMs: number;
}

/**
 * Runs in every document of the context before the app's scripts: notes when the watch is
 * shown with its first obligation answerable, when the page handled a click, when the record's
 * progress indicator said it was done, and every long task of the main thread.
 */
export const NOTES_SCRIPT = `(() => {
  const notes = { watchShownAt: -1, openedAt: -1, progressShownAt: -1, verifiedAt: -1, verified: 0, total: 0, longTasks: 0, longestTask: 0, blockedMs: 0 };
  globalThis.__historyNotes = notes;
  // Every request of a long first sync is counted, not the first 250.
  performance.setResourceTimingBufferSize(100000);
  const check = () => {
    const now = performance.now();
    if (notes.watchShownAt < 0) {
      const heading = document.querySelector('[data-testid="page-watch"] h1');
      const button = document.querySelector('[data-testid="inbox-list"] > li button:not([disabled])');
      if (heading && button) notes.watchShownAt = now;
    }
    const progress = document.querySelector('[data-testid="record-progress"]');
    if (progress) {
      if (notes.progressShownAt < 0 && progress.dataset.state === 'running') notes.progressShownAt = now;
      if (notes.verifiedAt < 0 && progress.dataset.state === 'done') {
        notes.verifiedAt = now;
        notes.verified = Number(progress.dataset.checked);
        notes.total = Number(progress.dataset.total);
      }
    }
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
  document.addEventListener('toggle', (event) => {
    if (notes.openedAt < 0 && event.target.open) notes.openedAt = performance.now();
  }, true);
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        notes.longTasks += 1;
        notes.longestTask = Math.max(notes.longestTask, entry.duration);
        notes.blockedMs += entry.duration - 50;
      }
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // No long task timing in this browser: the counts stay 0.
  }
})();`;

/**
 * Stores the viewer's device key in the page's origin as the web app keeps it
 * (packages/web/src/device/device-key-store.ts: database "fusion-cell", store "device-keys",
 * keyed "<cell>/<member>", the private key not extractable), so the app finds its approved
 * device as on any later visit. Should that format change, the app registers a new device
 * instead, and the benchmark says so.
 */
export function storeDeviceScript(key: DeviceKey): string {
  return `(async (key) => {
    const decode = (text) => Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(text.length / 4) * 4, '=')), (char) => char.charCodeAt(0));
    const privateKey = await crypto.subtle.importKey('pkcs8', decode(key.pkcs8), { name: 'Ed25519' }, false, ['sign']);
    const publicKey = await crypto.subtle.importKey('raw', decode(key.publicKey), { name: 'Ed25519' }, true, ['verify']);
    const stored = { cellId: key.cellId, memberId: key.memberId, keyPair: { privateKey, publicKey }, publicKey: key.publicKey, deviceId: key.deviceId, createdAt: key.createdAt };
    await new Promise((resolve, reject) => {
      const request = indexedDB.open('fusion-cell', 1);
      request.onupgradeneeded = () => request.result.createObjectStore('device-keys');
      request.onerror = () => reject(request.error);
      request.onsuccess = () => {
        const database = request.result;
        const transaction = database.transaction('device-keys', 'readwrite');
        transaction.objectStore('device-keys').put(stored, key.cellId + '/' + key.memberId);
        transaction.oncomplete = () => { database.close(); resolve(undefined); };
        transaction.onerror = () => reject(transaction.error);
      };
    });
  })(${JSON.stringify(key)})`;
}
