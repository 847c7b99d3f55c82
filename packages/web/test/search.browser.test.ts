import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable, postgresAvailable } from '../../../test-support/environment.ts';
import { useBrowserHarness } from './browser-harness.ts';
import { openConsole, openTrack } from './watch-steps.ts';

const withPostgres = chromiumAvailable() && (await postgresAvailable());
const PHONE = { width: 390, height: 844 };

/**
 * The search page as Syria's duty officer meets it in the demo cell, on each engine: the
 * Hebrew roster message found without its article and opened in its thread, Israel's caucus
 * never found, the filters (a report by its marking and grade), markup typed into a message
 * shown as text, and the page in Arabic, right to left, on a desktop and a phone.
 */
describe.each([
  { engine: 'sqlite', run: chromiumAvailable(), options: {} },
  { engine: 'postgres', run: withPostgres, options: { postgresInstances: 1 } },
])('search in Chromium on $engine', ({ engine, run, options }) => {
  describe.runIf(run)(engine, () => {
    const harness = useBrowserHarness(`fusion-cell-search-${engine}-`, options);
    let sy: Page;

    /** Waits until the results shown answer a query holding `part` (as the API query writes it) and nothing is loading. */
    const settled = (page: Page, part: string) => page.locator(`[data-testid="search-results"][data-settled="true"][data-query*="${part}"]`).waitFor();
    const searchFor = async (page: Page, words: string) => {
      await page.getByTestId('search-input').fill(words);
      await page.getByTestId('search-submit').click();
      await settled(page, new URLSearchParams({ q: words }).toString());
    };
    const hits = (page: Page) => page.locator('[data-testid="search-hits"] > li');

    it('finds a word in another form, marks it, and opens the item in its thread', async () => {
      sy = await openConsole(harness, 'sy.duty1');
      await sy.getByTestId('nav-search').click();
      await sy.getByTestId('search-tips').waitFor();
      // Israel's message reads "לוח המשמרות" (the shift roster): found without the article.
      await searchFor(sy, 'משמרות');
      expect(new URL(sy.url()).searchParams.get('q')).toBe('משמרות');
      expect(await hits(sy).count()).toBe(1);
      const hit = hits(sy).first();
      expect(await hit.locator('mark').allTextContents()).toEqual(['המשמרות']);
      expect(await hit.getByTestId('search-hit-excerpt').getAttribute('dir')).toBe('rtl');
      await harness.screenshot(sy, `search-${engine}-en-desktop`);

      const item = (await hit.getAttribute('data-item')) ?? '';
      await hit.getByTestId('search-hit-link').click();
      await sy.getByTestId('page-track-general').waitFor();
      expect(new URL(sy.url()).hash).toBe(`#item-${item}`);
      await sy.locator(`[data-item-id="${item}"]`).waitFor();
      await sy.goBack();
      await sy.getByTestId('page-search').waitFor();
      expect(await sy.getByTestId('search-input').inputValue()).toBe('משמרות');
    });

    it('never finds what Israel said in its caucus, and filters by type', async () => {
      // "We will share a summary of observations of the northern area through the mediator", in Israel's caucus.
      await searchFor(sy, 'תצפיות');
      expect(await hits(sy).count()).toBe(0);
      expect(await sy.getByTestId('search-count').textContent()).not.toBe('');

      await sy.getByTestId('search-input').fill('');
      await sy.getByTestId('search-submit').click();
      await sy.getByTestId('search-tips').waitFor();
      await sy.getByTestId('search-filter-type').selectOption('zone');
      await settled(sy, 'type=zone');
      expect(new URL(sy.url()).searchParams.get('type')).toBe('zone');
      const types = await hits(sy).evaluateAll((items) => items.map((item) => item.getAttribute('data-type')));
      expect(types.length).toBeGreaterThan(0);
      expect(new Set(types)).toEqual(new Set(['zone']));
      await sy.getByTestId('search-filter-clear').click();
      await sy.getByTestId('search-tips').waitFor();
    });

    it('finds a report by its marking and grades, and Israel’s request in Hebrew by the same place', async () => {
      // Syria's report on Beit Jinn, TLP:AMBER, graded B3; Israel's request names the village in Hebrew (בית ג'ן).
      await searchFor(sy, 'Beit Jinn');
      await sy.getByTestId('search-filter-tlp').selectOption('AMBER');
      await sy.getByTestId('search-filter-reliability').selectOption('B');
      await settled(sy, 'tlp=AMBER&reliability=A%2CB');
      expect(new URL(sy.url()).searchParams.get('reliability')).toBe('A,B');
      expect(await hits(sy).count()).toBe(1);
      const report = hits(sy).first();
      expect(await report.getAttribute('data-type')).toBe('intel.report');
      expect(await report.getByTestId('search-hit-tlp').getAttribute('data-tlp')).toBe('AMBER');
      expect(await report.locator('.search-hit-title mark').allTextContents()).toEqual(['Beit', 'Jinn']);
      await harness.screenshot(sy, `search-${engine}-en-report`);
      await sy.getByTestId('search-filter-clear').click();
      await searchFor(sy, "ג'ן");
      expect(await hits(sy).evaluateAll((items) => items.map((item) => item.getAttribute('data-type')))).toContain('intel.rfi');
    });

    it('shows markup typed into a message as text', async () => {
      await openTrack(sy, 'general', 'plenary');
      await sy.getByTestId('compose-text').fill('<img src=x onerror="document.title=\'pwned\'"> <b>barricade</b> at the bridge');
      await sy.getByTestId('compose-send').click();
      await sy.locator('[data-testid="compose-status"]:is([data-state="appended"], [data-state="verified"])').waitFor();
      await sy.getByTestId('nav-search').click();
      await searchFor(sy, 'barricade');
      const excerpt = hits(sy).first().getByTestId('search-hit-excerpt');
      expect(await excerpt.textContent()).toContain('<img src=x onerror="document.title=\'pwned\'"> <b>barricade</b>');
      expect(await excerpt.locator('img, b').count()).toBe(0);
      expect(await sy.title()).not.toBe('pwned');
      expect(harness.pageErrors).toEqual([]);
    });

    it('reads right to left in Arabic, on a desktop and a phone', async () => {
      await harness.setLanguage(sy, 'ar');
      // Syria's own message reads "جدول المناوبة" (the duty roster): found without the article.
      await searchFor(sy, 'مناوبة');
      expect(await harness.documentDirection(sy)).toEqual({ dir: 'rtl', lang: 'ar' });
      expect(await hits(sy).first().locator('mark').allTextContents()).toEqual(['المناوبة']);
      expect(await harness.navigationSide(sy)).toBe('right');
      await harness.screenshot(sy, `search-${engine}-ar-desktop`);

      const phone = await harness.newPage({ viewport: PHONE, path: `/search?q=${encodeURIComponent('المناوبة')}` });
      await harness.logIn(phone, 'sy.duty2');
      await settled(phone, new URLSearchParams({ q: 'المناوبة' }).toString());
      expect(await hits(phone).count()).toBe(1);
      const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await harness.screenshot(phone, `search-${engine}-en-phone`);
      await harness.setLanguage(phone, 'ar');
      await harness.screenshot(phone, `search-${engine}-ar-phone`);
      expect(await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
      expect(harness.pageErrors).toEqual([]);
    });
  });
});
