import { z } from 'zod';
import { Id, Timestamp } from '../common.ts';

export const DEVICE_STATUSES = ['pending', 'approved', 'revoked'] as const;
export const DeviceStatus = z.enum(DEVICE_STATUSES);
export type DeviceStatus = z.infer<typeof DeviceStatus>;

/** 32 bytes of a raw Ed25519 public key, base64url without padding. */
export const PublicKey = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'must be a base64url Ed25519 public key (32 bytes)');
/** 64 bytes of an Ed25519 signature, base64url without padding. */
export const SignatureValue = z.string().regex(/^[A-Za-z0-9_-]{86}$/, 'must be a base64url Ed25519 signature (64 bytes)');

export const Device = z
  .strictObject({
    id: Id,
    member: Id,
    username: z.string(),
    label: z.string(),
    publicKey: PublicKey,
    status: DeviceStatus,
    registeredAt: Timestamp,
    approvedAt: Timestamp.nullable(),
    approvedBy: z.string().nullable().describe('member id, or @cell when the cell or its operator approved'),
    revokedAt: Timestamp.nullable(),
    revokedBy: z.string().nullable(),
  })
  .meta({ id: 'Device' });
export type Device = z.infer<typeof Device>;

export const RegisterDeviceRequest = z
  .strictObject({
    publicKey: PublicKey,
    label: z.string().trim().min(1).max(80),
    /** Signature of {@link deviceRegistrationMessage} by the key, proving the caller holds it. */
    proof: SignatureValue,
  })
  .meta({ id: 'RegisterDeviceRequest' });
export type RegisterDeviceRequest = z.infer<typeof RegisterDeviceRequest>;

/** The text a new device signs to prove possession of its private key. */
export function deviceRegistrationMessage(cellId: string, memberId: string, publicKey: string): string {
  return `fusion-cell device registration\n${cellId}\n${memberId}\n${publicKey}\n`;
}

/**
 * An administrator's decision on a device, optionally signed by the administrator's own
 * device: `signature` is over the device attestation statement (see the record's SPEC) with
 * this `at` time.
 */
export const DeviceDecision = z
  .strictObject({
    signedBy: z
      .strictObject({
        device: Id,
        at: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/, 'must be a UTC time with milliseconds'),
        signature: SignatureValue,
      })
      .optional(),
  })
  .meta({ id: 'DeviceDecision' });
export type DeviceDecision = z.infer<typeof DeviceDecision>;

export const DeviceList = z.strictObject({ devices: z.array(Device) }).meta({ id: 'DeviceList' });
export const DeviceParams = z.strictObject({ deviceId: Id });
