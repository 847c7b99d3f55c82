import { createContext, useContext } from 'react';
import type { DeviceSignature } from './device-key.ts';
import type { DeviceState } from './device-state.ts';

export interface DeviceContextValue {
  state: DeviceState;
  /** Asks the server again, e.g. whether a pending device was approved. */
  refresh(): void;
  /** Replaces this browser's key for the member with a new one and registers it. */
  createNewKey(): void;
  /**
   * Signs bytes with this browser's device key for the logged-in member. Rejects with
   * {@link DeviceNotApprovedError} unless the device is approved, since the server would
   * refuse anything it signs.
   */
  sign(bytes: Uint8Array): Promise<DeviceSignature>;
}

export class DeviceNotApprovedError extends Error {
  readonly status: DeviceState['status'];
  constructor(status: DeviceState['status']) {
    super(`the device cannot sign: its status is ${status}`);
    this.name = 'DeviceNotApprovedError';
    this.status = status;
  }
}

export const DeviceContext = createContext<DeviceContextValue | null>(null);

export function useDevice(): DeviceContextValue {
  const value = useContext(DeviceContext);
  if (!value) throw new Error('useDevice needs a DeviceProvider');
  return value;
}
