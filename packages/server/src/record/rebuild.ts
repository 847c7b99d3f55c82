import { SERVER_ITEM_TYPES } from '../item-types/registry.ts';
import type { ServerItemType } from '../item-types/server-item-type.ts';
import { base64Encode, leafHash, RootAccumulator, utf8Encode } from '@fusion-cell/record';
import type { Kysely } from 'kysely';
import { loadCellContext } from '../cell/cell-context.ts';
import type { Database } from '../db/schema.ts';
import type { AppliedEntry } from './applied-entry.ts';
import { parseLeaf } from './applied-entry.ts';
import { applyDerivedState } from './derived-state.ts';

/** A difference between the stored state and the state rebuilt from the logs. */
export interface RebuildDifference {
  table: string;
  key: string;
  problem: 'missing' | 'unexpected' | 'different';
  stored?: unknown;
  rebuilt?: unknown;
}

export interface RebuildReport {
  entries: number;
  differences: RebuildDifference[];
  /** Entries whose stored leaf no longer parses as a signed envelope, by compartment and index. */
  unreadable: Array<{ compartment: string; index: number; message: string }>;
}

/** Tables derived from the logs, with the columns that identify a row: the core's, then those item types own. */
const DERIVED_TABLES: Readonly<Partial<Record<keyof Database, readonly string[]>>> = {
  items: ['id'],
  item_references: ['item_id', 'referenced_id'],
  obligations: ['item_id', 'party_id'],
  lifecycle_states: ['subject'],
  documents: ['id'],
  document_versions: ['version_id'],
  document_signings: ['item_id'],
  search_documents: ['item_id'],
  ...Object.assign({}, ...Object.values(SERVER_ITEM_TYPES).map((module: ServerItemType) => module.ownedTables ?? {})),
};
const DERIVED_TABLE_NAMES = Object.keys(DERIVED_TABLES) as Array<keyof Database>;

class RollbackForCheck extends Error {}

/**
 * Rebuilds every table derived from the logs by replaying all entries through the same code
 * that maintains them on append, and compares the result with what was stored. With
 * `repair`, the rebuilt state replaces the stored one; otherwise nothing is changed. The log
 * heads are checked too: each stored root must equal the root of the stored entries.
 */
export async function rebuildDerivedState(db: Kysely<Database>, options: { repair: boolean }): Promise<RebuildReport> {
  const report: RebuildReport = { entries: 0, differences: [], unreadable: [] };
  const context = await loadCellContext(db);
  try {
    await db.transaction().execute(async (trx) => {
      const stored = await snapshot(trx);
      for (const table of DERIVED_TABLE_NAMES) await trx.deleteFrom(table).execute();
      const heads = await trx.selectFrom('log_heads').selectAll().orderBy('compartment_id').execute();
      for (const head of heads) {
        const accumulator = new RootAccumulator();
        let start = 0;
        for (;;) {
          const rows = await trx.selectFrom('log_entries').selectAll().where('compartment_id', '=', head.compartment_id).where('idx', '>=', start).orderBy('idx').limit(2000).execute();
          if (rows.length === 0) break;
          const applied: AppliedEntry[] = [];
          for (const row of rows) {
            accumulator.append(leafHash(utf8Encode(row.leaf)));
            try {
              applied.push({ compartmentId: row.compartment_id, index: row.idx, itemId: row.item_id, receivedAt: row.received_at, signed: parseLeaf(row.leaf) });
            } catch (error) {
              report.unreadable.push({ compartment: row.compartment_id, index: row.idx, message: (error as Error).message });
            }
          }
          await applyDerivedState(trx, context, applied);
          report.entries += rows.length;
          start = (rows[rows.length - 1]?.idx ?? start) + 1;
        }
        const root = base64Encode(accumulator.root());
        if (accumulator.size !== head.size || root !== head.root_hash) {
          report.differences.push({
            table: 'log_heads',
            key: head.compartment_id,
            problem: 'different',
            stored: { size: head.size, root: head.root_hash },
            rebuilt: { size: accumulator.size, root },
          });
        }
      }
      const rebuilt = await snapshot(trx);
      report.differences.push(...compare(stored, rebuilt));
      if (!options.repair) throw new RollbackForCheck();
    });
  } catch (error) {
    if (!(error instanceof RollbackForCheck)) throw error;
  }
  return report;
}

type Snapshot = Map<string, Map<string, Record<string, unknown>>>;

async function snapshot(db: Kysely<Database>): Promise<Snapshot> {
  const tables: Snapshot = new Map();
  for (const [table, keyColumns = []] of Object.entries(DERIVED_TABLES)) {
    const rows = (await db.selectFrom(table as keyof Database).selectAll().execute()) as Array<Record<string, unknown>>;
    tables.set(table, new Map(rows.map((row) => [keyColumns.map((column) => String(row[column])).join('/'), normalise(row)])));
  }
  return tables;
}

/** Engines return numbers and buffers in different types; compare their JSON forms. */
function normalise(row: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(row, (_key, value: unknown) => (typeof value === 'bigint' ? Number(value) : value))) as Record<string, unknown>;
}

function compare(stored: Snapshot, rebuilt: Snapshot): RebuildDifference[] {
  const differences: RebuildDifference[] = [];
  for (const [table, storedRows] of stored) {
    const rebuiltRows = rebuilt.get(table) ?? new Map();
    for (const [key, row] of storedRows) {
      const expected = rebuiltRows.get(key);
      if (!expected) differences.push({ table, key, problem: 'unexpected', stored: row });
      else if (JSON.stringify(expected) !== JSON.stringify(row)) differences.push({ table, key, problem: 'different', stored: row, rebuilt: expected });
    }
    for (const [key, row] of rebuiltRows) if (!storedRows.has(key)) differences.push({ table, key, problem: 'missing', rebuilt: row });
  }
  return differences;
}

