import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { readScenarioFile } from '@fusion-cell/server';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../test-support/environment.ts';
import { demoScenarioFile } from '../record/scenario.ts';
import { figure, notMeasured, percentile, spreadOf, withSpread, type Figure } from '../results.ts';
import { startHistoryCell, type HistoryCell } from './history-cell.ts';
import { buildWebApp } from './web-app-build.ts';
import { keptAt, newWorkstation, openWatch, type WatchOpen } from './watch-open.ts';

/** Plenary messages added to the demo's own history (BENCH_HISTORY_ENTRIES to try another size). */
const ENTRIES = Number(process.env['BENCH_HISTORY_ENTRIES'] ?? 100_000);
/** Workstations that open the watch, then reload it, on each cell, alternating between the cells. */
const REPETITIONS = 3;
/** A duty officer of a side: the watch is where they land, with the demo's obligations on it. */
const VIEWER = 'il.duty1';
const INTERACTIVE_GOAL_MS = 2000;

const LABEL = `demo + ${ENTRIES.toLocaleString('en')} plenary entries vs demo alone (p50 of ${REPETITIONS} workstations)`;
const NAMES = {
  open: `large history: open → watch interactive, ${LABEL}`,
  verified: `large history: open → record verified, ${LABEL}`,
  kept: `large history: open → record kept in the browser, ${LABEL}`,
  reload: `large history: reload → watch interactive, ${LABEL}`,
  reloadVerified: `large history: reload → record verified, ${LABEL}`,
  longestTask: `large history: longest main-thread task from open to verified, ${LABEL}`,
  reloadRequests: `large history: entry pages fetched by a reload until verified, ${LABEL}`,
  heap: `large history: page's JavaScript heap once verified, ${LABEL}`,
};

/**
 * A member's web app on a cell whose plenary holds 100,000 entries, against the demo's own few
 * dozen, in headless Chromium, in the same run.
 *
 * Two demo cells run in this process and serve the web app built for this run; into one,
 * 100,000 signed plenary messages are entered through the server's own submission path, many
 * at a time so group commit batches them (how long that takes is printed). Each workstation is
 * a fresh browser profile holding the duty officer's session and approved device key: it opens
 * the watch, then reloads it. Timed by the page's clock from the start of each navigation:
 * - watch interactive: the watch's heading is shown and its first obligation's answer button
 *   passes the checks a click makes (visible, stable, enabled, not covered); then a real click
 *   opens the first folded form of the watch, and the time is that of the page's `toggle`
 *   event, which a busy main thread would hold back. Goal ≤ 2 s, on open and after a reload.
 * - record verified: the record's progress indicator says every entry the server reported
 *   was checked (signature, device, inclusion under a checkpoint verified against the pinned
 *   log key). After a reload most of it comes from what the browser kept.
 * The reload comes once the browser has kept what it verified (also timed). Also: the longest
 * main-thread task between the open and verification, how many pages of entries a reload
 * fetched before it was verified (entries kept are not fetched again), and the page's heap.
 */
export async function measureLargeHistory(): Promise<Figure[]> {
  if (!fs.existsSync(CHROMIUM_PATH)) return unmeasured(`Chromium is not installed at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH)`);
  if (!Number.isSafeInteger(ENTRIES) || ENTRIES < 1) return unmeasured(`BENCH_HISTORY_ENTRIES must be a whole number of entries, not ${process.env['BENCH_HISTORY_ENTRIES']}`);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'fc-bench-history-'));
  const cells: HistoryCell[] = [];
  let browser: Browser | undefined;
  const log = (line: string) => console.error(`  large history: ${line}`);
  try {
    const webDir = path.join(scratch, 'web');
    const built = await buildWebApp(webDir, log);
    if (built !== undefined) return unmeasured(built);
    const scenario = await readScenarioFile(demoScenarioFile);
    const small = await startHistoryCell({ name: 'demo alone', scenario, webDir, dataDir: path.join(scratch, 'small'), viewer: VIEWER, messages: 0, log });
    cells.push(small);
    const large = await startHistoryCell({ name: `demo + ${ENTRIES} entries`, scenario, webDir, dataDir: path.join(scratch, 'large'), viewer: VIEWER, messages: ENTRIES, log });
    cells.push(large);
    log(`seeded ${ENTRIES} entries in ${(large.seedMs / 1000).toFixed(1)} s; plenary sizes ${small.plenarySize} and ${large.plenarySize}`);
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });

    const runs = new Map<HistoryCell, Visit[]>([
      [small, []],
      [large, []],
    ]);
    for (let round = 0; round < REPETITIONS; round++) {
      for (const cell of round % 2 === 0 ? [small, large] : [large, small]) {
        const visit = await visitWatch(browser, cell);
        runs.get(cell)?.push(visit);
        log(
          `${cell.name}: open ${ms(visit.open.interactiveAt)} interactive, ${ms(visit.open.verifiedAt)} verified (${visit.open.total} entries, longest task ${ms(visit.open.longestTask)}), ${ms(visit.keptAt)} kept; ` +
            `heap ${Math.round(visit.open.heapMiB)} MiB; reload ${ms(visit.reload.interactiveAt)} interactive, ${ms(visit.reload.verifiedAt)} verified, ${visit.reload.entryPages} entry pages fetched`,
        );
      }
    }
    const ours = runs.get(large) ?? [];
    const theirs = runs.get(small) ?? [];
    const p50 = (visits: Visit[], value: (visit: Visit) => number) => percentile(visits.map(value), 50);
    const measured = (name: string, value: (visit: Visit) => number, unit: string, goal: string, pass = true) =>
      withSpread(figure(name, p50(ours, value), unit, p50(theirs, value), goal, pass), spreadOf(ours.map(value)));
    // The goal holds for every workstation, not for the median alone.
    const everyOne = (value: (visit: Visit) => number) => ours.every((visit) => value(visit) <= INTERACTIVE_GOAL_MS);
    const interactive = `<= ${INTERACTIVE_GOAL_MS} ms (every workstation)`;
    return [
      measured(NAMES.open, (visit) => visit.open.interactiveAt, 'ms', interactive, everyOne((visit) => visit.open.interactiveAt)),
      measured(NAMES.verified, (visit) => visit.open.verifiedAt, 'ms', 'informative: in the background, with a progress indicator'),
      measured(NAMES.kept, (visit) => visit.keptAt, 'ms', 'informative: a reload before this fetches what is not kept yet'),
      measured(NAMES.reload, (visit) => visit.reload.interactiveAt, 'ms', interactive, everyOne((visit) => visit.reload.interactiveAt)),
      measured(NAMES.reloadVerified, (visit) => visit.reload.verifiedAt, 'ms', 'informative: from what the browser kept, fetching only what is new'),
      measured(NAMES.longestTask, (visit) => visit.open.longestTask, 'ms', 'informative: the page stays responsive while it verifies'),
      measured(NAMES.reloadRequests, (visit) => visit.reload.entryPages, 'requests', 'informative: 0 when nothing was added since'),
      measured(NAMES.heap, (visit) => visit.open.heapMiB, 'MiB', 'informative: every entry is held in memory for the views'),
    ];
  } catch (error) {
    // A page that never became interactive or verified on a busy machine: reported, not a crash.
    console.error(error);
    return unmeasured((error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'failed');
  } finally {
    await browser?.close().catch(() => undefined);
    for (const cell of cells.reverse()) await cell.close().catch(() => undefined);
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/** A workstation's first open of the watch and its reload. */
interface Visit {
  open: WatchOpen;
  /** When the first open had kept every entry it verified, by the page's clock. */
  keptAt: number;
  reload: WatchOpen;
}

async function visitWatch(browser: Browser, cell: HistoryCell): Promise<Visit> {
  const station = await newWorkstation(browser, cell);
  try {
    const open = await openWatch(station, cell, 'open');
    // The reload is timed once the record is kept: what a workstation finds the next time.
    const kept = await keptAt(station, cell, open.total);
    const reload = await openWatch(station, cell, 'reload');
    if (reload.total !== open.total) throw new Error(`${cell.name}: the reload verified ${reload.total} entries, the open ${open.total}`);
    return { open, keptAt: kept, reload };
  } finally {
    await station.close();
  }
}

const ms = (value: number) => `${Math.round(value)} ms`;

function unmeasured(reason: string): Figure[] {
  console.error(`  large history: not measured: ${reason}`);
  return [
    notMeasured(NAMES.open, reason, 'ms', `<= ${INTERACTIVE_GOAL_MS} ms (every workstation)`),
    notMeasured(NAMES.verified, reason, 'ms', 'informative'),
    notMeasured(NAMES.kept, reason, 'ms', 'informative'),
    notMeasured(NAMES.reload, reason, 'ms', `<= ${INTERACTIVE_GOAL_MS} ms (every workstation)`),
    notMeasured(NAMES.reloadVerified, reason, 'ms', 'informative'),
    notMeasured(NAMES.longestTask, reason, 'ms', 'informative'),
    notMeasured(NAMES.reloadRequests, reason, 'requests', 'informative'),
    notMeasured(NAMES.heap, reason, 'MiB', 'informative'),
  ];
}
