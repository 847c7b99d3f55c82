import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createTestDatabase } from '../../test-support/environment.ts';
import type { SoakEngine } from './soak-options.ts';

export interface SoakStorage {
  dataDir: string;
  databaseUrl: string | undefined;
  /** Where the data is, for a run that failed and keeps it for inspection. */
  describe(): string;
  remove(): Promise<void>;
}

/** A fresh data directory, and for PostgreSQL a fresh database, for one engine's run. */
export async function createSoakStorage(engine: SoakEngine): Promise<SoakStorage> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), `fusion-cell-soak-${engine}-`));
  if (engine === 'sqlite') {
    return { dataDir, databaseUrl: undefined, describe: () => dataDir, remove: () => fs.rm(dataDir, { recursive: true, force: true }) };
  }
  try {
    const database = await createTestDatabase('fc_soak');
    return {
      dataDir,
      databaseUrl: database.url,
      describe: () => `${database.url} (logins in ${dataDir})`,
      remove: async () => {
        await database.drop();
        await fs.rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await fs.rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}
