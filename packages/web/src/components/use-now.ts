import { useSyncExternalStore } from 'react';

const listeners = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setInterval> | undefined;
/** The server's clock minus this browser's (ms), as the live stream last said; 0 until it does. */
let serverOffset = 0;

function notify(): void {
  for (const each of listeners) each();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === undefined) {
    now = Date.now();
    // One clock for every countdown on the page, so they tick together.
    timer = setInterval(() => {
      now = Date.now();
      notify();
    }, 1000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/** This browser's time now (epoch ms), ticking every second while anything shows it. */
export function useNow(): number {
  return useSyncExternalStore(subscribe, () => now);
}

/**
 * The server's time now (epoch ms), ticking every second: this browser's clock corrected by
 * the skew the stream measured. Deadlines are the server's, so countdowns to them use this.
 */
export function useServerNow(): number {
  return useSyncExternalStore(subscribe, () => now + serverOffset);
}

/** The skew last measured (server minus browser, ms), for diagnostics. */
export function useServerClockOffset(): number {
  return useSyncExternalStore(subscribe, () => serverOffset);
}

/**
 * Takes the server's clock from the stream's `welcome` (sent as the connection opens): the
 * difference from this browser's clock at arrival, which errs by the frame's transit time only.
 */
export function setServerClock(serverTime: number, receivedAt = Date.now()): void {
  const offset = Math.round(serverTime - receivedAt);
  if (offset === serverOffset) return;
  serverOffset = offset;
  now = Date.now();
  notify();
}
