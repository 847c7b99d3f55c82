import { useEffect, useState, type ReactNode } from 'react';
import { useDevice } from '../device/device-context.ts';
import { useAuthenticated } from '../features/auth/session-context.ts';
import { RecordSync } from './record-sync.ts';
import { RecordSyncContext } from './record-sync-context.ts';

/**
 * Runs the record sync for the logged-in member while the shell is shown, and hands it this
 * browser's device for cosigning once the device is approved.
 */
export function RecordSyncProvider({ children }: { children: ReactNode }) {
  const { session, cell } = useAuthenticated();
  const device = useDevice();
  // One sync per shell: the shell is keyed by member, so a new login starts a new one.
  const [sync] = useState(() => new RecordSync({ cellId: cell.id, partyId: session.party.id, compartments: session.compartments }));

  useEffect(() => {
    sync.start();
    return () => sync.stop();
  }, [sync]);

  const { state, sign } = device;
  useEffect(() => {
    if (state.status !== 'approved') {
      sync.setDevice(null);
      return;
    }
    sync.setDevice({
      id: state.device.id,
      publicKey: state.device.publicKey,
      approvedAt: state.device.approvedAt,
      sign: async (message) => (await sign(message)).signature,
    });
  }, [sync, state, sign]);

  return <RecordSyncContext.Provider value={sync}>{children}</RecordSyncContext.Provider>;
}
