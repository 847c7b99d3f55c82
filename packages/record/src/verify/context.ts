// State shared by the verification steps of one bundle.

import type { z } from 'zod';
import type { BundleOuterShape } from '../bundle.ts';
import type { DeviceRecord, DeviceValidity } from '../device-attestation.ts';
import type { VerifierKey } from '../note/verifier-key.ts';
import type { SignatureVerifier } from '../signature.ts';
import type { FailureList } from './report.ts';

export type BundleOuter = z.infer<typeof BundleOuterShape>;
export type CompartmentOuter = BundleOuter['compartments'][number];

export interface KnownDevice {
  record: DeviceRecord;
  publicKey: Uint8Array;
  validity: DeviceValidity;
  /** Revocation time in epoch milliseconds, when revoked. */
  revokedAtMs?: number;
}

export interface VerifyContext {
  bundle: BundleOuter;
  logKey: VerifierKey;
  verifier: SignatureVerifier;
  failures: FailureList;
  devices: Map<string, KnownDevice>;
  /** Item id → where it sits, across all compartments of the bundle. */
  items: Map<string, { compartment: string; position: number }>;
}

/** A checkpoint whose log signatures verified. */
export interface ValidCheckpoint {
  position: number;
  size: number;
  rootHash: Uint8Array;
  time: number;
  text: string;
}

/** What later steps need to know about each entry, by position. */
export interface EntryInfo {
  index: number;
  /** Party of the author's device; undefined for the cell's own entries or unknown devices. */
  authorParty: string | undefined;
  references: readonly string[];
}
