import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { pino } from 'pino';
import { deviceRegistrationMessage } from '@fusion-cell/protocol';
import { base64UrlEncode, signEnvelope, utf8Encode } from '@fusion-cell/record';
import { generateKeyPair, nodeSigner, privateKeyObject, signSync } from '@fusion-cell/record/node';
import { argon2Hasher, ManualClock, readScenarioFile, startServer } from '@fusion-cell/server';
import { registerDevice, setDeviceStatusAsOperator } from '../../packages/server/src/devices/device-service.ts';
import { submitItem } from '../../packages/server/src/items/submit-item.ts';
import { loadActor } from '../../packages/server/src/policy/actor.ts';
import { figure, type Figure } from '../results.ts';
import { demoScenarioFile } from './scenario.ts';

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
    figure('signed appends/s vs bare durable insert', appendRate, 'ops/s', insertRate, 'informative: group commit beats one fsync per write', appendRate >= 2000),
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
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fc-bench-append-'));
  const scenario = await readScenarioFile(demoScenarioFile);
  const server = await startServer({
    port: 0,
    dataDir,
    scenario: { ...scenario, demo: undefined },
    logger: pino({ level: 'silent' }),
    passwords: argon2Hasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 }),
    clock: new ManualClock(Date.now()),
    webDir: '/nonexistent',
  });
  try {
    const services = server.services;
    const member = await services.db.selectFrom('members').select('id').where('username', '=', 'sy.duty1').executeTakeFirstOrThrow();
    const actor = await loadActor(services.db, member.id);
    if (!actor) throw new Error('no actor');
    const pair = generateKeyPair();
    const publicKey = base64UrlEncode(pair.publicKey);
    const proof = base64UrlEncode(signSync(pair.privateKey, utf8Encode(deviceRegistrationMessage(scenario.cell.id, actor.memberId, publicKey))));
    let device = await registerDevice(services, actor, { publicKey, label: 'bench', proof });
    if (device.status !== 'approved') device = await setDeviceStatusAsOperator(services, device.id, 'approved');
    const signer = nodeSigner(pair.privateKey);
    let sequence = 0;
    const submitOne = async () => {
      const n = sequence++;
      const signed = await signEnvelope(
        {
          cell: scenario.cell.id,
          compartment: n % 2 ? 'plenary' : 'caucus-sy',
          type: 'message',
          track: 'general',
          payload: { text: `position report ${n}: all quiet along the line`, language: 'en' },
          references: [],
          author: actor.memberId,
          device: device.id,
          authoredAt: new Date(Date.now()).toISOString(),
        },
        signer,
      );
      await submitItem(services, actor, signed);
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
    await server.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
