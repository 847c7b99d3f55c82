import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable, postgresAvailable } from '../../../test-support/environment.ts';
import { SCREENSHOTS, useBrowserHarness, type BrowserHarness } from './browser-harness.ts';
import { entriesOf, openTrack, VERIFIED_WITHIN_MS } from './watch-steps.ts';

const withPostgres = chromiumAvailable() && (await postgresAvailable());

/** What only Syria's caucus may know: the report's title, its source and a detail the extract leaves out. */
const ORIGINAL = {
  title: 'Battery redeployment near Quneitra',
  summary: 'An artillery battery moved from its position at dawn.',
  body: 'Source ORCHARD-7 reports that the battery left the ridge at 05:40 and took the southern road toward Quneitra. Two trucks of ammunition followed.',
};
const EXTRACT = 'An artillery battery moved toward Quneitra at dawn.';
const SECRETS = [ORIGINAL.title, 'ORCHARD-7', 'Two trucks of ammunition'];

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

/** The report Syria's analyst filed in its caucus: in the demo's history, so the browser starts from it. */
function withCaucusReport(scenario: Record<string, any>): void {
  scenario.demo.history.push({
    author: 'sy.analyst',
    compartment: 'caucus-sy',
    track: 'intelligence',
    type: 'intel.report',
    payload: { ...ORIGINAL, language: 'en', tlp: 'AMBER', reliability: 'B', credibility: 2, informationTime: '2026-01-06T05:40:00.000Z' },
  });
}

async function openAs(harness: BrowserHarness, username: string): Promise<Page> {
  const page = await harness.newPage();
  await harness.logIn(page, username);
  await harness.deviceApproved(page);
  return page;
}

/** One element in English and Arabic, on a desktop and a phone. */
async function screenshots(harness: BrowserHarness, page: Page, element: () => Locator, name: string): Promise<void> {
  for (const language of ['en', 'ar'] as const) {
    await harness.setLanguage(page, language);
    for (const [size, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
      await page.setViewportSize(viewport);
      await element().scrollIntoViewIfNeeded();
      await element().screenshot({ path: `${SCREENSHOTS}/${name}-${language}-${size}.png` });
    }
  }
  await harness.setLanguage(page, 'en');
  await page.setViewportSize(DESKTOP);
}

/**
 * The tear line in the browser, on each engine: Syria's analyst releases an extract of a caucus
 * report into the plenary from the side-by-side view; the original then says where it was
 * released, checked here; Israel reads the extract and learns nothing else of the original.
 */
describe.each([
  { engine: 'sqlite', run: chromiumAvailable(), options: {}, shots: true },
  { engine: 'postgres', run: withPostgres, options: { postgresInstances: 1 }, shots: false },
])('releases in Chromium on $engine', ({ engine, run, options, shots }) => {
  describe.runIf(run)(engine, () => {
    const harness = useBrowserHarness(`fusion-cell-release-${engine}-`, { ...options, scenario: withCaucusReport });
    let sy: Page;
    let il: Page;
    let original = '';
    let release = '';

    it('releases an extract of a caucus report into the plenary, side by side with the original', async () => {
      [sy, il] = await Promise.all([openAs(harness, 'sy.analyst'), openAs(harness, 'il.analyst')]);
      original = (await entriesOf(sy, 'caucus-sy')).find((entry) => entry.envelope.type === 'intel.report' && entry.envelope.payload['title'] === ORIGINAL.title)?.id ?? '';
      expect(original).toMatch(/^[A-Za-z0-9_-]{43}$/);
      await openTrack(sy, 'intelligence', 'caucus-sy');
      const card = sy.getByTestId(`item-${original}`);
      await card.getByTestId('action-release').click();
      const panel = card.getByTestId('release-panel');
      // The original, read only, beside the extract prefilled from its text.
      expect(await panel.getByTestId('release-original').innerText()).toContain('ORCHARD-7');
      expect(await panel.getByTestId('release-form-extract').inputValue()).toBe(ORIGINAL.body);
      expect(await panel.getByTestId('release-form-compartment').inputValue()).toBe('plenary');
      await panel.getByTestId('release-form-title').fill('Battery moved toward Quneitra');
      await panel.getByTestId('release-form-extract').fill(EXTRACT);
      await panel.getByTestId('release-form-tlp').selectOption('GREEN');
      await panel.locator('[data-testid="release-form-commitment"][data-ready="true"]').waitFor();
      if (shots) await screenshots(harness, sy, () => sy.getByTestId(`item-${original}`).getByTestId('release-panel'), 'release-panel');
      await panel.getByTestId('release-form-submit').click();
      // The panel closes once the release is entered; the cell's note shows under the original.
      const note = sy.locator(`[data-testid="release-note"]`).first();
      await note.waitFor({ timeout: VERIFIED_WITHIN_MS });
      release = (await note.getAttribute('data-release')) ?? '';
      expect(release).toMatch(/^[A-Za-z0-9_-]{43}$/);
      await sy.locator('[data-testid="release-note-check"][data-check="opens"]').first().waitFor({ timeout: VERIFIED_WITHIN_MS });
      // The original with what is under it: the note says where it went.
      if (shots) await screenshots(harness, sy, () => sy.locator(`li:has(> [data-testid="item-${original}"])`), 'release-note');
      // "Released as" leads to the release in the plenary, which says where it came from.
      await note.getByTestId('release-note-link').click();
      await sy.locator(`[data-testid="compartment-panel"][data-compartment="plenary"] [data-testid="item-${release}"]`).waitFor({ timeout: VERIFIED_WITHIN_MS });
      await sy.locator(`[data-testid="item-${release}"] [data-testid="release-from-check"][data-check="opens"]`).waitFor({ timeout: VERIFIED_WITHIN_MS });
      expect(harness.pageErrors).toEqual([]);
    });

    it('shows the other side the extract, and nothing else of the original', async () => {
      await openTrack(il, 'intelligence', 'plenary');
      const card = il.getByTestId(`item-${release}`);
      await card.getByTestId('release-content').waitFor({ timeout: VERIFIED_WITHIN_MS });
      expect(await card.getByTestId('release-extract').innerText()).toBe(EXTRACT);
      expect(await card.getByTestId('release-tlp').getAttribute('data-tlp')).toBe('GREEN');
      expect(await card.getByTestId('release-from').count()).toBe(0);
      // It owes the plenary its acknowledgment, as for anything shared with it.
      expect(await card.getByTestId('action-ack').count()).toBe(1);
      if (shots) await screenshots(harness, il, () => il.getByTestId(`item-${release}`), 'release-read');
      // Not on the page, not in what the server tells it.
      const page = await il.content();
      for (const secret of [...SECRETS, original]) expect(page.includes(secret), secret).toBe(false);
      const answers = await il.evaluate(
        async ({ original, release }) => {
          const text = async (path: string) => `${(await fetch(path)).status} ${await (await fetch(path)).text()}`;
          return {
            original: await text(`/api/v1/items/${original}`),
            nothing: await text(`/api/v1/items/${'A'.repeat(43)}`),
            tie: await text(`/api/v1/items/${release}/releases`),
            exported: await text('/api/v1/export'),
          };
        },
        { original, release },
      );
      expect(answers.original).toBe(answers.nothing);
      expect(answers.tie).toBe('200 {"releases":[]}');
      for (const secret of [...SECRETS, original]) expect(answers.exported.includes(secret), secret).toBe(false);
      expect(harness.pageErrors).toEqual([]);
    });
  });
});
