import type { CompartmentKind } from '@fusion-cell/protocol';
import type { SignedEnvelope } from '@fusion-cell/record';
import type { ApiError } from '../api/api-error.ts';

/** Why an item did not verify. Each has words in the translations (`verification.failures`). */
export type ItemFailureCode =
  | 'leaf_malformed'
  | 'id_mismatch'
  | 'location_mismatch'
  | 'device_unknown'
  | 'device_member_mismatch'
  | 'author_not_in_compartment'
  | 'device_not_valid'
  | 'signature_invalid'
  | 'inclusion_invalid'
  | 'proof_unavailable';

export type CheckResult =
  | { status: 'verified'; size?: number }
  | { status: 'pending' }
  | { status: 'failed'; code: ItemFailureCode; detail: string };

/** An item's two checks: who signed it, and that the log holds exactly these bytes. */
export interface ItemVerification {
  signature: CheckResult;
  /** Verified against a checkpoint of `size`; pending until a verified checkpoint covers it. */
  inclusion: CheckResult;
}

export type VerificationVerdict = 'verified' | 'pending' | 'failed';

export function verdictOf(verification: ItemVerification): VerificationVerdict {
  if (verification.signature.status === 'failed' || verification.inclusion.status === 'failed') return 'failed';
  if (verification.signature.status === 'verified' && verification.inclusion.status === 'verified') return 'verified';
  return 'pending';
}

/** One log entry as this browser received and checked it. */
export interface SyncedItem {
  /** The item id computed here from the leaf bytes, never the server's word. */
  id: string;
  /** The id the server sent with the entry; a difference means the bytes were changed. */
  claimedId: string;
  compartment: string;
  index: number;
  receivedAt: string;
  leafHash: Uint8Array;
  /** The signed envelope, unless the leaf could not be read as one. */
  signed: SignedEnvelope | null;
  verification: ItemVerification;
}

/** What can go wrong with a log as a whole. Each stops cosigning of its compartment for good. */
export type AlarmCode =
  | 'log_key_changed'
  | 'log_key_invalid'
  | 'checkpoint_invalid'
  | 'checkpoint_shrank'
  | 'checkpoint_forked'
  | 'checkpoint_inconsistent'
  | 'checkpoint_time_reversed'
  | 'consistency_unprovable'
  | 'entries_missing'
  | 'entries_out_of_order';

export interface Alarm {
  code: AlarmCode;
  /** The compartment, or null for the cell's log key. */
  compartment: string | null;
  raisedAt: string;
  /** Numbers for the localized sentence (sizes, indexes). */
  values: Record<string, number>;
  /** The technical account, in English, for whoever investigates. */
  detail: string;
  /** Signed notes that prove it (the checkpoint verified here and the one that contradicts it). */
  evidence?: string[];
}

/** A verified checkpoint, as shown on the record page. */
export interface CheckpointView {
  size: number;
  rootHash: string;
  /** Signing time from the log's timestamped signature, POSIX seconds. */
  time: number;
  note: string;
}

/** A device's cosignature on the latest verified checkpoint. */
export interface CosignerView {
  party: string;
  device: string;
  member: string | undefined;
  time: number;
  /** The line verifies under the device's key, and the device was valid at its time. */
  valid: boolean;
}

export type ConsistencyStatus = 'unknown' | 'first' | 'same' | 'extended' | 'alarm';

export type CosignState = 'idle' | 'cosigned' | 'waiting' | 'not_approved' | 'stopped' | 'failed';

export interface CompartmentSync {
  id: string;
  kind: CompartmentKind;
  owner: string | null;
  parties: string[];
  origin: string;
  /** The log's size as the server last reported it. */
  size: number;
  /** The latest checkpoint this browser verified. */
  checkpoint: CheckpointView | null;
  consistency: { status: ConsistencyStatus; from?: number };
  cosigners: CosignerView[];
  cosign: { state: CosignState; size?: number; error?: ApiError };
  alarms: Alarm[];
  /** Items whose signature or inclusion failed. */
  failedItems: number;
}

export interface LogKeyView {
  /** The key pinned on first sight, and its fingerprint. */
  pinned: { verifierKey: string; fingerprint: string; pinnedAt: string } | null;
  /** What the server shows now, when it differs from the pinned key. */
  served: { verifierKey: string; fingerprint: string } | null;
}

export interface MemberView {
  party: string;
  displayName: string;
}

export interface SyncSnapshot {
  phase: 'starting' | 'ready';
  /** The last sync's failure (network, server); the data shown is then from before it. */
  error: ApiError | null;
  lastSyncedAt: string | null;
  logKey: LogKeyView;
  members: ReadonlyMap<string, MemberView>;
  compartments: CompartmentSync[];
  /** Each compartment's items, in log order. */
  items: ReadonlyMap<string, readonly SyncedItem[]>;
  /** Alarms about the cell's log key, not one compartment. */
  cellAlarms: Alarm[];
}
