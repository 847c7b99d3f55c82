import { useEffect, useState, type ReactNode } from 'react';
import { reportSessionEnded } from '../api/client.ts';
import { setServerClock } from '../components/use-now.ts';
import { useAuthenticated } from '../features/auth/session-context.ts';
import { StreamClient } from '../stream/stream-client.ts';
import { streamUrl } from '../stream/stream-url.ts';
import { useRecordSyncInstance } from '../sync/record-sync-context.ts';
import { CoordinationContext } from './coordination-context.ts';
import { CoordinationStore } from './coordination-store.ts';

const ignore = () => undefined;

/**
 * Opens the live stream once the record sync has pinned the log key, and feeds it: entries
 * and checkpoints to the record sync (which stops polling while the stream holds), every
 * frame's consequences to the coordination store (inbox, overdue view, presence), and the
 * server's clock to the countdowns.
 */
export function CoordinationProvider({ children }: { children: ReactNode }) {
  const { session } = useAuthenticated();
  const sync = useRecordSyncInstance();
  const [store] = useState(() => new CoordinationStore({ party: session.party.id, supervisor: session.party.kind === 'supervisor' }));
  const [client] = useState(
    () =>
      new StreamClient(
        {
          subscriptions: () => sync.subscriptions(),
          onEntries: (compartment, entries) => {
            sync.ingestEntries(compartment, entries).catch(ignore);
            store.entriesArrived();
          },
          onCheckpoint: (compartment, size, note) => {
            sync.ingestCheckpoint(compartment, size, note).catch(ignore);
          },
          onNotification: (frame) => store.notification(frame),
          onPresence: () => store.presenceChanged(),
          onServerTime: setServerClock,
          onLive: (live) => {
            sync.setLive(live);
            store.setLive(live);
          },
          onSessionEnded: reportSessionEnded,
          onCursorRefused: () => void sync.refresh(),
        },
        { url: streamUrl() },
      ),
  );

  useEffect(() => {
    let cancelled = false;
    store.start();
    const unsubscribe = client.subscribe(() => store.streamStatus(client.getStatus()));
    // The stream continues the record from where the first round left it.
    void sync.whenReady().then(() => {
      if (!cancelled) client.start();
    });
    const retry = () => client.reconnectNow();
    // Polling found the server again (after a restart): no need to wait out the backoff.
    const stopReachable = store.onReachable(retry);
    const onVisible = () => {
      if (document.visibilityState === 'visible') client.reconnectNow();
    };
    window.addEventListener('online', retry);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      cancelled = true;
      window.removeEventListener('online', retry);
      document.removeEventListener('visibilitychange', onVisible);
      unsubscribe();
      stopReachable();
      client.stop();
      store.stop();
    };
  }, [client, store, sync]);

  return <CoordinationContext.Provider value={store}>{children}</CoordinationContext.Provider>;
}
