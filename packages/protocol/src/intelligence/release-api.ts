import { z } from 'zod';
import { ItemIdText, Timestamp } from '../common.ts';
import { ReleaseCommitment, ReleaseNonce } from './release-commitment.ts';

/**
 * What a release is submitted with, beside its signed envelope and outside it: the original
 * and the nonce that open the release's commitment (record SPEC R44). The server checks them
 * and keeps them in the original's compartment only.
 */
export const ReleaseOpening = z
  .strictObject({
    original: ItemIdText.describe('the item released, in a narrower compartment the author reads'),
    nonce: ReleaseNonce.describe('the 32 random bytes the commitment was made with, base64url'),
  })
  .meta({ id: 'ReleaseOpening' });
export type ReleaseOpening = z.infer<typeof ReleaseOpening>;

/** One release tied to its original, as readers of the original's compartment see it. */
export const ReleaseLink = z
  .strictObject({
    release: ItemIdText,
    releaseCompartment: z.string(),
    original: ItemIdText,
    originalCompartment: z.string(),
    /** The cell's note in the original's compartment that keeps the opening in the record. */
    note: ItemIdText,
    nonce: ReleaseNonce,
    commitment: ReleaseCommitment,
    releasedAt: Timestamp,
  })
  .meta({ id: 'ReleaseLink' });
export type ReleaseLink = z.infer<typeof ReleaseLink>;

export const ReleaseLinkList = z
  .strictObject({
    releases: z.array(ReleaseLink).describe('releases of which the item is the release or the original, as far as the caller reads the original'),
  })
  .meta({ id: 'ReleaseLinkList' });
export type ReleaseLinkList = z.infer<typeof ReleaseLinkList>;
