import { deviceRegistrationMessage, type Device } from '@fusion-cell/protocol';
import { api } from '../api/endpoints.ts';
import { toBase64Url } from './base64url.ts';
import { loadDeviceKey, saveDeviceKey, type DeviceOwner, type StoredDeviceKey } from './device-key-store.ts';

const ED25519 = { name: 'Ed25519' } as const;

/** Thrown when this browser cannot hold an Ed25519 device key. */
export class DeviceKeyUnsupportedError extends Error {
  constructor(cause: unknown) {
    super('this browser does not support Ed25519 keys in WebCrypto', { cause });
    this.name = 'DeviceKeyUnsupportedError';
  }
}

/** Thrown when signing is asked of a browser that holds no usable key for the member. */
export class NoDeviceKeyError extends Error {
  constructor() {
    super('there is no device key for this member in this browser');
    this.name = 'NoDeviceKeyError';
  }
}

/** Generates a key pair whose private half can sign but can never be exported. */
async function generateKeyPair(): Promise<CryptoKeyPair> {
  try {
    return (await crypto.subtle.generateKey(ED25519, false, ['sign', 'verify'])) as CryptoKeyPair;
  } catch (error) {
    throw new DeviceKeyUnsupportedError(error);
  }
}

/** Creates a new key for the member and stores it, before the server hears of it. */
export async function createDeviceKey(owner: DeviceOwner): Promise<StoredDeviceKey> {
  const keyPair = await generateKeyPair();
  const publicKey = toBase64Url(new Uint8Array(await crypto.subtle.exportKey('raw', keyPair.publicKey)));
  const stored: StoredDeviceKey = { ...owner, keyPair, publicKey, deviceId: null, createdAt: new Date().toISOString() };
  // Stored first: if the registration's answer is lost, the key is still here to find on the server.
  await saveDeviceKey(stored);
  return stored;
}

/**
 * Registers a stored key with the server, proving possession by signing the registration
 * text, and remembers the device id the server gave it.
 */
export async function registerDeviceKey(stored: StoredDeviceKey, label: string): Promise<Device> {
  const message = deviceRegistrationMessage(stored.cellId, stored.memberId, stored.publicKey);
  const proof = await signBytes(stored.keyPair.privateKey, new TextEncoder().encode(message));
  const device = await api.registerDevice({ publicKey: stored.publicKey, label, proof: toBase64Url(proof) });
  await saveDeviceKey({ ...stored, deviceId: device.id });
  return device;
}

async function signBytes(privateKey: CryptoKey, bytes: Uint8Array): Promise<Uint8Array> {
  // Copy into a fresh ArrayBuffer: WebCrypto rejects views onto shared memory.
  const data = new Uint8Array(bytes);
  return new Uint8Array(await crypto.subtle.sign(ED25519, privateKey, data));
}

export interface DeviceSignature {
  /** The 64-byte Ed25519 signature. */
  signature: Uint8Array;
  /** The same, base64url, as envelopes carry it. */
  signatureBase64Url: string;
  /** The device the server knows the key by, to name in the envelope. */
  deviceId: string;
  publicKey: string;
}

/**
 * Signs `bytes` with the member's device key in this browser. The private key is used
 * through its WebCrypto handle and never leaves the browser. Fails with
 * {@link NoDeviceKeyError} when there is no registered key; whether the device is approved
 * is for the caller (and, in the end, the server) to check.
 */
export async function signWithDevice(owner: DeviceOwner, bytes: Uint8Array): Promise<DeviceSignature> {
  const stored = await loadDeviceKey(owner);
  if (!stored || stored.deviceId === null) throw new NoDeviceKeyError();
  const signature = await signBytes(stored.keyPair.privateKey, bytes);
  return { signature, signatureBase64Url: toBase64Url(signature), deviceId: stored.deviceId, publicKey: stored.publicKey };
}
