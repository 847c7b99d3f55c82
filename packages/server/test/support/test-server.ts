import { pino } from 'pino';
import { argon2Hasher } from '../../src/auth/password-hasher.ts';
import { parseScenario } from '../../src/cell/scenario-file.ts';
import type { DemoLogin } from '../../src/cell/initialize-cell.ts';
import { ManualClock } from '../../src/clock.ts';
import { startServer, type ServerHandle, type StartOptions } from '../../src/start-server.ts';
import fs from 'node:fs';
import type { Scenario } from '@fusion-cell/protocol';
import type { TestStorage } from './engines.ts';

/** argon2id at its cheapest: tests exercise the logic, not the cost. */
export const cheapPasswords = argon2Hasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 });

export const demoScenario: Scenario = parseScenario(
  fs.readFileSync(new URL('../../../../scenarios/paris-2026.json', import.meta.url), 'utf8'),
);

export interface TestServer {
  handle: ServerHandle;
  url: string;
  clock: ManualClock;
  logins: DemoLogin[];
  passwordOf(username: string): string;
  close(): Promise<void>;
}

/** Starts a server on a free port with the demo cell, a manual clock and silent logs. */
export async function startTestServer(storage: TestStorage, options: Partial<StartOptions> = {}): Promise<TestServer> {
  const clock = options.clock instanceof ManualClock ? options.clock : new ManualClock();
  const handle = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir: storage.dataDir,
    databaseUrl: storage.databaseUrl,
    scenario: demoScenario,
    logger: pino({ level: 'silent' }),
    passwords: cheapPasswords,
    clock,
    webDir: '/nonexistent',
    ...options,
  });
  const logins = handle.initialized ?? [];
  return {
    handle,
    url: handle.url,
    clock,
    logins,
    passwordOf: (username) => {
      const login = logins.find((candidate) => candidate.username === username);
      if (!login) throw new Error(`no login for ${username}`);
      return login.password;
    },
    close: () => handle.close(),
  };
}
