import { sql, type Kysely, type Migration } from 'kysely';
import type { Engine } from '../open-database.ts';
import type { Database } from '../schema.ts';
import { indexWholeRecord } from '../../search/index-record.ts';

/**
 * Full-text search over every item: one row per item with what it is filtered and shown by
 * (`search_documents`, derived from the logs and rebuilt with the rest), and the words it is
 * found by — on SQLite an FTS5 index whose rowids are the rows', on PostgreSQL two `tsvector`
 * columns (the words, the pairs of words) under GIN indexes. Both hold words the protocol has already folded (Arabic and Hebrew
 * marks and letter variants, prefixes), so each engine only has to match them as they are:
 * SQLite's `ascii` tokenizer splits on the spaces between them and nothing else, and the
 * `tsvector` is written out word by word. Items already in the record are indexed here.
 */
export function searchMigration(engine: Engine): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      let table = db.schema
        .createTable('search_documents')
        .addColumn('item_id', 'text', (column) => column.primaryKey())
        .addColumn('compartment_id', 'text', (column) => column.notNull())
        .addColumn('idx', 'integer', (column) => column.notNull())
        .addColumn('type', 'text', (column) => column.notNull())
        .addColumn('track', 'text', (column) => column.notNull())
        .addColumn('party_id', 'text', (column) => column.notNull())
        .addColumn('received_at', 'bigint', (column) => column.notNull())
        .addColumn('language', 'text')
        .addColumn('tlp', 'text')
        .addColumn('reliability', 'text')
        .addColumn('credibility', 'integer')
        .addColumn('title', 'text', (column) => column.notNull())
        .addColumn('body', 'text', (column) => column.notNull());
      if (engine === 'postgres') {
        // The words (with positions and weights, for ranking) and the pairs of cores (for phrases)
        // apart, each stored out of line and uncompressed, and the rows themselves kept narrow:
        // a search reads thousands of rows' filter columns, and only the few it ranks' words.
        table = table
          .addColumn('terms', sql`tsvector`, (column) => column.notNull())
          .addColumn('pairs', sql`tsvector`, (column) => column.notNull())
          .modifyEnd(sql`with (toast_tuple_target = 256)`);
      }
      await table.execute();
      if (engine === 'postgres') await sql`alter table search_documents alter column terms set storage external, alter column pairs set storage external`.execute(db);
      // Rows are read newest first, the filters checked on the way: by the rowid on SQLite (it
      // follows the time of receipt, `search/search-index.ts`), by this index on PostgreSQL; an
      // index of compartments would only tempt PostgreSQL's planner away from the words' index.
      if (engine === 'postgres') {
        await db.schema.createIndex('search_documents_time').on('search_documents').columns(['received_at', 'item_id']).execute();
        await sql`create index search_documents_terms on search_documents using gin (terms)`.execute(db);
        await sql`create index search_documents_pairs on search_documents using gin (pairs)`.execute(db);
      } else {
        // Contentless: the words live only in the index, the text in search_documents. Positions
        // are kept (detail=full) because ranking by bm25 needs how often a word occurs.
        await sql`create virtual table search_terms using fts5(title, body, content='', contentless_delete=1, tokenize='ascii')`.execute(db);
        // Rebuilding deletes the derived rows and replays the logs: their words go with them.
        await sql`create trigger search_documents_forget after delete on search_documents begin delete from search_terms where rowid = old.rowid; end`.execute(db);
      }
      // A record that existed before search is indexed now, in the migration's transaction when it has one.
      const record = db as unknown as Kysely<Database>;
      if (record.isTransaction) await indexWholeRecord(record);
      else await record.transaction().execute((trx) => indexWholeRecord(trx));
    },
  };
}
