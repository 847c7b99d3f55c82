import { z } from 'zod';
import { ItemIdText, Language, TRACKS } from '../../../common.ts';
import { Place } from '../../../geo.ts';
import { ReleaseCommitment, ReleaseNonce } from '../../../intelligence/release-commitment.ts';
import { TLP_LEVELS } from '../../../intelligence/tlp.ts';
import { defineItemType } from '../../item-type.ts';
import { SHARED_COMPARTMENTS } from '../audiences.ts';
import { INTELLIGENCE_ROLES } from './report.ts';

/** The markings an extract may carry: what is RED never leaves its compartment. */
export const RELEASE_TLP_LEVELS = TLP_LEVELS.filter((level): level is Exclude<(typeof TLP_LEVELS)[number], 'RED'> => level !== 'RED');
export const ReleaseTlp = z.enum(RELEASE_TLP_LEVELS, { error: 'must be CLEAR, GREEN, AMBER or AMBER+STRICT: an extract is never RED' });

/**
 * A sanitised extract of an item of a narrower compartment, entered in a broader one (the tear
 * line). It does not name its original: `original` is a commitment to it (record SPEC R44),
 * which readers of this compartment cannot open and readers of the original can check.
 */
export const IntelReleasePayload = z.strictObject({
  title: z.string().trim().min(1).max(300),
  extract: z.string().trim().min(1).max(40_000).describe('the sanitised text, in `language`'),
  language: Language,
  tlp: ReleaseTlp,
  original: ReleaseCommitment.describe('SHA-256 of "fusion-cell/release/v1\\n", a 32-byte nonce and the original’s leaf hash, base64url (record SPEC R44)'),
  location: Place.optional().describe('GeoJSON Point, Polygon or MultiPolygon, WGS 84'),
});
export type IntelReleasePayload = z.infer<typeof IntelReleasePayload>;

/**
 * The cell's note, in the original's compartment, of a release made of it: the release's id and
 * the nonce that opens its commitment. It refers to the original, so the original's readers, and
 * they alone, find the release and can check the tie from the record.
 */
export const IntelReleaseNotePayload = z.strictObject({
  release: ItemIdText.describe('the release, in the broader compartment'),
  nonce: ReleaseNonce,
});
export type IntelReleaseNotePayload = z.infer<typeof IntelReleaseNotePayload>;

export const intelReleaseType = defineItemType({
  type: 'intel.release',
  version: 1,
  payload: IntelReleasePayload,
  roles: INTELLIGENCE_ROLES,
  tracks: ['intelligence'],
  // Nothing is narrower than a party's internal compartment, so nothing is released into one.
  compartments: SHARED_COMPARTMENTS,
  // The other parties say they understood what was shared with them.
  obligation: { ruleKey: 'intel.release' },
  summary: ['title', 'extract'],
});

export const intelReleaseNoteType = defineItemType({
  type: 'intel.release.note',
  version: 1,
  payload: IntelReleaseNotePayload,
  roles: [],
  tracks: TRACKS,
  cellOnly: true,
  attached: true,
  summary: ['release'],
});
