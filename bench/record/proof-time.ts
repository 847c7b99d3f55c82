import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Rules } from '@fusion-cell/protocol';
import { appendLeaf, EMPTY_FRONTIER, inclusionProofFromNodes, type Frontier } from '@fusion-cell/record';
import { migrateToLatest } from '../../packages/server/src/db/migrate.ts';
import { openDatabase } from '../../packages/server/src/db/open-database.ts';
import { LogStore } from '../../packages/server/src/record/log-store.ts';
import { figure, percentile, type Figure } from '../results.ts';

const SIZE = 1_000_000;
const SAMPLES = 2000;

/**
 * Inclusion-proof time at 1,000,000 entries through the server's log store on SQLite (one
 * query for the perfect nodes, then hashing), against the same proofs from nodes in memory.
 */
export async function measureProofTime(): Promise<Figure[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fc-bench-proof-'));
  try {
    const setup = openDatabase({ dataDir });
    await migrateToLatest(setup);
    await setup.close();
    const memory = fillLog(path.join(dataDir, 'fusion-cell.sqlite'));
    const database = openDatabase({ dataDir });
    const context = { cellId: 'bench', rules: Rules.parse({}), partyKinds: new Map(), audiences: new Map(), compartmentKinds: new Map() };
    const store = new LogStore(database.db, 'sqlite', context);
    const indices = Array.from({ length: SAMPLES }, () => Math.floor(Math.random() * SIZE));
    for (const index of indices.slice(0, 100)) await store.inclusionProof('plenary', index, SIZE);
    const stored: number[] = [];
    for (const index of indices) {
      const started = performance.now();
      await store.inclusionProof('plenary', index, SIZE);
      stored.push(performance.now() - started);
    }
    const inMemory: number[] = [];
    const lookup = (level: number, index: number) => memory.get(level * 2 ** 21 + index);
    for (const index of indices) {
      const started = performance.now();
      inclusionProofFromNodes(index, SIZE, lookup);
      inMemory.push(performance.now() - started);
    }
    await database.close();
    const p99 = percentile(stored, 99);
    return [
      figure('inclusion proof p50 at 1,000,000 entries (SQLite)', percentile(stored, 50), 'ms', percentile(inMemory, 50), 'informative', true),
      figure('inclusion proof p99 at 1,000,000 entries (SQLite)', p99, 'ms', percentile(inMemory, 99), '<= 1 ms', p99 <= 1),
    ];
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Appends a million random leaves, storing every perfect node as the server does. */
function fillLog(file: string): Map<number, Uint8Array> {
  const database = new SQLite(file);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = OFF');
  const insert = database.prepare('insert into log_nodes (compartment_id, level, idx, hash) values (?, ?, ?, ?)');
  const memory = new Map<number, Uint8Array>();
  let frontier: Frontier = EMPTY_FRONTIER;
  database.transaction(() => {
    for (let n = 0; n < SIZE; n++) {
      const appended = appendLeaf(frontier, new Uint8Array(randomBytes(32)));
      frontier = appended.frontier;
      for (const node of appended.nodes) {
        insert.run('plenary', node.level, node.index, node.hash);
        memory.set(node.level * 2 ** 21 + node.index, node.hash);
      }
    }
  })();
  database.close();
  return memory;
}
