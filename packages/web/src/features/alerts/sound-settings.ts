import { useSyncExternalStore } from 'react';

const STORAGE_KEY = 'fusion-cell.sound-muted';
const listeners = new Set<() => void>();

function read(): boolean {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'true';
  } catch {
    return false;
  }
}

let muted = read();

/** Mutes or unmutes the alarm sound in this browser; the choice is kept across sessions. */
export function setSoundMuted(value: boolean): void {
  muted = value;
  try {
    localStorage.setItem(STORAGE_KEY, String(value));
  } catch {
    // Not kept; it holds for this page.
  }
  for (const listener of listeners) listener();
}

export function isSoundMuted(): boolean {
  return muted;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  // Another tab of the same watch station muted or unmuted.
  const onStorage = (event: StorageEvent) => {
    if (event.key !== STORAGE_KEY) return;
    muted = read();
    listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

export function useSoundMuted(): boolean {
  return useSyncExternalStore(subscribe, isSoundMuted);
}
