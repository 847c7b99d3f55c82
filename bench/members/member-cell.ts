// The cell the members log in to: the demo cell (its parties, rules and signed history) with
// a crowd of extra members, written to a fresh database before any server process starts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import type { Role, Scenario } from '@fusion-cell/protocol';
import { argon2Hasher, readScenarioFile, startServer, type PasswordHasher } from '@fusion-cell/server';
import { createTestDatabase } from '../../test-support/environment.ts';
import { demoScenarioFile } from '../record/scenario.ts';
import type { MemberLogin } from './crowd-protocol.ts';

export type Engine = 'sqlite' | 'postgres';

/** A prepared database, and how to throw it away. */
export interface MemberCell {
  cellId: string;
  dataDirs: string[];
  databaseUrl: string | undefined;
  logins: MemberLogin[];
  dispose(): Promise<void>;
}

/** Every simulated member shares this password: one hash serves them all (see sharedHash). */
const CROWD_PASSWORD = 'members bench password';
/** Parties in proportion: the two sides hold most of the crowd, the supervisor a fifth. */
const PARTY_CYCLE = ['sy', 'il', 'sy', 'il', 'us'] as const;
/** Roles that may both send messages and acknowledge; duty officers are the most numerous. */
const ROLE_CYCLE: Role[][] = [['duty'], ['duty'], ['analyst'], ['commercial'], ['head']];

/**
 * Creates the cell with `count` extra members. Their password is hashed once, at the server's
 * default argon2 cost, and that hash is stored for all of them: creating a thousand accounts
 * costs one hash instead of a thousand, while every login during the run still pays a real
 * verification at the production cost. `dataDirs`: one per server process (on PostgreSQL the
 * processes share the database, not their data directories).
 */
export async function prepareMemberCell(engine: Engine, count: number, processes: number): Promise<MemberCell> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'fc-bench-members-'));
  const dataDirs = Array.from({ length: processes }, (_, n) => path.join(root, `server-${n}`));
  for (const dir of dataDirs) fs.mkdirSync(dir);
  const database = engine === 'postgres' ? await createTestDatabase('fc_bench_members') : undefined;
  const dispose = async () => {
    await database?.drop().catch((error: unknown) => console.error('  members: dropping the database failed:', error));
    fs.rmSync(root, { recursive: true, force: true });
  };
  try {
    const demo = await readScenarioFile(demoScenarioFile);
    const logins: MemberLogin[] = Array.from({ length: count }, (_, n) => {
      const party = PARTY_CYCLE[n % PARTY_CYCLE.length] as string;
      return { username: `${party}.crowd${String(n).padStart(4, '0')}`, password: CROWD_PASSWORD, party };
    });
    const scenario: Scenario = {
      ...demo,
      members: [
        ...demo.members,
        ...logins.map((login, n) => ({ username: login.username, party: login.party, displayName: `Crowd member ${n}`, roles: ROLE_CYCLE[n % ROLE_CYCLE.length] as Role[] })),
      ],
    };
    // startServer initialises the cell, signs the demo history and stops: the database is then
    // the same as the one `serve --demo` would leave, with the crowd in it.
    const server = await startServer({
      port: 0,
      dataDir: dataDirs[0],
      databaseUrl: database?.url,
      scenario,
      logger: pino({ level: 'silent' }),
      passwords: await sharedHash(CROWD_PASSWORD),
      webDir: '/nonexistent',
    });
    await server.close();
    return { cellId: demo.cell.id, dataDirs, databaseUrl: database?.url, logins, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}

/** A hasher that stores one precomputed hash of `password` (default cost) for every account. */
async function sharedHash(password: string): Promise<PasswordHasher> {
  const real = argon2Hasher();
  const hash = await real.hash(password);
  return { hash: async () => hash, verify: real.verify };
}
