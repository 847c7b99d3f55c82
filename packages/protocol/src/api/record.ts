import { z } from 'zod';
import { CompartmentKind, ItemIdText, Timestamp } from '../common.ts';

const Base64Hash = z.string().describe('base64 (standard) SHA-256 hash');

/** What the server answers once an item is durably in its compartment's log. */
export const ItemReceipt = z
  .strictObject({
    id: ItemIdText,
    compartment: z.string(),
    index: z.number().int().nonnegative(),
    leafHash: z.string().describe('base64url of the RFC 9162 leaf hash (equals the id)'),
    receivedAt: Timestamp,
    duplicate: z.boolean().describe('true when this exact signed envelope was already in the log'),
  })
  .meta({ id: 'ItemReceipt' });
export type ItemReceipt = z.infer<typeof ItemReceipt>;

/** A log entry as readers get it: the exact signed bytes, so they can verify them. */
export const LogEntry = z
  .strictObject({
    id: ItemIdText,
    compartment: z.string(),
    index: z.number().int().nonnegative(),
    receivedAt: Timestamp,
    /** Canonical JSON of the signed envelope: the leaf data whose hash is in the tree. */
    leaf: z.string(),
  })
  .meta({ id: 'LogEntry' });
export type LogEntry = z.infer<typeof LogEntry>;

export const LogEntryList = z.strictObject({ entries: z.array(LogEntry), next: z.number().int().nullable() }).meta({ id: 'LogEntryList' });

export const CompartmentLog = z
  .strictObject({
    id: z.string(),
    kind: CompartmentKind,
    owner: z.string().nullable(),
    parties: z.array(z.string()),
    origin: z.string(),
    size: z.number().int().nonnegative(),
    /** The latest signed checkpoint with every cosignature line, or null before the first. */
    checkpoint: z.string().nullable(),
    cosignedBy: z.array(z.strictObject({ party: z.string(), device: z.string(), size: z.number().int() })),
  })
  .meta({ id: 'CompartmentLog' });
export type CompartmentLog = z.infer<typeof CompartmentLog>;

export const CompartmentLogList = z
  .strictObject({ logKey: z.string().describe('the log verifier key, name+hash+key'), compartments: z.array(CompartmentLog) })
  .meta({ id: 'CompartmentLogList' });

export const InclusionProof = z
  .strictObject({ index: z.number().int(), size: z.number().int(), hashes: z.array(Base64Hash) })
  .meta({ id: 'InclusionProof' });
export const ConsistencyProof = z
  .strictObject({ from: z.number().int(), to: z.number().int(), hashes: z.array(Base64Hash) })
  .meta({ id: 'ConsistencyProof' });

export const CompartmentParams = z.strictObject({ compartmentId: z.string().min(1).max(64) });
export const EntryRangeQuery = z.strictObject({
  start: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  track: z.string().max(32).optional(),
});
export const InclusionQuery = z.strictObject({
  index: z.coerce.number().int().nonnegative(),
  size: z.coerce.number().int().positive(),
});
export const ConsistencyQuery = z.strictObject({
  from: z.coerce.number().int().nonnegative(),
  to: z.coerce.number().int().nonnegative(),
});
export const CheckpointQuery = z.strictObject({ size: z.coerce.number().int().positive().optional() });

export const CosignatureRequest = z
  .strictObject({
    size: z.number().int().positive(),
    device: z.string().min(1).max(64),
    /** The cosignature line `— <name> <base64>` in c2sp.org/tlog-cosignature v1 format. */
    line: z.string().min(1).max(400),
  })
  .meta({ id: 'CosignatureRequest' });
export type CosignatureRequest = z.infer<typeof CosignatureRequest>;

/** Authors a party may meet in its compartments: names and device keys with their history. */
export const Directory = z
  .strictObject({
    members: z.array(z.strictObject({ id: z.string(), party: z.string(), displayName: z.string() })),
    devices: z.array(
      z.strictObject({
        id: z.string(),
        member: z.string(),
        party: z.string(),
        publicKey: z.string(),
        attestations: z.array(z.unknown()),
      }),
    ),
  })
  .meta({ id: 'Directory' });
export type Directory = z.infer<typeof Directory>;
