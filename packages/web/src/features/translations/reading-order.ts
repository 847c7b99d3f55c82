import { useSyncExternalStore } from 'react';
import type { Language } from '@fusion-cell/protocol';

/** Which text a reader reads first beside an item's translations: the authoritative original, or the one in their own language. */
export type ReadingOrder = 'original' | 'mine';

const STORAGE_KEY = 'fusion-cell.translation-order';
const listeners = new Set<() => void>();

/** `localStorage` may be refused (private windows, policies): the original first, then. */
function read(): ReadingOrder {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'mine' ? 'mine' : 'original';
  } catch {
    return 'original';
  }
}

let current: ReadingOrder | undefined;

export function readingOrder(): ReadingOrder {
  current ??= read();
  return current;
}

/** Chooses what comes first in this browser, for every item at once; kept across sessions. */
export function setReadingOrder(order: ReadingOrder): void {
  current = order;
  try {
    localStorage.setItem(STORAGE_KEY, order);
  } catch {
    // Not kept; it holds for this page.
  }
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  // Another tab of the same browser chose.
  const onStorage = (event: StorageEvent) => {
    if (event.key !== STORAGE_KEY) return;
    current = read();
    listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

export function useReadingOrder(): ReadingOrder {
  // Rendered without a browser (tests), the choice made on this page still holds.
  return useSyncExternalStore(subscribe, readingOrder, readingOrder);
}

/** A text shown beside an item: its original, or one of its translations. */
export interface ReadingText {
  kind: 'original' | 'translation';
  language: Language;
}

/**
 * The texts in the order the reader chose, each group kept in the record's order. "Original
 * first": the original, then the texts in the reader's language, then the rest. "My language
 * first": the texts in the reader's language (the original too, when it is written in it), then
 * the original, then the rest.
 */
export function inReadingOrder<Text extends ReadingText>(texts: readonly Text[], order: ReadingOrder, mine: Language): Text[] {
  const rank = (text: Text) => {
    const original = text.kind === 'original';
    const own = text.language === mine;
    if (order === 'original') return original ? 0 : own ? 1 : 2;
    return own ? 0 : original ? 1 : 2;
  };
  return texts
    .map((text, position) => ({ text, position }))
    .sort((a, b) => rank(a.text) - rank(b.text) || a.position - b.position)
    .map(({ text }) => text);
}
