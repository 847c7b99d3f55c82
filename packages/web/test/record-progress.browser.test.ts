import path from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../../../test-support/environment.ts';
import { useBrowserHarness } from './browser-harness.ts';

/**
 * The record's verification as the app shell shows it, and what this browser keeps of it: the
 * progress indicator says when every entry received is checked; a reload takes the verified
 * entries from IndexedDB instead of fetching them again; logging out forgets them.
 */

const VERIFIED_WITHIN_MS = 20_000;

/** What the kept-record database holds: its logs, and chunks of entries. */
function keptCounts(page: Page): Promise<{ logs: number; chunks: number }> {
  return page.evaluate(
    () =>
      new Promise<{ logs: number; chunks: number }>((resolve, reject) => {
        const request = indexedDB.open('fusion-cell-kept-record');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const database = request.result;
          if (!database.objectStoreNames.contains('logs')) {
            database.close();
            resolve({ logs: 0, chunks: 0 });
            return;
          }
          const transaction = database.transaction(['logs', 'chunks'], 'readonly');
          const logs = transaction.objectStore('logs').count();
          const chunks = transaction.objectStore('chunks').count();
          transaction.oncomplete = () => {
            database.close();
            resolve({ logs: logs.result, chunks: chunks.result });
          };
        };
      }),
  );
}

async function verifiedEverything(page: Page): Promise<number> {
  const progress = page.locator('[data-testid="record-progress"][data-state="done"]');
  await progress.waitFor({ state: 'attached', timeout: VERIFIED_WITHIN_MS });
  const checked = Number(await progress.getAttribute('data-checked'));
  expect(Number(await progress.getAttribute('data-total'))).toBe(checked);
  expect(Number(await progress.getAttribute('data-failed'))).toBe(0);
  return checked;
}

describe.runIf(chromiumAvailable())('the record kept in the browser', () => {
  const harness = useBrowserHarness('fusion-cell-record-progress-');

  it('says when the record is verified, keeps it, fetches none of it again after a reload, notices a kept entry altered since, and forgets it on logout', async () => {
    const page = await harness.newPage();
    await harness.logIn(page, 'il.duty1');
    await harness.deviceApproved(page);
    const checked = await verifiedEverything(page);
    expect(checked).toBeGreaterThan(20);
    // Kept once verified: every compartment with entries has its log.
    await expect.poll(() => keptCounts(page).then((counts) => counts.logs), { timeout: VERIFIED_WITHIN_MS }).toBeGreaterThan(0);

    const fetched: string[] = [];
    page.on('request', (request) => {
      if (/\/api\/v1\/compartments\/[^/]+\/entries/.test(request.url())) fetched.push(request.url());
    });
    await page.reload();
    await page.getByTestId('app-shell').waitFor();
    expect(await verifiedEverything(page)).toBe(checked);
    // Nothing was added since: the kept entries are the whole record, and none is fetched.
    expect(fetched).toEqual([]);
    // The items shown are the kept ones, verified.
    await page.getByTestId('nav-general').click();
    await page.locator('[data-testid="compartment-panel"]').first().waitFor();
    await expect.poll(() => page.locator('[data-verdict="verified"]').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-verdict="failed"]').count()).toBe(0);

    // The operator alters an entry this browser kept: it is not fetched to be verified again,
    // but read again in the background, and the altered bytes fail as in any other browser.
    const db = new Database(path.join(harness.dataDir, 'fusion-cell.sqlite'));
    try {
      db.pragma('busy_timeout = 5000');
      const row = db.prepare('select leaf from log_entries where compartment_id = ? and idx = ?').get('plenary', 3) as { leaf: string };
      db.prepare('update log_entries set leaf = ? where compartment_id = ? and idx = ?').run(row.leaf.replace('"envelope":{', '"envelope":{"x":1,'), 'plenary', 3);
    } finally {
      db.close();
    }
    await page.reload();
    await page.locator('[data-testid="record-alarm-items-plenary"][data-count="1"]').waitFor({ timeout: VERIFIED_WITHIN_MS });

    await page.getByTestId('logout').click();
    await page.getByTestId('login-username').waitFor();
    expect(await keptCounts(page)).toEqual({ logs: 0, chunks: 0 });
    expect(harness.pageErrors).toEqual([]);
  });
});
