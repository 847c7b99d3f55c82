// npm run bench: every figure of the project, each against a baseline measured in the same
// run, printed as a table and written to bench/out/results.json.
//
// Each suite runs in a process of its own, under a time limit: a suite that fails or runs out
// of time (a busy machine makes some of them crawl) has its figures reported as not measured,
// with the reason, and the others are still taken. Its own process also means the garbage of
// one suite (the bundle and tree suites leave hundreds of megabytes) never pauses another.
//
//   npm run bench                        every suite
//   npm run bench -- resume,appends      the suites whose names contain one of these
//   npm run bench -- --suite-timeout-ms 300000   (or BENCH_SUITE_TIMEOUT_MS) per suite, default 15 minutes
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { notMeasured, printTable, writeResults, type Figure } from './results.ts';

interface Suite {
  name: string;
  /** Loaded in the suite's process only, so this one stays light. */
  measure(): Promise<Figure[]>;
}

// Latency runs first, on a machine the other suites have not warmed up or filled with files.
const SUITES: Suite[] = [
  { name: 'stream latency', measure: async () => (await import('./stream/latency.ts')).measureStreamLatency() },
  { name: 'stream resume', measure: async () => (await import('./stream/resume.ts')).measureStreamResume() },
  { name: 'signed appends', measure: async () => (await import('./record/appends.ts')).measureAppends() },
  { name: 'bundle verification', measure: async () => (await import('./record/verify-rate.ts')).measureVerifyRate() },
  { name: 'inclusion proofs', measure: async () => (await import('./record/proof-time.ts')).measureProofTime() },
  { name: 'notice checks', measure: async () => (await import('./deescalation/check-time.ts')).measureCheckTime() },
  { name: 'map load', measure: async () => (await import('./deescalation/map-load.ts')).measureMapLoad() },
  { name: 'search', measure: async () => (await import('./search/search-time.ts')).measureSearchTime('sqlite') },
  { name: 'search on postgres', measure: async () => (await import('./search/search-time.ts')).measureSearchTime('postgres') },
  { name: 'stix import', measure: async () => (await import('./stix/stix-import.ts')).measureStixImport() },
  { name: 'large history', measure: async () => (await import('./browser/large-history.ts')).measureLargeHistory() },
  { name: 'peer fan-out', measure: async () => (await import('./peers/fan-out.ts')).measurePeerFanOut() },
  { name: 'peer sequential sends', measure: async () => (await import('./peers/sequential-sends.ts')).measurePeerSequentialSends() },
  { name: 'members on sqlite', measure: async () => (await import('./members/members.ts')).measureMembers('sqlite') },
  { name: 'members on postgres', measure: async () => (await import('./members/members.ts')).measureMembers('postgres') },
];

const SUITE_FLAG = '--suite-process';
const DEFAULT_SUITE_TIMEOUT_MS = 15 * 60_000;

/** What a suite's process tells the benchmark before it exits. */
type SuiteAnswer = { figures: Figure[] } | { error: string };

async function measureEverySuite(): Promise<void> {
  const { values, positionals } = parseArgs({ options: { 'suite-timeout-ms': { type: 'string' } }, allowPositionals: true });
  const limitText = values['suite-timeout-ms'] ?? (process.env['BENCH_SUITE_TIMEOUT_MS'] || String(DEFAULT_SUITE_TIMEOUT_MS));
  if (!/^\d{1,9}$/.test(limitText)) throw new Error(`--suite-timeout-ms: must be a whole number of ms, not ${limitText}`);
  const wanted = positionals[0]?.split(',').filter(Boolean) ?? [];
  const suites = SUITES.filter((suite) => wanted.length === 0 || wanted.some((part) => suite.name.includes(part)));
  if (suites.length === 0) throw new Error(`no suite matches ${positionals[0]}; the suites are: ${SUITES.map((suite) => suite.name).join(', ')}`);

  // Ctrl+C reaches this process only: the suite runs in a process group of its own.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      if (running) killGroup(running);
      process.exit(130);
    });
  }
  const figures: Figure[] = [];
  for (const suite of suites) {
    console.error(`measuring ${suite.name}…`);
    figures.push(...(await measureInChildProcess(suite, Number(limitText))));
  }
  printTable(figures);
  writeResults(figures);
  console.log('\nwritten to bench/out/results.json');
  // A figure not measured is reported above; only a goal missed fails the run.
  if (figures.some((entry) => entry.pass === false)) process.exitCode = 1;
}

/** The suite's process running now, for Ctrl+C. */
let running: ChildProcess | undefined;

/** Runs one suite in its own process group, killed whole when the time is up or the suite is done. */
function measureInChildProcess(suite: Suite, limitMs: number): Promise<Figure[]> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'fc-bench-suite-'));
  const child = fork(fileURLToPath(import.meta.url), [SUITE_FLAG, suite.name], {
    execArgv: ['--import', import.meta.resolve('tsx')],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    // Its own process group, so that the client fleets it forks die with it.
    detached: true,
    // Temporary files of a killed suite land here and are removed with it.
    env: { ...process.env, TMPDIR: scratch },
  });
  running = child;
  const started = performance.now();
  return new Promise<Figure[]>((resolve) => {
    let answer: SuiteAnswer | undefined;
    let timedOut = false;
    let failedToStart: Error | undefined;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child);
    }, limitMs);
    child.on('message', (message: SuiteAnswer) => (answer = message));
    child.on('error', (error) => (failedToStart = error));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      running = undefined;
      killGroup(child);
      fs.rmSync(scratch, { recursive: true, force: true });
      const seconds = ((performance.now() - started) / 1000).toFixed(0);
      const missing = (reason: string) => {
        console.error(`  ${suite.name}: not measured: ${reason}`);
        return [notMeasured(`${suite.name} (every figure of the suite)`, reason)];
      };
      if (answer && 'figures' in answer) resolve(answer.figures);
      else if (timedOut) resolve(missing(`took more than ${limitMs} ms (limit --suite-timeout-ms or BENCH_SUITE_TIMEOUT_MS); stopped`));
      else if (answer) resolve(missing(`failed after ${seconds} s: ${answer.error}`));
      else resolve(missing(failedToStart ? `could not start: ${failedToStart.message}` : `its process ended (${signal ?? `exit ${code}`}) after ${seconds} s without figures`));
    });
  });
}

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // The group is gone already.
  }
}

/** The suite's side: measure, hand the figures (or the error) over, exit. */
async function measureInThisProcess(name: string): Promise<void> {
  // The benchmark went away: nobody is left to read the figures.
  process.on('disconnect', () => process.exit(1));
  if (!process.connected) process.exit(1);
  const suite = SUITES.find((candidate) => candidate.name === name);
  let answer: SuiteAnswer;
  try {
    if (!suite) throw new Error(`there is no suite ${name}`);
    answer = { figures: await suite.measure() };
  } catch (error) {
    console.error(error);
    // The first line says what went wrong; the whole error is on standard error above.
    answer = { error: (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '' };
  }
  // Exit at once: whatever the suite left running must not hold the benchmark up.
  process.send?.(answer, () => process.exit(0));
}

if (process.argv[2] === SUITE_FLAG) await measureInThisProcess(process.argv[3] ?? '');
else await measureEverySuite();
