import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { utf8Encode } from '@fusion-cell/record';
import { generateKeyPair, privateKeyObject, signSync } from '@fusion-cell/record/node';
import { startBenchCell } from '../bench-cell.ts';
import { figure, type Figure } from '../results.ts';

const DURATION_MS = 4000;
const CONCURRENCY = 256;

/**
 * Signed appends per second through the server's own submission path (client signature,
 * server verification and checks, log append with group commit, durable commit on SQLite
 * with synchronous=FULL), against signing alone and against a bare durable insert.
 */
export async function measureAppends(): Promise<Figure[]> {
  const signRate = measureSigning();
  const insertRate = measureBareDurableInserts();
  const appendRate = await measureSignedAppends();
  return [
    figure('signed appends/s vs crypto.sign', appendRate, 'ops/s', signRate, '>= 2000 appends/s (SQLite, group commit)', appendRate >= 2000),
    figure('signed appends/s vs bare durable insert', appendRate, 'ops/s', insertRate, 'informative: what checks, the tree and derived state cost over a bare durable insert', appendRate >= 2000),
  ];
}

function measureSigning(): number {
  const key = privateKeyObject(generateKeyPair().privateKey);
  const message = utf8Encode('fusion-cell/envelope@1\n' + JSON.stringify({ text: 'x'.repeat(200) }));
  const started = performance.now();
  let count = 0;
  while (performance.now() - started < 1500) {
    signSync(key, message);
    count += 1;
  }
  return count / ((performance.now() - started) / 1000);
}

function measureBareDurableInserts(): number {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'fc-bench-insert-'));
  const database = new SQLite(path.join(directory, 'bare.sqlite'));
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = FULL');
  database.exec('create table entries (id integer primary key, body text not null)');
  const insert = database.prepare('insert into entries (body) values (?)');
  const body = 'x'.repeat(400);
  const started = performance.now();
  let count = 0;
  while (performance.now() - started < 1500) {
    insert.run(body);
    count += 1;
  }
  const rate = count / ((performance.now() - started) / 1000);
  database.close();
  fs.rmSync(directory, { recursive: true, force: true });
  return rate;
}

async function measureSignedAppends(): Promise<number> {
  const cell = await startBenchCell();
  try {
    let sequence = 0;
    const submitOne = () => {
      const n = sequence++;
      return cell.submit(n % 2 ? 'plenary' : 'caucus-sy', `position report ${n}: all quiet along the line`);
    };
    // Warm up the code paths and the page cache.
    await Promise.all(Array.from({ length: 200 }, submitOne));
    let completed = 0;
    const started = performance.now();
    const worker = async () => {
      while (performance.now() - started < DURATION_MS) {
        await submitOne();
        completed += 1;
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    return completed / ((performance.now() - started) / 1000);
  } finally {
    await cell.close();
  }
}
