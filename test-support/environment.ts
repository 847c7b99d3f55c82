import fs from 'node:fs';
import pg from 'pg';

/**
 * Outside CI a missing PostgreSQL or Chromium skips its tests with a loud warning; with
 * CI=true it fails, so a green CI run always means both engines and the browser were tested.
 */
const inCi = process.env['CI'] === 'true' || process.env['CI'] === '1';

function unavailable(what: string, why: string): false {
  const message = `${what} is not available (${why})`;
  if (inCi) throw new Error(`${message}; CI=true requires it`);
  console.warn(`\n!!! SKIPPED: ${message}. Its tests are skipped; with CI=true they fail instead.\n`);
  return false;
}

export const TEST_DATABASE_URL = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

let postgresProbe: Promise<boolean> | undefined;

/** Whether the test PostgreSQL server answers. */
export function postgresAvailable(): Promise<boolean> {
  postgresProbe ??= (async () => {
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query('select 1');
      return true;
    } catch (error) {
      return unavailable(`PostgreSQL at ${TEST_DATABASE_URL}`, (error as Error).message);
    } finally {
      await client.end().catch(() => undefined);
    }
  })();
  return postgresProbe;
}

export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** Whether Debian's Chromium is installed where the browser tests expect it. */
export function chromiumAvailable(): boolean {
  return fs.existsSync(CHROMIUM_PATH) || unavailable(`Chromium at ${CHROMIUM_PATH}`, 'not installed; apt-get install chromium');
}

/** Flags that let headless Chromium run as root on a machine without a network. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

/**
 * A fresh PostgreSQL database for one test file, dropped by `drop()`. Databases rather than
 * schemas, so migrations run exactly as they do in production.
 */
export async function createTestDatabase(prefix = 'fc_test'): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      try {
        await client.query(`drop database if exists "${name}" with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}
