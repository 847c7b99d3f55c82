import { createHash } from 'node:crypto';
import { ATTACHMENT_MEDIA_TYPES, AttachmentMediaType, MAX_ATTACHMENT_BYTES, Sha256Hex, type AttachmentReceipt, type Evidence } from '@fusion-cell/protocol';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { DomainError, notFound } from '../errors.ts';
import type { Executor } from '../item-types/server-item-type.ts';
import type { Actor } from '../policy/actor.ts';
import { authorize, decide } from '../policy/policy.ts';
import type { AppliedEntry } from '../record/applied-entry.ts';
import type { Services } from '../services.ts';

/** Who may see a file: the parties that uploaded it and the compartments of the items naming it. */
interface FileAudience {
  uploaders: string[];
  namedIn: string[];
}

/** The audience of each of the given files, gathered for the policy to decide on. */
async function audiencesOf(db: Kysely<Database>, hashes: readonly string[]): Promise<Map<string, FileAudience>> {
  const audiences = new Map<string, FileAudience>(hashes.map((sha256) => [sha256, { uploaders: [], namedIn: [] }]));
  if (hashes.length === 0) return audiences;
  const uploads = await db.selectFrom('attachment_uploads').select(['sha256', 'party_id']).where('sha256', 'in', hashes).execute();
  for (const row of uploads) audiences.get(row.sha256)?.uploaders.push(row.party_id);
  const named = await db.selectFrom('item_evidence').select(['sha256', 'compartment_id']).distinct().where('sha256', 'in', hashes).execute();
  for (const row of named) audiences.get(row.sha256)?.namedIn.push(row.compartment_id);
  return audiences;
}

function mayRead(actor: Actor, audience: FileAudience | undefined): boolean {
  return decide(actor, { type: 'attachment.read', uploaders: audience?.uploaders ?? [], namedIn: audience?.namedIn ?? [] }).allowed;
}

function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Stores a file by the hash of its bytes, for items to name as evidence. Storing bytes again
 * stores nothing new; it records the party as an uploader, which lets it read the file.
 * `created` says whether this party's upload is new, not whether anyone else uploaded the same
 * bytes before: a party must not learn of a file it could not read.
 */
export async function storeAttachment(
  services: Services,
  actor: Actor,
  bytes: Uint8Array,
  mediaType: string,
  expectedSha256?: string,
): Promise<{ receipt: AttachmentReceipt; created: boolean }> {
  authorize(actor, { type: 'attachment.upload' });
  const type = AttachmentMediaType.safeParse(mediaType);
  if (!type.success) {
    throw new DomainError('unsupported_media_type', `files of type "${mediaType}" are not accepted as evidence; send one of ${ATTACHMENT_MEDIA_TYPES.join(', ')}`, 'headers.content-type');
  }
  if (bytes.byteLength === 0) throw new DomainError('validation_failed', 'the file is empty; send its bytes as the body');
  if (bytes.byteLength > MAX_ATTACHMENT_BYTES) throw new DomainError('payload_too_large', `files are at most ${MAX_ATTACHMENT_BYTES} bytes; this one has ${bytes.byteLength}`);
  const sha256 = sha256Of(bytes);
  if (expectedSha256 !== undefined && expectedSha256 !== sha256) {
    throw new DomainError('validation_failed', `the file's SHA-256 is ${sha256}, not ${expectedSha256} as announced; it was altered or truncated on the way, and nothing was stored`, 'query.sha256');
  }
  const content = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return services.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('attachments')
      .values({ sha256, media_type: type.data, size: bytes.byteLength, content, uploaded_by: actor.memberId, party_id: actor.partyId, uploaded_at: services.clock.now() })
      .onConflict((conflict) => conflict.column('sha256').doNothing())
      .execute();
    const upload = await trx
      .insertInto('attachment_uploads')
      .values({ sha256, party_id: actor.partyId })
      .onConflict((conflict) => conflict.columns(['sha256', 'party_id']).doNothing())
      .executeTakeFirst();
    // The bytes were first stored under the first uploader's media type; evidence must name that one.
    const stored = await trx.selectFrom('attachments').select(['media_type', 'size']).where('sha256', '=', sha256).executeTakeFirstOrThrow();
    const receipt: AttachmentReceipt = { sha256, mediaType: stored.media_type as AttachmentReceipt['mediaType'], size: Number(stored.size) };
    return { receipt, created: Number(upload.numInsertedOrUpdatedRows ?? 0) > 0 };
  });
}

/**
 * A stored file, for a member whose party uploaded it or who sees an item naming it. Any other
 * member is told exactly what it would be told of a hash no file has.
 */
export async function readAttachment(services: Services, actor: Actor, sha256: string): Promise<{ bytes: Uint8Array; mediaType: string }> {
  const audiences = await audiencesOf(services.db, [sha256]);
  const audience = audiences.get(sha256) ?? { uploaders: [], namedIn: [] };
  authorize(actor, { type: 'attachment.read', uploaders: audience.uploaders, namedIn: audience.namedIn }, 'attachment');
  const row = await services.db.selectFrom('attachments').select(['media_type', 'content']).where('sha256', '=', sha256).executeTakeFirst();
  if (!row) throw notFound('attachment');
  return { bytes: row.content, mediaType: row.media_type };
}

/**
 * The evidence an item names must have been uploaded, and be a file its author may read, with
 * the size and media type the upload has: what the signature covers is then what the cell
 * serves. A file the author may not read is refused as one never uploaded.
 */
export async function checkEvidence(db: Kysely<Database>, actor: Actor, evidence: readonly Evidence[] | undefined, fieldPrefix: string): Promise<void> {
  if (!evidence || evidence.length === 0) return;
  const hashes = [...new Set(evidence.map((entry) => entry.sha256))];
  const audiences = await audiencesOf(db, hashes);
  const stored = await db.selectFrom('attachments').select(['sha256', 'media_type', 'size']).where('sha256', 'in', hashes).execute();
  const byHash = new Map(stored.map((row) => [row.sha256, row]));
  evidence.forEach((entry, index) => {
    const field = `${fieldPrefix}[${index}]`;
    const file = byHash.get(entry.sha256);
    if (!file || !mayRead(actor, audiences.get(entry.sha256))) {
      throw new DomainError('validation_failed', 'no file with this hash was uploaded; upload it first', `${field}.sha256`);
    }
    const size = Number(file.size);
    if (entry.size !== size) throw new DomainError('validation_failed', `the size does not match the upload (${size} bytes)`, `${field}.size`);
    if (entry.mediaType !== file.media_type) {
      throw new DomainError('validation_failed', `the media type does not match the upload (${file.media_type})`, `${field}.mediaType`);
    }
  });
}

/** The files an entry's payload names as evidence, whatever its type. */
function evidenceHashes(payload: unknown): string[] {
  if (payload === null || typeof payload !== 'object') return [];
  const evidence = (payload as Record<string, unknown>)['evidence'];
  if (!Array.isArray(evidence)) return [];
  const hashes = new Set<string>();
  for (const entry of evidence) {
    const sha256: unknown = entry !== null && typeof entry === 'object' ? (entry as Record<string, unknown>)['sha256'] : undefined;
    if (Sha256Hex.safeParse(sha256).success) hashes.add(sha256 as string);
  }
  return [...hashes];
}

/** Records which files an appended entry names, in its compartment, so those who see it may read them. */
export async function deriveEvidence(trx: Executor, entry: AppliedEntry): Promise<void> {
  const hashes = evidenceHashes(entry.signed.envelope.payload);
  if (hashes.length === 0) return;
  await trx
    .insertInto('item_evidence')
    .values(hashes.map((sha256) => ({ item_id: entry.itemId, sha256, compartment_id: entry.compartmentId })))
    .onConflict((conflict) => conflict.columns(['item_id', 'sha256']).doNothing())
    .execute();
}
