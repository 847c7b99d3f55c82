import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SearchQuery, type SearchQueryInput } from '@fusion-cell/protocol';
import { LOG_DEVICE, type SignedEnvelope } from '@fusion-cell/record';
import { sql, type Kysely } from 'kysely';
import type { CellServices } from '../../packages/server/src/cell-services.ts';
import { migrateToLatest } from '../../packages/server/src/db/migrate.ts';
import { openDatabase, type DatabaseHandle, type Engine } from '../../packages/server/src/db/open-database.ts';
import type { Database } from '../../packages/server/src/db/schema.ts';
import type { Actor } from '../../packages/server/src/policy/actor.ts';
import type { AppliedEntry } from '../../packages/server/src/record/applied-entry.ts';
import { indexForSearch } from '../../packages/server/src/search/search-index.ts';
import { searchItems } from '../../packages/server/src/search/search-service.ts';
import { createTestDatabase, postgresAvailable } from '../../test-support/environment.ts';
import { figure, notMeasured, percentile, type Figure } from '../results.ts';
import { corpus, CORPUS_LANGUAGES, seeded, type Corpus, type CorpusLanguage } from './corpus.ts';

const REPORTS = 100_000;
const QUERIES = 300;
const WARM_UP = 50;
const BATCH = 1000;
const START = Date.parse('2026-01-01T00:00:00Z');

/** Syria's duty officer: the plenary, Syria's caucus and its internal compartment, about two thirds of the reports. */
const SEARCHER: Actor = {
  memberId: 'm-sy',
  username: 'sy.duty1',
  displayName: 'Syria duty',
  partyId: 'sy',
  partyKind: 'side',
  roles: new Set(['duty']),
  compartments: new Set(['plenary', 'caucus-sy', 'internal-sy']),
};

/**
 * Search over 100,000 intelligence reports in English, Arabic and Hebrew, through the same
 * service the route calls (the policy's compartments, ranking, excerpts), against a plain
 * `LIKE '%word%'` scan of the same rows for the same words, in the same run.
 */
export async function measureSearchTime(engine: Engine): Promise<Figure[]> {
  const label = engine === 'postgres' ? 'PostgreSQL, tsvector + GIN' : 'SQLite FTS5';
  if (engine === 'postgres' && !(await postgresAvailable())) return [notMeasured(`search p99, ${REPORTS.toLocaleString('en')} reports (${label})`, 'PostgreSQL is not available', 'ms', '<= 50 ms')];
  const storage = await openStorage(engine);
  try {
    const { db } = storage.handle;
    const reports = corpus(11);
    const buildStarted = performance.now();
    await fill(db, reports);
    const buildMs = performance.now() - buildStarted;
    if (engine === 'postgres') await sql`analyze search_documents`.execute(db);

    const queries = queryMix(reports);
    const services = { db, engine } as unknown as CellServices;
    const run = async (input: SearchQueryInput) => searchItems(services, SEARCHER, SearchQuery.parse(input));
    for (const input of queries.slice(0, WARM_UP)) await run(input);
    const indexed: number[] = [];
    let found = 0;
    for (const input of queries) {
      const started = performance.now();
      found += (await run(input)).results.length;
      indexed.push(performance.now() - started);
    }
    const scanned: number[] = [];
    for (const input of queries) {
      const started = performance.now();
      await likeScan(db, input);
      scanned.push(performance.now() - started);
    }
    if (found === 0) throw new Error('no query found anything: the corpus or the index is wrong');
    const p99 = percentile(indexed, 99);
    const name = (what: string) => `${what}, ${REPORTS.toLocaleString('en')} reports (${label})`;
    return [
      figure(name('search p50'), percentile(indexed, 50), 'ms', percentile(scanned, 50), 'informative', true),
      figure(name('search p99'), p99, 'ms', percentile(scanned, 99), '<= 50 ms', p99 <= 50),
      figure(name('search index build'), REPORTS / (buildMs / 1000), 'reports/s', null, 'informative', true),
    ];
  } finally {
    await storage.close();
  }
}

async function openStorage(engine: Engine): Promise<{ handle: DatabaseHandle; close(): Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fc-bench-search-'));
  const database = engine === 'postgres' ? await createTestDatabase('fc_bench_search') : undefined;
  const handle = openDatabase({ dataDir, databaseUrl: database?.url });
  await migrateToLatest(handle);
  return {
    handle,
    close: async () => {
      await handle.close();
      await database?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Indexes the reports through the same code as an append, a thousand per transaction, a minute apart. */
async function fill(db: Kysely<Database>, reports: Corpus): Promise<void> {
  // The authors the index reads parties from; nothing else of a cell is needed.
  await db
    .insertInto('parties')
    .values(['sy', 'il', 'us'].map((party, position) => ({ id: party, kind: party === 'us' ? 'supervisor' : 'side', name: JSON.stringify({ en: party }), position })))
    .execute();
  await db
    .insertInto('members')
    .values(['sy', 'il', 'us'].map((party) => ({ id: `m-${party}`, party_id: party, username: `${party}.bench`, display_name: party, roles: '["analyst"]', email: null, password_hash: '', disabled: 0, created_at: START })))
    .execute();
  const indices = new Map<string, number>();
  for (let first = 0; first < REPORTS; first += BATCH) {
    const entries: AppliedEntry[] = [];
    for (let position = first; position < Math.min(first + BATCH, REPORTS); position += 1) {
      const { payload, compartment, party } = reports.report(position);
      const index = indices.get(compartment) ?? 0;
      indices.set(compartment, index + 1);
      const signed: SignedEnvelope = {
        envelope: { cell: 'bench', compartment, type: 'intel.report', track: 'intelligence', payload: payload as never, references: [], author: `m-${party}`, device: LOG_DEVICE, authoredAt: payload.informationTime },
        signature: 'A'.repeat(86),
      };
      entries.push({ compartmentId: compartment, index, itemId: `r${String(position).padStart(42, '0')}`, receivedAt: START + position * 60_000, signed });
    }
    await db.transaction().execute((trx) => indexForSearch(trx, entries));
  }
}

/**
 * What members ask: mostly one or two words of any frequency (the vocabulary drawn evenly, so
 * rare names and common words alike), some very common words, quoted phrases taken from a
 * report, and words with a TLP or grade filter. Arabic and Hebrew words are searched bare,
 * while reports write them with prefixes and marks.
 */
function queryMix(reports: Corpus): SearchQueryInput[] {
  const random = seeded(5);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
  const language = () => pick(CORPUS_LANGUAGES) as CorpusLanguage;
  const anyWord = (from: CorpusLanguage) => pick(reports.vocabularies[from].words);
  const commonWord = (from: CorpusLanguage) => pick(reports.vocabularies[from].words.slice(0, 20));
  return Array.from({ length: QUERIES + WARM_UP }, (_, index): SearchQueryInput => {
    const kind = index % 10;
    const from = language();
    if (kind < 5) return { q: anyWord(from) };
    if (kind < 7) return { q: `${anyWord(from)} ${commonWord(from)}` };
    if (kind === 7) return { q: commonWord(from) };
    if (kind === 8) {
      const words = reports.report(Math.floor(random() * REPORTS)).payload.body.split(' ');
      const at = Math.floor(random() * (words.length - 2));
      return { q: `"${words[at]} ${words[at + 1]}"` };
    }
    return { q: anyWord(from), tlp: 'AMBER,AMBER+STRICT', reliability: 'A,B' };
  });
}

/** The baseline: every word as a `LIKE '%word%'` over the titles and texts of the same compartments, newest first. */
async function likeScan(db: Kysely<Database>, input: SearchQueryInput): Promise<void> {
  const words = (input.q ?? '').replace(/"/g, '').split(' ').filter(Boolean);
  let query = db
    .selectFrom('search_documents')
    .select('item_id')
    .where('compartment_id', 'in', [...SEARCHER.compartments]);
  for (const word of words) query = query.where((eb) => eb.or([eb('title', 'like', `%${word}%`), eb('body', 'like', `%${word}%`)]));
  await query.orderBy('received_at', 'desc').limit(20).execute();
}
