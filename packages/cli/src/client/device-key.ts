import fs from 'node:fs';
import { base64UrlEncode, type NamedSigner, type Signer } from '@fusion-cell/record';
import { generateKeyPair, nodeSigner, privateKeyObject, privateKeyToPem, publicKeyFromPrivateKey } from '@fusion-cell/record/node';
import { ClientError } from './client-error.ts';
import { createPrivateFile } from './private-file.ts';

/** The device's Ed25519 key, loaded from its PEM file; the private key never leaves it. */
export interface DeviceKey {
  file: string;
  publicKey: Uint8Array;
  /** Raw public key, base64url, as the server registers it. */
  publicKeyText: string;
  sign: Signer;
}

/** Loads a device key file, refusing one that others can read. */
export function loadDeviceKey(file: string): DeviceKey {
  let pem: string;
  try {
    const mode = fs.statSync(file).mode & 0o077;
    if (mode !== 0) throw new ClientError(`the key file ${file} is readable by others; run chmod 600 ${file}`);
    pem = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof ClientError) throw error;
    throw new ClientError(`cannot read the device key ${file}: ${(error as Error).message}; log in again to register a new device`);
  }
  let key: ReturnType<typeof privateKeyObject>;
  try {
    key = privateKeyObject(pem);
  } catch {
    throw new ClientError(`${file} is not an Ed25519 private key (PEM, PKCS#8)`);
  }
  const publicKey = publicKeyFromPrivateKey(key);
  return { file, publicKey, publicKeyText: base64UrlEncode(publicKey), sign: nodeSigner(key) };
}

/** The key in `file`, created (PKCS#8 PEM, mode 0600) if there is none yet. */
export function loadOrCreateDeviceKey(file: string): { key: DeviceKey; created: boolean } {
  if (fs.existsSync(file)) return { key: loadDeviceKey(file), created: false };
  createPrivateFile(file, privateKeyToPem(generateKeyPair().privateKey));
  return { key: loadDeviceKey(file), created: true };
}

/** The device as a named signer of cosignatures (`fusion-cell/<cell>/<party>/<device>`). */
export function cosignerOf(key: DeviceKey, name: string): NamedSigner {
  return { name, publicKey: key.publicKey, sign: key.sign };
}
