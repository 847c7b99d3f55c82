import { z } from 'zod';

/** The kinds of file evidence may be: pictures, documents, video, geometry. Anything else is refused on upload. */
export const ATTACHMENT_MEDIA_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf', 'text/plain', 'video/mp4', 'application/geo+json'] as const;
export const AttachmentMediaType = z.enum(ATTACHMENT_MEDIA_TYPES);

/** The largest file the cell stores as evidence. */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

/** Hex SHA-256 of a file's bytes: what an item's evidence names, and the file's address in the store. */
export const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'must be the SHA-256 of the file, in 64 lower-case hex digits');

/**
 * A file an item names as evidence, by the hash of its bytes: the signature covers the hash, so
 * the file cannot be swapped afterwards. It must have been uploaded before the item is entered.
 */
export const Evidence = z.strictObject({
  sha256: Sha256Hex,
  name: z.string().trim().min(1).max(200),
  mediaType: AttachmentMediaType,
  size: z.number().int().positive().max(MAX_ATTACHMENT_BYTES),
});
export type Evidence = z.infer<typeof Evidence>;

/** What the cell answers for an upload. */
export const AttachmentReceipt = z.strictObject({
  sha256: Sha256Hex,
  mediaType: AttachmentMediaType,
  size: z.number().int().positive(),
});
export type AttachmentReceipt = z.infer<typeof AttachmentReceipt>;
