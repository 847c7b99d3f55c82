import type { Device, DeviceStatus } from '@fusion-cell/protocol';
import { api } from '../api/endpoints.ts';
import { createDeviceKey, registerDeviceKey } from './device-key.ts';
import { loadDeviceKey, saveDeviceKey, type DeviceOwner } from './device-key-store.ts';

/**
 * Where this browser's device key stands. `unknown` means a key is stored here but the
 * server has no device with it (the cell was reset, or the record was removed): it cannot
 * sign, and a new key must be made.
 */
export type DeviceState =
  | { status: 'checking' }
  | { status: DeviceStatus; device: Device }
  | { status: 'unknown' }
  | { status: 'unsupported' }
  | { status: 'error'; error: unknown };

export type DeviceStatusName = DeviceState['status'];

/**
 * Runs `work` alone for this member in this browser: across tabs with a Web Lock, within the
 * page by sharing the promise. Two tabs opened at once must not both create a key.
 */
const inFlight = new Map<string, Promise<DeviceState>>();
function exclusively(owner: DeviceOwner, work: () => Promise<DeviceState>): Promise<DeviceState> {
  const name = `fusion-cell.device/${owner.cellId}/${owner.memberId}`;
  const running = inFlight.get(name);
  if (running) return running;
  // The lock's promise settles with the callback's settled value; the DOM typings say otherwise.
  const locked = typeof navigator !== 'undefined' && navigator.locks ? (navigator.locks.request(name, work) as Promise<unknown> as Promise<DeviceState>) : work();
  const promise = locked.finally(() => inFlight.delete(name));
  inFlight.set(name, promise);
  return promise;
}

/**
 * Finds this browser's key for the member and its device on the server; on the first login
 * in this browser, creates the key and registers it.
 */
export function ensureDevice(owner: DeviceOwner, label: string): Promise<DeviceState> {
  return exclusively(owner, () => findOrRegister(owner, label));
}

async function findOrRegister(owner: DeviceOwner, label: string): Promise<DeviceState> {
  const stored = await loadDeviceKey(owner);
  if (!stored) return createAndRegister(owner, label);
  const { devices } = await api.devices('own');
  const device = devices.find((candidate) => candidate.publicKey === stored.publicKey);
  if (device) {
    if (stored.deviceId !== device.id) await saveDeviceKey({ ...stored, deviceId: device.id });
    return { status: device.status, device };
  }
  // A key whose registration was never answered is registered now; one the server has
  // forgotten is not silently replaced, since the member should know their device changed.
  if (stored.deviceId === null) {
    const registeredDevice = await registerDeviceKey(stored, label);
    return { status: registeredDevice.status, device: registeredDevice };
  }
  return { status: 'unknown' };
}

/** Makes a new key for the member in this browser, replacing any stored one, and registers it. */
export function replaceDevice(owner: DeviceOwner, label: string): Promise<DeviceState> {
  return exclusively(owner, () => createAndRegister(owner, label));
}

async function createAndRegister(owner: DeviceOwner, label: string): Promise<DeviceState> {
  const stored = await createDeviceKey(owner);
  const device = await registerDeviceKey(stored, label);
  return { status: device.status, device };
}
