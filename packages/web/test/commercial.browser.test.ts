import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable, postgresAvailable } from '../../../test-support/environment.ts';
import { useBrowserHarness, VIEWPORT } from './browser-harness.ts';
import { entriesOf, openTrack, VERIFIED_WITHIN_MS } from './watch-steps.ts';

const withPostgres = chromiumAvailable() && (await postgresAvailable());
const PHONE = { width: 390, height: 844 };

/**
 * The commercial track as its users meet it, on each engine: Syria's attaché proposes an
 * opportunity in plenary through the form (told what is wrong first, in Arabic), Israel's
 * expresses interest on the board, Syria acknowledges it and moves the opportunity to discussion
 * and then agreed, and the pipeline chart counts it for both.
 */
describe.each([
  { engine: 'sqlite', run: chromiumAvailable(), options: {} },
  { engine: 'postgres', run: withPostgres, options: { postgresInstances: 1 } },
])('the commercial track in Chromium on $engine', ({ engine, run, options }) => {
  describe.runIf(run)(engine, () => {
    const harness = useBrowserHarness(`fusion-cell-commercial-${engine}-`, options);
    let sy: Page;
    let il: Page;
    let opportunity = '';
    const card = (page: Page) => page.getByTestId(`opportunity-card-${opportunity}`);
    const cardAt = (page: Page, status: string) => page.locator(`[data-testid="opportunity-card-${opportunity}"][data-status="${status}"]`).waitFor({ timeout: VERIFIED_WITHIN_MS });
    // Screens are kept once, from the embedded engine's run.
    const screenshot = async (page: Page, name: string) => {
      if (engine !== 'sqlite') return;
      await harness.screenshot(page, name);
      await page.setViewportSize(PHONE);
      await harness.screenshot(page, `${name}-phone`);
      await page.setViewportSize(VIEWPORT);
    };

    /** A commercial attaché logs in on a fresh profile (landing on the tracks: the watch is the duty officers') and opens the commercial board. */
    const openBoard = async (username: string): Promise<Page> => {
      const page = await harness.newPage();
      await harness.logIn(page, username);
      await harness.deviceApproved(page);
      await page.getByTestId('nav-commercial').click();
      await page.locator('[data-testid="track-views"][data-view="board"]').waitFor();
      return page;
    };

    it('lets Syria propose an opportunity in plenary through the form, told in Arabic what is wrong first', async () => {
      [sy, il] = await Promise.all([openBoard('sy.commercial'), openBoard('il.commercial')]);
      await harness.setLanguage(sy, 'ar');
      await sy.locator('[data-testid="board-propose-panel"] > summary').click();
      const form = sy.getByTestId('opportunity-form');
      await form.getByTestId('opportunity-sector-select').selectOption('water');
      await form.getByTestId('opportunity-title-input').fill('محطة تحلية صغيرة لمياه الشرب في درعا');
      await form.getByTestId('opportunity-description-input').fill('محطة بطاقة خمسة آلاف متر مكعب يوميًا تعمل بالطاقة الشمسية، مع شبكة توزيع للقرى المجاورة.');
      await form.getByTestId('opportunity-sought-input').fill('مورّد معدات وشريك تشغيل');
      await form.getByTestId('opportunity-value-min-input').fill('5000000');
      await form.getByTestId('opportunity-value-max-input').fill('1000000');
      await form.getByTestId('opportunity-currency-select').selectOption('EUR');
      await form.getByTestId('opportunity-compartment').selectOption('plenary');
      await form.getByTestId('opportunity-submit').click();
      const problem = form.locator('[data-testid="opportunity-status"][data-state="invalid"][data-code="valueOrder"]');
      await problem.waitFor();
      expect(await problem.textContent()).toMatch(/[\u0600-\u06ff]/);
      await screenshot(sy, 'commercial-form-ar');

      await form.getByTestId('opportunity-value-max-input').fill('8٬000٬000');
      await form.getByTestId('opportunity-submit').click();
      const entered = form.locator('[data-testid="opportunity-status"]:is([data-state="appended"], [data-state="verified"])');
      await entered.waitFor({ timeout: VERIFIED_WITHIN_MS });
      opportunity = (await entered.getAttribute('data-item-id')) ?? '';
      expect(opportunity).toMatch(/^[A-Za-z0-9_-]{43}$/);
      await cardAt(sy, 'proposed');
      expect(harness.pageErrors).toEqual([]);
    });

    it('lets Israel express interest on the board, which moves it for both', async () => {
      await card(il).waitFor({ timeout: VERIFIED_WITHIN_MS });
      expect(await card(il).getByTestId('opportunity-move-discussion').count()).toBe(0);
      await card(il).getByTestId('opportunity-interest-open').click();
      await card(il).getByTestId('board-interest-note-input').fill('Our companies can supply membranes and solar pumps, and train the operators.');
      await card(il).getByTestId('board-interest-submit').click();
      for (const page of [il, sy]) await cardAt(page, 'interest');
      await screenshot(il, 'commercial-board-en');
      expect(harness.pageErrors).toEqual([]);
    });

    it('lets Syria acknowledge the interest and move the opportunity to discussion, then agreed', async () => {
      const interest = (await entriesOf(sy, 'plenary')).find((entry) => entry.envelope.type === 'interest' && entry.envelope.references[0] === opportunity)?.id ?? '';
      await openTrack(sy, 'commercial', 'plenary');
      const answer = sy.getByTestId(`item-${interest}`);
      await answer.getByTestId('action-ack').waitFor({ timeout: VERIFIED_WITHIN_MS });
      if ((await answer.getByTestId('ack-actions').count()) === 0) await answer.getByTestId('action-ack').click();
      await answer.getByTestId('ack-understood').click();
      // The acknowledgment shown as given (its form may already have closed, its work done).
      await answer.locator('[data-testid="ack-status"] li[data-party="sy"][data-level="understood"]').waitFor({ timeout: VERIFIED_WITHIN_MS });
      await screenshot(sy, 'commercial-thread-ar');

      await sy.getByTestId('track-view-board').click();
      for (const [to, after] of [
        ['discussion', 'discussion'],
        ['agreed', 'agreed'],
      ] as const) {
        await card(sy).getByTestId(`opportunity-move-${to}`).click();
        await card(sy).getByTestId('board-move-submit').click();
        await cardAt(sy, after);
      }
      await cardAt(il, 'agreed');
      await screenshot(sy, 'commercial-board-ar');
      expect(harness.pageErrors).toEqual([]);
    });

    it('counts it in the pipeline chart of both parties, with its value in its currency', async () => {
      for (const page of [sy, il]) {
        await page.getByTestId('track-view-pipeline').click();
        await page.getByTestId('pipeline-chart').waitFor();
        const agreed = Number(await page.getByTestId('pipeline-count-agreed').getAttribute('data-count'));
        expect(agreed).toBeGreaterThanOrEqual(1);
        await page.locator('[data-testid="pipeline-value-EUR"] tr[data-status="agreed"][data-min="5000000"][data-max="8000000"]').waitFor();
      }
      // Filtered to its sector, the chart counts it alone.
      await il.getByTestId('pipeline-filter-sector').selectOption('water');
      await il.locator('[data-testid="pipeline-count-agreed"][data-count="1"]').waitFor();
      await screenshot(il, 'commercial-pipeline-en');
      await screenshot(sy, 'commercial-pipeline-ar');
      if (engine === 'sqlite') {
        // The remaining screens in English: the thread with the opportunity's moves, and the form.
        await openTrack(il, 'commercial', 'plenary');
        await il.getByTestId(`item-${opportunity}`).locator('[data-testid="opportunity-content"][data-status="agreed"]').waitFor();
        await screenshot(il, 'commercial-thread-en');
        await il.getByTestId('track-view-board').click();
        await il.locator('[data-testid="board-propose-panel"] > summary').click();
        await screenshot(il, 'commercial-form-en');
      }
      expect(harness.pageErrors).toEqual([]);
    });
  });
});
