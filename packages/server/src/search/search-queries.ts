import { pairsOf, SEARCH_RANKED_WINDOW, type SearchText } from '@fusion-cell/protocol';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Engine } from '../db/open-database.ts';
import type { Database } from '../db/schema.ts';
import { lexeme } from './search-index.ts';
import type { SearchDocumentTable } from './search-tables.ts';

/** What a search keeps, already checked: compartments the member reads, values from the closed lists. */
export interface SearchFilters {
  compartments: readonly string[];
  types?: readonly string[] | undefined;
  tracks?: readonly string[] | undefined;
  parties?: readonly string[] | undefined;
  tlp?: readonly string[] | undefined;
  reliability?: readonly string[] | undefined;
  credibility?: readonly number[] | undefined;
  /** Received at or after, before: epoch ms. */
  from?: number | undefined;
  to?: number | undefined;
}

/** The filters as one condition on `d`, the documents table. Every value is bound, never spliced. */
function conditions(filters: SearchFilters): RawBuilder<boolean> {
  const clauses: RawBuilder<unknown>[] = [sql`d.compartment_id in (${sql.join(filters.compartments)})`];
  const within = (column: string, values: readonly (string | number)[] | undefined) => {
    if (values?.length) clauses.push(sql`${sql.ref(`d.${column}`)} in (${sql.join(values)})`);
  };
  within('type', filters.types);
  within('track', filters.tracks);
  within('party_id', filters.parties);
  within('tlp', filters.tlp);
  within('reliability', filters.reliability);
  within('credibility', filters.credibility);
  if (filters.from !== undefined) clauses.push(sql`d.received_at >= ${filters.from}`);
  if (filters.to !== undefined) clauses.push(sql`d.received_at < ${filters.to}`);
  return sql<boolean>`${sql.join(clauses, sql` and `)}`;
}

/** A match, with how well it matches (higher is better) and when it was received. */
export interface Candidate {
  item: string;
  receivedAt: number;
  score: number;
}

/**
 * The matches of every word and of the pairs of every phrase, most relevant first, among the
 * newest `SEARCH_RANKED_WINDOW`: finding them newest first stops early however common a word
 * is, and only those are ranked. `more` says that older matches were left out. Titles weigh
 * four times the rest.
 */
export async function rankedCandidates(db: Kysely<Database>, engine: Engine, text: SearchText, filters: SearchFilters): Promise<{ candidates: Candidate[]; more: boolean }> {
  // A phrase's words must be found, and every two in a row as a pair of cores (`pairsOf`); the
  // phrase itself is checked word after word afterwards.
  const pairs = [...new Set(text.phrases.flatMap(pairsOf))];
  const rows = engine === 'postgres' ? await postgresCandidates(db, text.words, pairs, filters) : await sqliteCandidates(db, [...text.words, ...pairs], filters);
  const more = rows.length > SEARCH_RANKED_WINDOW;
  const candidates = rows.slice(0, SEARCH_RANKED_WINDOW).map((row) => ({ item: row.item_id, receivedAt: Number(row.received_at), score: Number(row.score) }));
  candidates.sort((one, other) => other.score - one.score || other.receivedAt - one.receivedAt || (one.item < other.item ? 1 : one.item > other.item ? -1 : 0));
  return { candidates, more };
}

interface CandidateRow {
  item_id: string;
  received_at: number | string;
  score: number | string;
}

/**
 * FTS5, newest first by rowid (which follows the time of receipt), each word a quoted string:
 * the words are folded letters and digits (and the joiner of a pair), so no query syntax can be
 * among them. The index is the outer loop (CROSS JOIN), so the filters cost one row lookup per
 * match found.
 */
async function sqliteCandidates(db: Kysely<Database>, words: readonly string[], filters: SearchFilters): Promise<CandidateRow[]> {
  const match = words.map((word) => `"${word.replace(/"/g, '""')}"`).join(' ');
  const query = sql<CandidateRow>`
    select d.item_id as item_id, d.received_at as received_at, -bm25(search_terms, 4.0, 1.0) as score
    from search_terms cross join search_documents d on d.rowid = search_terms.rowid
    where search_terms match ${match} and ${conditions(filters)}
    order by search_terms.rowid desc
    limit ${SEARCH_RANKED_WINDOW + 1}`;
  return (await query.execute(db)).rows;
}

/**
 * PostgreSQL: every match through the GIN indexes, the newest of them, then `ts_rank` of those
 * only. The planner does not count what reading a `tsvector` stored out of line costs, and for a
 * common word would read one per row in time order, or every row: in this transaction it may
 * only use bitmaps of indexes, and the words' are the only ones that hold them.
 */
async function postgresCandidates(db: Kysely<Database>, words: readonly string[], pairs: readonly string[], filters: SearchFilters): Promise<CandidateRow[]> {
  const tsquery = words.map(lexeme).join(' & ');
  const matchesPairs = pairs.length ? sql`and d.pairs @@ ${pairs.map(lexeme).join(' & ')}::tsquery` : sql``;
  return db.transaction().execute(async (trx) => {
    await sql`set local enable_seqscan = off`.execute(trx);
    await sql`set local enable_indexscan = off`.execute(trx);
    const query = sql<CandidateRow>`
      select newest.item_id, newest.received_at, ts_rank('{0.25,0.25,0.25,1}', d.terms, ${tsquery}::tsquery) as score
      from (
        select d.item_id, d.received_at from search_documents d
        where d.terms @@ ${tsquery}::tsquery ${matchesPairs} and ${conditions(filters)}
        order by d.received_at desc, d.item_id desc
        limit ${SEARCH_RANKED_WINDOW + 1}
      ) newest
      join search_documents d on d.item_id = newest.item_id
      order by newest.received_at desc, newest.item_id desc`;
    return (await query.execute(trx)).rows;
  });
}

export type SearchDocument = SearchDocumentTable;

const COLUMNS = ['item_id', 'compartment_id', 'idx', 'type', 'track', 'party_id', 'received_at', 'language', 'tlp', 'reliability', 'credibility', 'title', 'body'] as const;

/** The documents of these items, in the order given. */
export async function documentsOf(db: Kysely<Database>, items: readonly string[]): Promise<SearchDocument[]> {
  if (items.length === 0) return [];
  const rows = await db.selectFrom('search_documents').select(COLUMNS).where('item_id', 'in', [...items]).execute();
  const byId = new Map(rows.map((row) => [row.item_id, row]));
  return items.map((item) => byId.get(item)).filter((row): row is SearchDocument => row !== undefined);
}

/**
 * Without words: every document the filters keep, newest first, one page and whether more
 * follow. On SQLite the rowids follow the time of receipt, so they order the rows themselves.
 */
export async function newestDocuments(db: Kysely<Database>, engine: Engine, filters: SearchFilters, offset: number, limit: number): Promise<{ documents: SearchDocument[]; more: boolean }> {
  let query = db
    .selectFrom('search_documents as d')
    .select(COLUMNS.map((column) => `d.${column}` as const))
    .where(conditions(filters));
  query = engine === 'sqlite' ? query.orderBy(sql`d.rowid`, 'desc') : query.orderBy('d.received_at', 'desc').orderBy('d.item_id', 'desc');
  const rows = await query
    .limit(limit + 1)
    .offset(offset)
    .execute();
  return { documents: rows.slice(0, limit), more: rows.length > limit };
}
