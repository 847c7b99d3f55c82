import { createPrivateKey } from 'node:crypto';
import fs from 'node:fs';
import { pino } from 'pino';
import type { Scenario } from '@fusion-cell/protocol';
import { base64UrlEncode, signEnvelope } from '@fusion-cell/record';
import { generateKeyPair, nodeSigner } from '@fusion-cell/record/node';
import { argon2Hasher, startServer, type ServerHandle } from '@fusion-cell/server';
import { submitItem } from '../../packages/server/src/items/submit-item.ts';
import { actorOf, approvedDevice, sessionCookie } from '../cell-actors.ts';

/** Who writes the history: a side's duty officer, in the plenary every party reads. */
const AUTHOR = 'sy.duty1';
/**
 * Submissions in flight while seeding: enough that group commit appends hundreds per
 * transaction, few enough that the server's queue and memory stay small.
 */
const SEED_CONCURRENCY = 400;

/** A device key made here, registered and approved, whose private half the browser is handed. */
export interface DeviceKey {
  cellId: string;
  memberId: string;
  deviceId: string;
  publicKey: string;
  /** PKCS#8 DER, base64. */
  pkcs8: string;
  createdAt: string;
}

/** A demo cell serving the web app, with the viewer's session and approved device. */
export interface HistoryCell {
  name: string;
  url: string;
  /** The plenary log's size once seeded (the demo's own entries and the history added). */
  plenarySize: number;
  /** How long seeding took, ms (0 when nothing was added). */
  seedMs: number;
  /** The viewer's session cookie, name=value. */
  cookie: { name: string; value: string };
  device: DeviceKey;
  close(): Promise<void>;
}

export interface HistoryCellOptions {
  name: string;
  scenario: Scenario;
  webDir: string;
  dataDir: string;
  /** Who opens the app. */
  viewer: string;
  /** Messages added to the plenary after the demo's own history. */
  messages: number;
  log(line: string): void;
}

export async function startHistoryCell(options: HistoryCellOptions): Promise<HistoryCell> {
  const { scenario, dataDir, viewer } = options;
  fs.mkdirSync(dataDir, { recursive: true });
  const server = await startServer({
    port: 0,
    dataDir,
    scenario,
    logger: pino({ level: 'silent' }),
    passwords: argon2Hasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 }),
    webDir: options.webDir,
  });
  try {
    const login = server.initialized?.find((candidate) => candidate.username === viewer);
    if (!login) throw new Error(`the demo cell has no login ${viewer}`);
    const pair = await sessionCookie(server, login.username, login.password);
    const viewerActor = await actorOf(server, viewer);
    const viewerKey = generateKeyPair();
    const device = await approvedDevice(server, scenario, viewerActor, viewerKey, 'bench history viewer');
    const seedMs = options.messages > 0 ? await seedMessages(server, scenario, options.messages, options.log) : 0;
    // The checkpoint covering everything, so no load waits for the next one.
    await server.services.record.checkpointer.signPending();
    const head = await server.services.db.selectFrom('log_heads').select('size').where('compartment_id', '=', 'plenary').executeTakeFirst();
    const separator = pair.indexOf('=');
    return {
      name: options.name,
      url: server.url,
      plenarySize: head?.size ?? 0,
      seedMs,
      cookie: { name: pair.slice(0, separator), value: pair.slice(separator + 1) },
      device: {
        cellId: scenario.cell.id,
        memberId: viewerActor.memberId,
        deviceId: device,
        publicKey: base64UrlEncode(viewerKey.publicKey),
        pkcs8: Buffer.from(createPrivateKey({ key: Buffer.from(viewerKey.privateKey), format: 'der', type: 'pkcs8' }).export({ format: 'der', type: 'pkcs8' })).toString('base64'),
        createdAt: new Date().toISOString(),
      },
      close: async () => {
        await server.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await server.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

async function seedMessages(server: ServerHandle, scenario: Scenario, count: number, log: (line: string) => void): Promise<number> {
  const author = await actorOf(server, AUTHOR);
  const pair = generateKeyPair();
  const device = await approvedDevice(server, scenario, author, pair, 'bench history');
  const signer = nodeSigner(pair.privateKey);
  const started = performance.now();
  let next = 0;
  let reported = 0;
  const submitNext = async (): Promise<void> => {
    while (next < count) {
      const index = next++;
      const signed = await signEnvelope(
        {
          cell: scenario.cell.id,
          compartment: 'plenary',
          type: 'message',
          track: 'general',
          payload: { text: `Routine watch log ${index + 1}: patrol schedule unchanged, the line is quiet, nothing to report.`, language: 'en' },
          references: [],
          author: author.memberId,
          device,
          authoredAt: new Date().toISOString(),
        },
        signer,
      );
      await submitItem(server.services, author, signed);
      if (index + 1 - reported >= 20_000) {
        reported = index + 1;
        log(`${reported} of ${count} entered after ${Math.round((performance.now() - started) / 1000)} s`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(SEED_CONCURRENCY, count) }, submitNext));
  const ms = performance.now() - started;
  log(`${count} messages signed and submitted in ${Math.round(ms)} ms (${Math.round((count / ms) * 1000)}/s)`);
  return ms;
}
