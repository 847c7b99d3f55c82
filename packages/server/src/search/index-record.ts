import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { parseLeaf, type AppliedEntry } from '../record/applied-entry.ts';
import { indexForSearch } from './search-index.ts';

/**
 * Indexes every entry the record holds, log by log, as a rebuild replays them: for a record
 * that existed before search did. Entries that no longer read are left to
 * `fusion-cell rebuild --check` to report.
 */
export async function indexWholeRecord(db: Kysely<Database>): Promise<void> {
  const heads = await db.selectFrom('log_heads').select('compartment_id').orderBy('compartment_id').execute();
  for (const { compartment_id: compartment } of heads) {
    for (let start = 0; ; ) {
      const rows = await db.selectFrom('log_entries').selectAll().where('compartment_id', '=', compartment).where('idx', '>=', start).orderBy('idx').limit(2000).execute();
      if (rows.length === 0) break;
      const entries: AppliedEntry[] = [];
      for (const row of rows) {
        try {
          entries.push({ compartmentId: row.compartment_id, index: row.idx, itemId: row.item_id, receivedAt: Number(row.received_at), signed: parseLeaf(row.leaf) });
        } catch {
          // Reported by the rebuild's check, not here.
        }
      }
      await indexForSearch(db, entries);
      start = (rows[rows.length - 1]?.idx ?? start) + 1;
    }
  }
}
