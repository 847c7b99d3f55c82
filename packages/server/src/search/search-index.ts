import { indexTerms, itemSearchText, type IndexTerms } from '@fusion-cell/protocol';
import { CELL_AUTHOR } from '@fusion-cell/record';
import { sql, type Kysely, type Transaction } from 'kysely';
import { chunks } from '../db/chunks.ts';
import type { Engine } from '../db/open-database.ts';
import type { Database } from '../db/schema.ts';
import type { AppliedEntry } from '../record/applied-entry.ts';
import type { SearchDocumentTable } from './search-tables.ts';

type Executor = Transaction<Database> | Kysely<Database>;

/**
 * The engine behind a connection or transaction. Derivation is handed only a transaction, and
 * the two engines keep the words differently; a query compiled for PostgreSQL numbers its
 * parameters, SQLite's does not.
 */
export function engineOf(db: Executor): Engine {
  return db.selectFrom('items').select('id').where('id', '=', '').compile().sql.includes('$1') ? 'postgres' : 'sqlite';
}

interface IndexedItem {
  row: SearchDocumentTable;
  /** The folded words of the title and of the body, each with its forms without prefixes, and the pairs of their cores. */
  titleTerms: IndexTerms;
  bodyTerms: IndexTerms;
}

/**
 * Indexes the entries just appended for search, in the append's transaction, like every state
 * derived from the logs: their text read through their type's schema (`itemSearchText`), folded
 * into words with their forms by the protocol's rules (`indexTerms`). Rebuilding replays every
 * entry through here, so the stored index and a rebuilt one are the same.
 */
export async function indexForSearch(trx: Executor, entries: readonly AppliedEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const authors = [...new Set(entries.map((entry) => entry.signed.envelope.author).filter((author) => author !== CELL_AUTHOR))];
  const members = authors.length ? await trx.selectFrom('members').select(['id', 'party_id']).where('id', 'in', authors).execute() : [];
  const partyOf = new Map<string, string>(members.map((member) => [member.id, member.party_id]));
  partyOf.set(CELL_AUTHOR, CELL_AUTHOR);
  const items: IndexedItem[] = [];
  for (const entry of entries) {
    const { envelope } = entry.signed;
    const party = partyOf.get(envelope.author);
    if (party === undefined) continue;
    const text = itemSearchText(envelope.type, envelope.payload);
    items.push({
      row: {
        item_id: entry.itemId,
        compartment_id: entry.compartmentId,
        idx: entry.index,
        type: envelope.type,
        track: envelope.track,
        party_id: party,
        received_at: entry.receivedAt,
        language: text.language ?? null,
        tlp: text.tlp ?? null,
        reliability: text.reliability ?? null,
        credibility: text.credibility ?? null,
        title: text.title,
        body: text.body,
      },
      titleTerms: indexTerms(text.title),
      bodyTerms: indexTerms(text.body),
    });
  }
  if (engineOf(trx) === 'postgres') await insertForPostgres(trx, items);
  else await insertForSqlite(trx, items);
}

/** Rows per statement: well within both engines' limits on bound parameters. */
const ROWS_PER_STATEMENT = 200;

async function insertForPostgres(trx: Executor, items: readonly IndexedItem[]): Promise<void> {
  for (const chunk of chunks([...items], ROWS_PER_STATEMENT)) {
    const rows = chunk.map((item) => ({
      ...item.row,
      terms: sql`${tsvectorText(item.titleTerms, item.bodyTerms)}::tsvector`,
      pairs: sql`${pairsTsvectorText(item.titleTerms, item.bodyTerms)}::tsvector`,
    }));
    await trx
      .insertInto('search_documents')
      .values(rows as never)
      .execute();
  }
}

/** PostgreSQL keeps positions up to this one, and this many positions of one word. */
const MAX_POSITION = 16_383;
const MAX_POSITIONS_PER_WORD = 256;
/**
 * PostgreSQL refuses a `tsvector` whose words take more than 1 MiB. No payload of today's types
 * comes near; a longer text keeps its first words, rather than its item being refused.
 */
const MAX_LEXEME_BYTES = 900_000;

/** Adds words one by one until their bytes would go past what PostgreSQL takes. */
function lexemeBudget(): (word: string) => boolean {
  let spent = 0;
  return (word) => {
    spent += Buffer.byteLength(word, 'utf8');
    return spent <= MAX_LEXEME_BYTES;
  };
}

/** A word as a `tsvector` or `tsquery` lexeme, quoted. */
export const lexeme = (word: string) => `'${word.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/**
 * The `tsvector` of an item's words, written out rather than parsed by PostgreSQL, so it holds
 * exactly the words the protocol folded: each folded word at its position with its forms at the
 * same position, the title's weighted A, the body's D.
 */
export function tsvectorText(title: IndexTerms, body: IndexTerms): string {
  const positions = new Map<string, string[]>();
  const affordable = lexemeBudget();
  const add = (terms: IndexTerms, offset: number, weight: string) =>
    terms.words.forEach((forms, index) => {
      const entry = `${Math.min(offset + index + 1, MAX_POSITION)}${weight}`;
      for (const form of forms) {
        const list = positions.get(form) ?? (affordable(form) ? [] : undefined);
        if (list === undefined) continue;
        if (list.length < MAX_POSITIONS_PER_WORD && list[list.length - 1] !== entry) list.push(entry);
        positions.set(form, list);
      }
    });
  add(title, 0, 'A');
  add(body, title.words.length, '');
  return [...positions].map(([word, list]) => `${lexeme(word)}:${list.join(',')}`).join(' ');
}

/** The pairs of cores of an item's title and body, for phrases: only whether each is there. */
export function pairsTsvectorText(title: IndexTerms, body: IndexTerms): string {
  const affordable = lexemeBudget();
  return [...new Set([...title.pairs, ...body.pairs])].filter(affordable).map(lexeme).join(' ');
}

/** What SQLite's FTS5 column holds: every form and pair, separated by spaces, the only separator its `ascii` tokenizer sees in them. */
function ftsText(terms: IndexTerms): string {
  return [...terms.words.flat(), ...terms.pairs].join(' ');
}

/**
 * Where a row goes in SQLite: its rowid orders the full-text index, and a search ranks the
 * newest matches, so rowids follow the time of receipt (1,024 per millisecond, the entry's
 * index spreading those of one commit), whatever order entries are indexed in — a rebuild
 * replays one log after another. A taken rowid moves to the next free one.
 */
const ROWIDS_PER_MILLISECOND = 1024;

async function insertForSqlite(trx: Executor, items: readonly IndexedItem[]): Promise<void> {
  if (items.length === 0) return;
  const wanted = items.map((item) => item.row.received_at * ROWIDS_PER_MILLISECOND + (item.row.idx % ROWIDS_PER_MILLISECOND));
  const low = Math.min(...wanted);
  const high = Math.max(...wanted) + ROWIDS_PER_MILLISECOND;
  const taken = new Set((await sql<{ rowid: number }>`select rowid from search_documents where rowid between ${low} and ${high}`.execute(trx)).rows.map((row) => Number(row.rowid)));
  const rowids: number[] = [];
  for (const start of wanted) {
    let rowid = start;
    for (;;) {
      if (!taken.has(rowid) && (rowid <= high || !(await rowidTaken(trx, rowid)))) break;
      rowid += 1;
    }
    taken.add(rowid);
    rowids.push(rowid);
  }
  const placed = items.map((item, position) => ({ ...item, rowid: rowids[position] as number }));
  for (const chunk of chunks(placed, ROWS_PER_STATEMENT)) {
    await trx
      .insertInto('search_documents')
      .values(chunk.map((item) => ({ rowid: item.rowid, ...item.row })) as never)
      .execute();
    const terms = chunk.map((item) => sql`(${item.rowid}, ${ftsText(item.titleTerms)}, ${ftsText(item.bodyTerms)})`);
    await sql`insert into search_terms (rowid, title, body) values ${sql.join(terms)}`.execute(trx);
  }
}

async function rowidTaken(trx: Executor, rowid: number): Promise<boolean> {
  return (await sql`select 1 from search_documents where rowid = ${rowid}`.execute(trx)).rows.length > 0;
}
