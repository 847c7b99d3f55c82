import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { deviceRegistrationMessage } from '@fusion-cell/protocol';

export interface TestDeviceKey {
  publicKey: string;
  privateKey: KeyObject;
  sign(message: string | Uint8Array): string;
}

/** A fresh Ed25519 key, as a member's device would make it. */
export function newDeviceKey(): TestDeviceKey {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = publicKey.export({ format: 'jwk' }).x as string;
  return {
    publicKey: raw,
    privateKey,
    sign: (message) => sign(null, typeof message === 'string' ? Buffer.from(message, 'utf8') : message, privateKey).toString('base64url'),
  };
}

/** The body of POST /api/v1/devices for a key and member. */
export function registrationFor(key: TestDeviceKey, cellId: string, memberId: string, label = 'test device') {
  return { publicKey: key.publicKey, label, proof: key.sign(deviceRegistrationMessage(cellId, memberId, key.publicKey)) };
}
