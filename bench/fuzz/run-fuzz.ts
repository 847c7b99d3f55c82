// npm run fuzz: every parser that reads network input, over many generated inputs. Pure
// parsers get up to FUZZ_RUNS inputs each (a million by default), the HTTP routes up to
// FUZZ_HTTP_RUNS requests per storage engine; each is stopped at its time limit. Prints, per
// parser, the inputs judged and how: accepted, refused, crashes, invalid inputs accepted,
// valid inputs refused, server errors (500s); writes bench/out/fuzz-results.json; exits 1
// when anything was unsound.
//
//   FUZZ_RUNS=1000000 FUZZ_SECONDS=300 FUZZ_HTTP_RUNS=50000 FUZZ_HTTP_SECONDS=300 FUZZ_SEED=1 npm run fuzz [-- name-filter]

import fs from 'node:fs';
import path from 'node:path';
import { durationToMilliseconds } from '@fusion-cell/protocol';
import { DEFAULT_THROTTLE } from '../../packages/server/src/auth/login-throttle.ts';
import { ENGINES } from '../../packages/server/test/support/engines.ts';
import { startTestServer } from '../../packages/server/test/support/test-server.ts';
import { buildBundlePool, bundleTarget } from '../../test-support/fuzz/bundle-target.ts';
import { canonicalJsonTarget } from '../../test-support/fuzz/canonical-json-target.ts';
import { clientFrameTarget } from '../../test-support/fuzz/client-frame-target.ts';
import { tallyTarget, type Tally } from '../../test-support/fuzz/fuzz-tally.ts';
import type { FuzzTarget } from '../../test-support/fuzz/fuzz-target.ts';
import { openItemAuthor } from '../../test-support/fuzz/item-author.ts';
import { itemPayloadTarget } from '../../test-support/fuzz/item-payload-target.ts';
import { itemsTarget } from '../../test-support/fuzz/items-target.ts';
import { loginTarget } from '../../test-support/fuzz/login-target.ts';
import { scenarioTarget } from '../../test-support/fuzz/scenario-target.ts';
import { signedEnvelopeTarget } from '../../test-support/fuzz/signed-envelope-target.ts';
import { rowCount } from '../../test-support/fuzz/stored-rows.ts';
import { streamConnectionTarget } from '../../test-support/fuzz/stream-connection-target.ts';
import { buildProofPool, tlogProofTarget } from '../../test-support/fuzz/tlog-proof-target.ts';

function setting(name: string, fallback: number): number {
  const text = process.env[name]?.trim();
  if (!text) return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, not ${JSON.stringify(text)}`);
  return value;
}

const pureLimits = { runs: setting('FUZZ_RUNS', 1_000_000), seconds: setting('FUZZ_SECONDS', 300), seed: setting('FUZZ_SEED', 1) };
const httpLimits = { runs: setting('FUZZ_HTTP_RUNS', 50_000), seconds: setting('FUZZ_HTTP_SECONDS', 300), seed: setting('FUZZ_SEED', 1), batch: 200 };
const only = process.argv[2] ?? process.env['FUZZ_ONLY'];
const wanted = (name: string) => !only || name.includes(only);

const tallies: Array<Tally & { engine: string }> = [];

function progress(tally: Tally): void {
  const bad = tally.counts.crash + tally.counts['invalid-accepted'] + tally.counts['valid-refused'] + tally.counts['server-error'];
  console.error(`  … ${tally.parser}: ${tally.inputs} inputs in ${tally.seconds.toFixed(0)} s, ${bad} unsound`);
}

async function run<T>(target: FuzzTarget<T>, engine: string, limits: typeof pureLimits & { batch?: number }): Promise<void> {
  if (!wanted(target.name)) return;
  console.error(`fuzzing ${target.name}${engine === '—' ? '' : ` on ${engine}`}…`);
  tallies.push({ ...(await tallyTarget(target, limits, progress)), engine });
}

async function pureParsers(): Promise<void> {
  await run(canonicalJsonTarget, '—', pureLimits);
  await run(itemPayloadTarget, '—', pureLimits);
  await run(signedEnvelopeTarget, '—', pureLimits);
  await run(clientFrameTarget, '—', pureLimits);
  await run(streamConnectionTarget, '—', pureLimits);
  await run(scenarioTarget, '—', pureLimits);
  if (wanted('bundles')) await run(bundleTarget(await buildBundlePool(40)), '—', pureLimits);
  if (wanted('tlog-proofs')) await run(tlogProofTarget(await buildProofPool(20)), '—', pureLimits);
}

/** One server per engine: throttling out of the way, so every login is read to the end. */
async function httpParsers(): Promise<void> {
  if (!wanted('login') && !wanted('items')) return;
  for (const setup of ENGINES) {
    const storage = await setup.create();
    // No timer ticks while it runs: the cell's own entries (findings) would count as appended by the items fuzzed.
    const server = await startTestServer(storage, { timerIntervalMs: 3_600_000, throttlePolicy: { ...DEFAULT_THROTTLE, freeAttempts: 1e9, freeAttemptsPerAddress: 1e9, accountCeiling: 1e9 } });
    try {
      const { db, record } = server.handle.services;
      await run(loginTarget({ url: server.url, logins: server.logins, sessionCount: () => rowCount(db, 'sessions') }), setup.engine, httpLimits);
      const authors = await Promise.all(['us.duty1', 'sy.head'].map((username) => openItemAuthor(server.url, record.cellId, username, server.passwordOf(username))));
      const items = await db.selectFrom('items').select(['id', 'compartment_id']).execute();
      const target = itemsTarget({
        url: server.url,
        cellId: record.cellId,
        now: () => server.clock.now(),
        toleranceMs: durationToMilliseconds(record.cell.rules.authoredTimeTolerance),
        authors,
        knownItems: new Map(items.map((item) => [item.id, item.compartment_id])),
        entryCount: () => rowCount(db, 'log_entries'),
      });
      await run(target, setup.engine, httpLimits);
    } finally {
      await server.close();
      await storage.cleanup();
    }
  }
}

function printTallies(): void {
  const header = ['parser', 'engine', 'inputs', 'seconds', 'accepted', 'refused', 'crashes', 'invalid accepted', 'valid refused', '500s'];
  const rows = tallies.map((tally) => [
    tally.parser,
    tally.engine,
    String(tally.inputs),
    tally.seconds.toFixed(0),
    String(tally.counts.accepted),
    String(tally.counts.refused),
    String(tally.counts.crash),
    String(tally.counts['invalid-accepted']),
    String(tally.counts['valid-refused']),
    String(tally.counts['server-error']),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) => cells.map((cell, column) => (column < 2 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ');
  console.log(line(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const row of rows) console.log(line(row));
  for (const tally of tallies) {
    for (const [outcome, examples] of Object.entries(tally.examples)) {
      console.log(`\n${tally.parser}${tally.engine === '—' ? '' : ` (${tally.engine})`}: ${outcome}`);
      for (const example of examples) console.log(`  ${example}`);
    }
  }
}

await pureParsers();
await httpParsers();
printTallies();
const file = path.join(import.meta.dirname, '..', 'out', 'fuzz-results.json');
fs.mkdirSync(path.dirname(file), { recursive: true });
fs.writeFileSync(file, `${JSON.stringify({ limits: { pure: pureLimits, http: httpLimits }, tallies }, null, 2)}\n`);
console.log(`\nwritten to ${path.relative(process.cwd(), file)}`);
const unsound = tallies.some((tally) => tally.counts.crash + tally.counts['invalid-accepted'] + tally.counts['valid-refused'] + tally.counts['server-error'] > 0);
if (unsound) process.exitCode = 1;
