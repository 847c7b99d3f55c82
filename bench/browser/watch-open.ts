import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { HistoryCell } from './history-cell.ts';
import { NOTES_SCRIPT, storeDeviceScript, type PageNotes } from './page-scripts.ts';

/** How long the watch may take to become interactive before the open counts as failed. */
const INTERACTIVE_TIMEOUT_MS = 120_000;
/** How long the record's verification may take. */
const VERIFIED_TIMEOUT_MS = 600_000;

/** One open of the watch, by the page's clock from the start of the navigation. */
export interface WatchOpen extends PageNotes {
  /** The watch answered a click with its first obligation answerable: `openedAt`. */
  interactiveAt: number;
  /** Pages of log entries the page asked for before the record was verified. */
  entryPages: number;
  /** The page's JavaScript heap once verified (its main thread's, after a collection), MiB. */
  heapMiB: number;
}

/** A workstation: a fresh browser profile that logged in before and holds its approved device. */
export interface Workstation {
  page: Page;
  errors: string[];
  close(): Promise<void>;
}

export async function newWorkstation(browser: Browser, cell: HistoryCell, viewport = { width: 1280, height: 800 }, locale = 'en-US'): Promise<Workstation> {
  const context: BrowserContext = await browser.newContext({ viewport, locale });
  try {
    await context.addCookies([{ ...cell.cookie, url: cell.url }]);
    await context.addInitScript({ content: NOTES_SCRIPT });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    // A page of the cell's origin that is not the app, to hand the device over before it runs.
    await page.goto(`${cell.url}/healthz`);
    await page.evaluate(storeDeviceScript(cell.device));
    return { page, errors, close: () => context.close() };
  } catch (error) {
    await context.close();
    throw error;
  }
}

const notesOf = (page: Page) => page.evaluate(() => (globalThis as { __historyNotes?: PageNotes }).__historyNotes);

/**
 * Opens the watch (or reloads it) and times it:
 * - interactive: the watch's heading is shown and its first obligation's answer button passes
 *   every check a click makes (visible, stable, enabled, not covered); then a real click on
 *   the watch (opening its first folded form) is handled by the page. The time is the page's
 *   own, of that `toggle` event: a main thread busy verifying would hold it back.
 * - verified: the record's progress indicator says every entry received was checked.
 */
export async function openWatch(station: Workstation, cell: HistoryCell, how: 'open' | 'reload'): Promise<WatchOpen> {
  const { page } = station;
  if (how === 'open') await page.goto(`${cell.url}/watch`, { waitUntil: 'commit' });
  else await page.reload({ waitUntil: 'commit' });
  try {
    await page.locator('[data-testid="page-watch"] h1').waitFor({ timeout: INTERACTIVE_TIMEOUT_MS });
    await page.locator('[data-testid="inbox-list"] > li button:enabled').first().click({ trial: true, timeout: INTERACTIVE_TIMEOUT_MS });
    await page.locator('[data-testid="page-watch"] details > summary').first().click({ timeout: INTERACTIVE_TIMEOUT_MS });
    await page.waitForFunction(() => ((globalThis as { __historyNotes?: PageNotes }).__historyNotes?.openedAt ?? -1) >= 0, undefined, { timeout: INTERACTIVE_TIMEOUT_MS, polling: 50 });
  } catch (error) {
    throw new Error(`${cell.name}: the watch did not become interactive within ${INTERACTIVE_TIMEOUT_MS} ms (${JSON.stringify(await notesOf(page).catch(() => undefined))})`, { cause: error });
  }
  try {
    // A function, not a string: the app's Content-Security-Policy forbids evaluating strings.
    await page.waitForFunction(() => ((globalThis as { __historyNotes?: PageNotes }).__historyNotes?.verifiedAt ?? -1) >= 0, undefined, { timeout: VERIFIED_TIMEOUT_MS, polling: 100 });
  } catch (error) {
    throw new Error(`${cell.name}: the record was not verified within ${VERIFIED_TIMEOUT_MS} ms (${JSON.stringify(await notesOf(page).catch(() => undefined))})`, { cause: error });
  }
  const notes = await notesOf(page);
  if (!notes) throw new Error(`${cell.name}: the page lost what it noted`);
  const entryPages = await page.evaluate(
    (before) => performance.getEntriesByType('resource').filter((entry) => /\/api\/v1\/compartments\/[^/]+\/entries/.test(entry.name) && entry.startTime <= before).length,
    notes.verifiedAt,
  );
  if (station.errors.length > 0) throw new Error(`${cell.name}: script errors: ${station.errors.join('; ')}`);
  // The app found the device it was handed, approved: the open was a returning workstation's.
  const approved = page.locator('[data-testid="device-status"][data-status="approved"]').first();
  await approved.waitFor({ timeout: 15_000 }).catch(() => {
    throw new Error(`${cell.name}: the app did not find its approved device; has the way it stores device keys changed?`);
  });
  return { ...notes, interactiveAt: notes.openedAt, entryPages, heapMiB: await heapMiB(page) };
}

/**
 * Waits until the browser has kept every entry it verified (the kept-record database's logs
 * count `total` entries, packages/web/src/sync/kept-record.ts), and resolves with when, by the
 * page's clock. A reload before that finds part of the record kept, and fetches the rest.
 */
export async function keptAt(station: Workstation, cell: HistoryCell, total: number): Promise<number> {
  const deadline = performance.now() + VERIFIED_TIMEOUT_MS;
  for (;;) {
    const { count, now } = (await station.page.evaluate(KEPT_COUNT_SCRIPT)) as { count: number; now: number };
    if (count >= total) return now;
    if (performance.now() > deadline) throw new Error(`${cell.name}: the browser kept ${count} of ${total} entries within ${VERIFIED_TIMEOUT_MS} ms`);
    await station.page.waitForTimeout(200);
  }
}

/** Counts the entries the kept-record database holds, with the page's time. */
const KEPT_COUNT_SCRIPT = `new Promise((resolve, reject) => {
  const request = indexedDB.open('fusion-cell-kept-record');
  request.onerror = () => reject(request.error);
  request.onsuccess = () => {
    const database = request.result;
    if (!database.objectStoreNames.contains('logs')) {
      database.close();
      resolve({ count: 0, now: performance.now() });
      return;
    }
    const all = database.transaction('logs', 'readonly').objectStore('logs').getAll();
    all.onsuccess = () => {
      database.close();
      resolve({ count: all.result.reduce((sum, log) => sum + log.count, 0), now: performance.now() });
    };
    all.onerror = () => reject(all.error);
  };
})`;

/** The main thread's JavaScript heap in use after a garbage collection, MiB. */
async function heapMiB(page: Page): Promise<number> {
  const session = await page.context().newCDPSession(page);
  try {
    await session.send('HeapProfiler.collectGarbage');
    const { usedSize } = await session.send('Runtime.getHeapUsage');
    return usedSize / (1024 * 1024);
  } finally {
    await session.detach().catch(() => undefined);
  }
}
