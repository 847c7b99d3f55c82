import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable, postgresAvailable } from '../../../test-support/environment.ts';
import { useBrowserHarness, type BrowserHarness } from './browser-harness.ts';
import { VERIFIED_WITHIN_MS } from './watch-steps.ts';

const withPostgres = chromiumAvailable() && (await postgresAvailable());
const VECTORS = new URL('../../protocol/test/stix-vectors/', import.meta.url);
const COMPARTMENT = 'caucus-sy';
const VIEW = `/tracks/intelligence?view=stix&compartment=${COMPARTMENT}`;

type Bundle = { objects: Array<Record<string, unknown>> };

/** What a report must keep through export and import: all but its ids and times. */
const reportsOf = (bundle: Bundle) =>
  bundle.objects
    .filter((object) => object['type'] === 'report')
    .map((object) => {
      const { id: _id, created: _c, modified: _m, published: _p, created_by_ref: _by, object_refs: _refs, x_fusion_cell_item: _item, ...kept } = object;
      return JSON.stringify(kept);
    })
    .sort();

/** Downloads the compartment's bundle from the panel, as a member would, and returns its file. */
async function exportFrom(page: Page, file: string): Promise<{ path: string; bundle: Bundle }> {
  await page.getByTestId('stix-export-compartment').selectOption(COMPARTMENT);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('stix-export-download').click()]);
  await download.saveAs(file);
  return { path: file, bundle: JSON.parse(fs.readFileSync(file, 'utf8')) as Bundle };
}

/** Chooses a bundle in the panel, waits for its summary, imports it and waits until every report is entered. */
async function importInto(page: Page, file: string, reports: number): Promise<void> {
  await page.getByTestId('stix-import-compartment').selectOption(COMPARTMENT);
  await page.getByTestId('stix-import-file').setInputFiles(file);
  await page.locator(`[data-testid="stix-summary"][data-reports="${reports}"]`).waitFor({ timeout: VERIFIED_WITHIN_MS });
  await page.getByTestId('stix-import-submit').click();
  await page.locator(`[data-testid="stix-imported"][data-count="${reports}"]`).waitFor({ timeout: VERIFIED_WITHIN_MS });
}

/** Whether the import's progress bar was ever shown on the page, counted from now. */
async function watchProgress(page: Page): Promise<() => Promise<boolean>> {
  await page.evaluate(() => {
    const flag = window as unknown as { stixProgressSeen?: boolean };
    flag.stixProgressSeen = false;
    new MutationObserver(() => {
      if (document.querySelector('[data-testid="stix-progress"] progress')) flag.stixProgressSeen = true;
    }).observe(document.body, { childList: true, subtree: true, attributes: true });
  });
  return () => page.evaluate(() => (window as unknown as { stixProgressSeen?: boolean }).stixProgressSeen === true);
}

async function screenshots(harness: BrowserHarness, file: string): Promise<void> {
  for (const [language, width] of [
    ['en', 1280],
    ['ar', 1280],
    ['en', 390],
    ['ar', 390],
  ] as const) {
    const page = await harness.newPage({ viewport: { width, height: width > 600 ? 900 : 844 } });
    await harness.logIn(page, 'sy.analyst');
    await harness.deviceApproved(page);
    await harness.setLanguage(page, language);
    await page.goto(`${harness.url}${VIEW}`);
    await page.getByTestId('stix-import-file').setInputFiles(file);
    await page.getByTestId('stix-summary').waitFor({ timeout: VERIFIED_WITHIN_MS });
    await harness.screenshot(page, `stix-${language}-${width}`);
    await page.close();
  }
}

/**
 * STIX 2.1 in and out through the Intelligence track's panel, on each engine: an analyst imports
 * a bundle from elsewhere (its reports entered with a progress bar, what it keeps and skips
 * counted by type), a malformed one is refused with the object and property at fault, and a
 * compartment's export re-imports to the same reports.
 */
describe.each([
  { engine: 'sqlite', run: chromiumAvailable(), options: {} },
  { engine: 'postgres', run: withPostgres, options: { postgresInstances: 1 } },
])('STIX export and import in Chromium on $engine', ({ engine, run, options }) => {
  describe.runIf(run)(engine, () => {
    const harness = useBrowserHarness(`fusion-cell-stix-${engine}-`, options);
    let sy: Page;

    it('imports a bundle from elsewhere with a progress bar, saying what it keeps and skips', async () => {
      sy = await harness.newPage();
      await harness.logIn(sy, 'sy.analyst');
      await harness.deviceApproved(sy);
      await sy.goto(`${harness.url}${VIEW}`);
      await sy.getByTestId('stix-view').waitFor();
      const sawProgress = await watchProgress(sy);
      await importInto(sy, new URL('spec-examples.json', VECTORS).pathname, 1);
      expect(await sy.locator('[data-testid="stix-kept"] tr[data-type="indicator"] td').nth(1).textContent()).toBe('1');
      expect(await sy.locator('[data-testid="stix-skipped"] tr[data-type="ipv4-addr"]').getAttribute('data-reason')).toBe('unreferenced');
      expect(await sawProgress()).toBe(true);
      if (engine === 'sqlite') await harness.screenshot(sy, 'stix-imported-en-1280');
      expect(harness.pageErrors).toEqual([]);
    });

    it('refuses a malformed bundle with the object and property, and offers nothing to sign', async () => {
      const bundle = JSON.parse(fs.readFileSync(new URL('spec-examples.json', VECTORS), 'utf8')) as Bundle;
      const report = bundle.objects.find((object) => object['type'] === 'report') as Record<string, unknown>;
      report['created'] = '2015-12-21 19:59';
      const file = `${harness.dataDir}/malformed.json`;
      fs.writeFileSync(file, JSON.stringify(bundle));
      await sy.getByTestId('stix-import-file').setInputFiles(file);
      await sy.getByTestId('stix-refusal').waitFor();
      expect(await sy.getByTestId('stix-refusal-object').textContent()).toBe(report['id']);
      expect(await sy.getByTestId('stix-refusal-property').textContent()).toBe('created');
      expect(await sy.getByTestId('stix-import-submit').count()).toBe(0);
      if (engine === 'sqlite') await harness.screenshot(sy, 'stix-refused-en-1280');
    });

    it('re-imports a compartment’s export to the same reports', async () => {
      const first = await exportFrom(sy, `${harness.dataDir}/first.json`);
      const reports = reportsOf(first.bundle);
      expect(reports.length).toBeGreaterThan(0);
      await importInto(sy, first.path, reports.length);
      const second = await exportFrom(sy, `${harness.dataDir}/second.json`);
      expect(reportsOf(second.bundle)).toEqual([...reports, ...reports].sort());
      expect(harness.pageErrors).toEqual([]);
      if (engine === 'sqlite') await screenshots(harness, first.path);
    });
  });
});
