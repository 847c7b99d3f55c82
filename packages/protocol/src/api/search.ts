import { z } from 'zod';
import { Language, Timestamp, TRACKS } from '../common.ts';
import { CREDIBILITY_GRADES, RELIABILITY_GRADES } from '../intelligence/admiralty.ts';
import { TLP_LEVELS } from '../intelligence/tlp.ts';
import { ITEM_TYPE_LIST } from '../items/registry.ts';

/** The longest query text, the most words it may hold, the most results of one page. */
export const SEARCH_TEXT_MAX_LENGTH = 500;
export const SEARCH_MAX_WORDS = 16;
export const SEARCH_PAGE_MAX = 100;
export const SEARCH_PAGE_DEFAULT = 20;
/**
 * A search ranks at most this many matches, the newest: a word found in more items than this is
 * too common to rank them all at once, and the latest ones are those a watch looks for.
 */
export const SEARCH_RANKED_WINDOW = 1000;

/**
 * A query parameter that holds one value or several, comma-separated (`type=intel.report,message`).
 * `+` in a query string is a space, so `tlp=AMBER+STRICT` arrives as `AMBER STRICT`: a value
 * whose only fault is that space is read as the value.
 */
function listOf<T extends string>(values: readonly T[], what: string) {
  const known = new Map(values.map((value) => [value.replace(/\+/g, ' '), value]));
  return z
    .string()
    .max(1000)
    .transform((text) => text.split(',').map((value) => known.get(value) ?? value))
    .pipe(z.array(z.enum(values as [T, ...T[]], { error: (issue) => `there is no ${what} "${String(issue.input)}"` })).max(values.length))
    .optional();
}

const partyList = z
  .string()
  .max(1000)
  .regex(/^(?:[a-z][a-z0-9-]{0,39}|@cell)(?:,(?:[a-z][a-z0-9-]{0,39}|@cell))*$/, 'must be party ids separated by commas (@cell for the cell’s own items)')
  .transform((text) => text.split(','))
  .optional();

const compartmentList = z
  .string()
  .max(1000)
  .regex(/^[a-z][a-z0-9-]{0,39}(?:,[a-z][a-z0-9-]{0,39})*$/, 'must be compartment ids separated by commas')
  .transform((text) => text.split(','))
  .optional();

const CREDIBILITY_TEXTS = CREDIBILITY_GRADES.map(String) as Array<`${(typeof CREDIBILITY_GRADES)[number]}`>;

export const SearchQuery = z.strictObject({
  q: z
    .string()
    .max(SEARCH_TEXT_MAX_LENGTH)
    .optional()
    .describe(
      'words, and "phrases" in double quotes; every one must be found. Nothing else has a meaning: operators and punctuation are read as the words they separate. Without words, every item the filters keep, newest first.',
    ),
  type: listOf(
    ITEM_TYPE_LIST.map((definition) => definition.type),
    'item type',
  ).describe('only items of these types (comma-separated)'),
  track: listOf(TRACKS, 'track').describe('only items filed under these tracks'),
  party: partyList.describe('only items entered by these parties; @cell for the cell’s own (findings, escalations)'),
  tlp: listOf(TLP_LEVELS, 'TLP marking').describe('only items marked with one of these (intelligence reports, releases)'),
  reliability: listOf(RELIABILITY_GRADES, 'source reliability grade').describe('only items whose source is graded one of these (A–F)'),
  credibility: listOf(CREDIBILITY_TEXTS, 'information credibility grade').describe('only items whose information is graded one of these (1–6)'),
  from: Timestamp.optional().describe('only items the cell received at or after this time'),
  to: Timestamp.optional().describe('only items the cell received before this time'),
  compartment: compartmentList.describe('only these compartments; one the caller does not read is answered as one that does not exist'),
  cursor: z
    .string()
    .regex(/^[0-9]{1,6}$/, 'must be the nextCursor of an earlier answer')
    .optional()
    .describe('where the next page starts: the nextCursor of the answer before'),
  limit: z.coerce.number().int().min(1).max(SEARCH_PAGE_MAX).default(SEARCH_PAGE_DEFAULT).describe('results per page'),
});
export type SearchQuery = z.infer<typeof SearchQuery>;
export type SearchQueryInput = z.input<typeof SearchQuery>;

/** A piece of text as it was written; `match` when it is a word the search looked for. Never markup. */
export const SearchTextPart = z.strictObject({ text: z.string(), match: z.literal(true).optional() });
export type SearchTextPart = z.infer<typeof SearchTextPart>;

export const SearchHit = z
  .strictObject({
    item: z.string(),
    compartment: z.string(),
    type: z.string(),
    track: z.enum(TRACKS),
    party: z.string().describe('the party of the author; @cell for the cell’s own items'),
    receivedAt: Timestamp,
    language: Language.optional().describe('the language its text was written in, when it says'),
    tlp: z.enum(TLP_LEVELS).optional(),
    reliability: z.enum(RELIABILITY_GRADES).optional(),
    credibility: z.number().int().min(1).max(6).optional(),
    title: z.array(SearchTextPart).describe('its title (the first field its type lists in summaries, when short), with the words found marked; empty when it has none'),
    excerpt: z.array(SearchTextPart).describe('the passage of its text around the first word found, with the words found marked'),
  })
  .meta({ id: 'SearchHit' });
export type SearchHit = z.infer<typeof SearchHit>;

export const SearchResults = z
  .strictObject({
    results: z.array(SearchHit).describe('most relevant first (newest first without words)'),
    nextCursor: z.string().optional().describe('present when there is more: pass it as cursor'),
    ranked: z
      .enum(['all', 'newest'])
      .optional()
      .describe(`with words: \`all\` when every match was ranked, \`newest\` when more than ${SEARCH_RANKED_WINDOW} matched and the newest ${SEARCH_RANKED_WINDOW} were`),
  })
  .meta({ id: 'SearchResults' });
export type SearchResults = z.infer<typeof SearchResults>;
