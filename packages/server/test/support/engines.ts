import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createTestDatabase, postgresAvailable } from '../../../../test-support/environment.ts';

export interface TestStorage {
  engine: 'sqlite' | 'postgres';
  dataDir: string;
  databaseUrl: string | undefined;
  cleanup(): Promise<void>;
}

export interface EngineSetup {
  engine: 'sqlite' | 'postgres';
  /** Fresh, empty storage for one test or one suite. */
  create(): Promise<TestStorage>;
}

async function temporaryDirectory(): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), 'fusion-cell-test-'));
}

const sqlite: EngineSetup = {
  engine: 'sqlite',
  create: async () => {
    const dataDir = await temporaryDirectory();
    return { engine: 'sqlite', dataDir, databaseUrl: undefined, cleanup: () => fs.rm(dataDir, { recursive: true, force: true }) };
  },
};

const postgres: EngineSetup = {
  engine: 'postgres',
  create: async () => {
    const dataDir = await temporaryDirectory();
    const database = await createTestDatabase();
    return {
      engine: 'postgres',
      dataDir,
      databaseUrl: database.url,
      cleanup: async () => {
        await database.drop();
        await fs.rm(dataDir, { recursive: true, force: true });
      },
    };
  },
};

/**
 * The engines every storage and integration suite runs on: SQLite always, PostgreSQL when it
 * answers (and always under CI=true, where its absence fails the run).
 */
export const ENGINES: EngineSetup[] = (await postgresAvailable()) ? [sqlite, postgres] : [sqlite];
