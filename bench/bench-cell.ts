import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { signEnvelope } from '@fusion-cell/record';
import { generateKeyPair, nodeSigner } from '@fusion-cell/record/node';
import { argon2Hasher, readScenarioFile, startServer, type ServerHandle } from '@fusion-cell/server';
import { actorOf, approvedDevice, sessionCookie } from './cell-actors.ts';
import { submitItem } from '../packages/server/src/items/submit-item.ts';
import { demoScenarioFile } from './record/scenario.ts';
import type { ClientSpec } from './stream/fleet-protocol.ts';

/** A running demo cell (SQLite, no demo history) with every member logged in once. */
export interface BenchCell {
  server: ServerHandle;
  /** ws:// address of the stream. */
  streamUrl: string;
  /** One session cookie per member of the demo cell. */
  cookies: string[];
  /** `count` stream clients, spreading the sessions evenly (several sockets per session). */
  clientSpecs(count: number): ClientSpec[];
  /** Signs a message as sy.duty1's registered device and submits it in-process (resolves once durable). */
  submit(compartment: string, text: string): Promise<void>;
  /** The log's size in the database. */
  size(compartment: string): Promise<number>;
  close(): Promise<void>;
}

export async function startBenchCell(): Promise<BenchCell> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fc-bench-stream-'));
  const scenario = await readScenarioFile(demoScenarioFile);
  const server = await startServer({
    port: 0,
    dataDir,
    scenario: { ...scenario, demo: undefined },
    logger: pino({ level: 'silent' }),
    passwords: argon2Hasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 }),
    webDir: '/nonexistent',
  });
  try {
    const cookies: string[] = [];
    for (const login of server.initialized ?? []) {
      cookies.push(await sessionCookie(server, login.username, login.password));
    }
    if (cookies.length === 0) throw new Error('the demo cell has no logins');

    const services = server.services;
    const actor = await actorOf(server, 'sy.duty1');
    const pair = generateKeyPair();
    const device = { id: await approvedDevice(server, scenario, actor, pair, 'bench') };
    const signer = nodeSigner(pair.privateKey);

    return {
      server,
      streamUrl: `${server.url.replace(/^http/, 'ws')}/api/v1/stream`,
      cookies,
      clientSpecs: (count) => Array.from({ length: count }, (_, n) => ({ headers: { cookie: cookies[n % cookies.length] as string, origin: server.url } })),
      submit: async (compartment, text) => {
        const signed = await signEnvelope(
          {
            cell: scenario.cell.id,
            compartment,
            type: 'message',
            track: 'general',
            payload: { text, language: 'en' },
            references: [],
            author: actor.memberId,
            device: device.id,
            authoredAt: new Date().toISOString(),
          },
          signer,
        );
        await submitItem(services, actor, signed);
      },
      size: async (compartment) => {
        const head = await services.db.selectFrom('log_heads').select('size').where('compartment_id', '=', compartment).executeTakeFirst();
        return head?.size ?? 0;
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
