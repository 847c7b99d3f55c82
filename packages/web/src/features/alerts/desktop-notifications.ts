import { useSyncExternalStore } from 'react';

export type DesktopPermission = NotificationPermission | 'unsupported';

const listeners = new Set<() => void>();

function current(): DesktopPermission {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

let permission = current();

/** Asks the browser for permission; only ever from a button, never on load. */
export async function requestDesktopPermission(): Promise<void> {
  if (typeof Notification === 'undefined') return;
  try {
    permission = await Notification.requestPermission();
  } catch {
    permission = current();
  }
  for (const listener of listeners) listener();
}

/**
 * Shows a system notification when allowed and the watch is looking elsewhere (another tab
 * or window). The tag is the item, so a repeat replaces rather than piles up.
 */
export function notifyDesktop(title: string, body: string, tag: string, urgent: boolean): boolean {
  if (current() !== 'granted' || (document.visibilityState === 'visible' && document.hasFocus())) return false;
  try {
    const notification = new Notification(title, { body, tag, requireInteraction: urgent });
    notification.onclick = () => {
      window.focus();
      notification.close();
    };
    return true;
  } catch {
    return false;
  }
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useDesktopPermission(): DesktopPermission {
  return useSyncExternalStore(subscribe, () => permission);
}
