import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable, postgresAvailable } from '../../../test-support/environment.ts';
import { useBrowserHarness, type BrowserHarness } from './browser-harness.ts';
import { openConsole, VERIFIED_WITHIN_MS } from './watch-steps.ts';

const withPostgres = chromiumAvailable() && (await postgresAvailable());
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

/** An analyst's first page is not the watch: logged in, its device approved. */
async function openAnalyst(harness: BrowserHarness, username: string): Promise<Page> {
  const page = await harness.newPage();
  await harness.logIn(page, username);
  await harness.deviceApproved(page);
  return page;
}

/** Opens the intelligence track on one of its views, in one compartment. */
async function openIntelligence(page: Page, view: 'reports' | 'thread', compartment = 'plenary'): Promise<void> {
  await page.getByTestId('nav-intelligence').click();
  await page.getByTestId('page-track-intelligence').waitFor();
  await page.getByTestId(`track-view-${view}`).click();
  if (view === 'thread') {
    await page.getByTestId(`compartment-tab-${compartment}`).click();
    await page.locator(`[data-testid="compartment-panel"][data-compartment="${compartment}"]`).waitFor();
  }
}

/**
 * The intelligence track as its users meet it, on each engine: Syria's analyst files an AMBER
 * report in plenary through the form (the form refusing a report without a marking, and
 * AMBER+STRICT in the plenary, in the member's words); Israel's analyst finds it in the reports
 * list, marking and grades first, acknowledges it as understood and disagrees by opinion; the
 * supervisor sees both.
 */
describe.each([
  { engine: 'sqlite', run: chromiumAvailable(), options: {} },
  { engine: 'postgres', run: withPostgres, options: { postgresInstances: 1 } },
])('the intelligence track in Chromium on $engine', ({ engine, run, options }) => {
  describe.runIf(run)(engine, () => {
    const harness = useBrowserHarness(`fusion-cell-intel-${engine}-`, options);
    let sy: Page;
    let il: Page;
    let us: Page;
    let report = '';

    it('lets an analyst file an AMBER report in plenary, refusing a missing marking and AMBER+STRICT there', async () => {
      sy = await openAnalyst(harness, 'sy.analyst');
      await openIntelligence(sy, 'thread');
      await sy.locator('[data-testid="track-intel-report-panel"] > summary').click();
      const form = sy.getByTestId('intel-report-form');
      await form.getByTestId('intel-report-submit').click();
      await form.getByTestId('intel-report-tlp-missing').waitFor();

      await form.getByTestId('intel-report-tlp-AMBER+STRICT').check();
      await form.getByTestId('intel-report-tlp-refused').waitFor();
      await form.getByTestId('intel-report-submit').click();
      expect(await form.locator('[data-testid="intel-report-status"][data-state="invalid"]').count()).toBe(1);
      if (engine === 'sqlite') await harness.screenshot(sy, 'intel-report-form-refused-en');

      await form.getByTestId('intel-report-tlp-AMBER').check();
      expect(await form.getByTestId('intel-report-tlp-refused').count()).toBe(0);
      await form.getByTestId('intel-report-reliability').selectOption('B');
      await form.getByTestId('intel-report-credibility').selectOption('2');
      await form.getByTestId('intel-report-title').fill('Armour moving south of Quneitra');
      await form.getByTestId('intel-report-summary').fill('A company of tanks seen on the road south at dawn.');
      await form.getByTestId('intel-report-body').fill('At 05:40 ten tanks and four trucks moved south on the Quneitra road, towards the limited-forces area.');
      const hourAgo = await sy.evaluate(() => {
        const at = new Date(Date.now() - 3_600_000);
        const two = (value: number) => String(value).padStart(2, '0');
        return `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())}T${two(at.getHours())}:${two(at.getMinutes())}`;
      });
      await form.getByTestId('intel-report-information-time').fill(hourAgo);
      await form.getByTestId('intel-report-caveats').fill('Not for onward transmission');
      await form.getByTestId('intel-report-location-geojson').fill(JSON.stringify({ type: 'Point', coordinates: [35.82, 33.1] }));
      await form.getByTestId('intel-report-submit').click();
      const status = sy.locator('[data-testid="intel-report-status"]:is([data-state="appended"], [data-state="verified"])');
      await status.waitFor({ timeout: VERIFIED_WITHIN_MS });
      report = (await status.getAttribute('data-item-id')) ?? '';
      expect(report).toMatch(/^[A-Za-z0-9_-]{43}$/);
      // Its card reads marking and grades before anything it says.
      const card = sy.getByTestId(`item-${report}`);
      await card.getByTestId('intel-report-content').waitFor({ timeout: VERIFIED_WITHIN_MS });
      const order = await card.getByTestId('intel-report-content').evaluate((content) => [...content.querySelectorAll('[data-testid="tlp-label"], [data-testid="intel-grades"], [data-testid="intel-title"]')].map((node) => node.getAttribute('data-testid')));
      expect(order).toEqual(['tlp-label', 'intel-grades', 'intel-title']);
      expect(harness.pageErrors).toEqual([]);
    });

    it('lets the other side find it in the reports list, acknowledge it as understood and disagree by opinion', async () => {
      il = await openAnalyst(harness, 'il.analyst');
      await openIntelligence(il, 'reports');
      const row = il.getByTestId(`intel-report-row-${report}`);
      await row.waitFor({ timeout: VERIFIED_WITHIN_MS });
      expect(await row.getAttribute('data-tlp')).toBe('AMBER');
      expect(await row.getByTestId('intel-grade').getAttribute('data-grade')).toBe('B2');
      // Filtered to RED, it is not there; back to all, it is.
      await il.getByTestId('intel-filter-tlp').selectOption('RED');
      await row.waitFor({ state: 'detached' });
      await il.getByTestId('intel-filter-clear').click();
      await row.getByTestId('intel-report-open').click();

      const card = il.getByTestId('intel-report-panel').getByTestId(`item-${report}`);
      await card.waitFor();
      if (!(await card.getByTestId('ack-actions').isVisible())) await card.getByTestId('action-ack').click();
      await card.getByTestId('ack-understood').click();
      const answers = il.locator(`[data-testid="intel-report-panel"] [data-testid="answers-${report}"]`);
      await answers.locator('[data-testid="ack-content"][data-level="understood"]').waitFor({ timeout: VERIFIED_WITHIN_MS });

      await card.getByTestId('action-opinion').click();
      const opinion = card.getByTestId('intel-opinion-form');
      await opinion.getByTestId('intel-opinion-submit').click();
      await opinion.getByTestId('intel-opinion-explanation-missing').waitFor();
      await opinion.getByTestId('intel-opinion-choice-disagree').check();
      await opinion.getByTestId('intel-opinion-explanation-input').fill('The Quneitra road was closed by our patrol that morning; no armour passed.');
      await opinion.getByTestId('intel-opinion-submit').click();
      await row.locator('[data-party="il"][data-opinion="disagree"]').waitFor({ timeout: VERIFIED_WITHIN_MS });
      expect(harness.pageErrors).toEqual([]);
    });

    it('shows the supervisor both the acknowledgment and the opinion', async () => {
      us = await openConsole(harness, 'us.chief');
      await openIntelligence(us, 'reports');
      const row = us.getByTestId(`intel-report-row-${report}`);
      await row.locator('[data-party="il"][data-opinion="disagree"]').waitFor({ timeout: VERIFIED_WITHIN_MS });
      await row.getByTestId('intel-report-open').click();
      const card = us.getByTestId('intel-report-panel').getByTestId(`item-${report}`);
      await card.getByTestId('ack-status').waitFor({ timeout: VERIFIED_WITHIN_MS });
      await us.locator(`[data-testid="intel-report-panel"] [data-testid="answers-${report}"] [data-testid="intel-opinion-content"][data-opinion="disagree"]`).waitFor({ timeout: VERIFIED_WITHIN_MS });
      const ackedByIsrael = await card.getByTestId('ack-status').evaluate((status) => status.textContent ?? '');
      expect(ackedByIsrael.length).toBeGreaterThan(0);
      expect(await us.locator(`[data-testid="intel-report-panel"] [data-testid="answers-${report}"] [data-testid="ack-content"]`).count()).toBeGreaterThan(0);
      expect(harness.pageErrors).toEqual([]);
    });

    it('lets one side ask the other for information, with a reply due, and close it as answered once replied', async () => {
      const panel = sy.locator('[data-testid="compartment-panel"][data-compartment="plenary"]');
      await sy.locator('[data-testid="track-intel-rfi-panel"] > summary').click();
      const form = sy.getByTestId('intel-rfi-form');
      await form.getByTestId('intel-rfi-submit').click();
      await form.getByTestId('intel-rfi-question-missing').waitFor();
      // A reply due in the past is refused before anything is signed.
      const localTime = (offsetMs: number) =>
        sy.evaluate((offset) => {
          const at = new Date(Date.now() + offset);
          const two = (value: number) => String(value).padStart(2, '0');
          return `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())}T${two(at.getHours())}:${two(at.getMinutes())}`;
        }, offsetMs);
      await form.getByTestId('intel-rfi-question-input').fill('Which unit holds the checkpoint at Khan Arnabah since Tuesday?');
      await form.getByTestId('intel-rfi-reply-due-input').fill(await localTime(-3_600_000));
      await form.getByTestId('intel-rfi-submit').click();
      expect(await form.locator('[data-testid="intel-rfi-status"][data-state="invalid"]').count()).toBe(1);
      await form.getByTestId('intel-rfi-priority').selectOption('priority');
      await form.getByTestId('intel-rfi-reply-due-input').fill(await localTime(6 * 3_600_000));
      await form.getByTestId('intel-rfi-submit').click();
      const status = sy.locator('[data-testid="intel-rfi-status"]:is([data-state="appended"], [data-state="verified"])');
      await status.waitFor({ timeout: VERIFIED_WITHIN_MS });
      const rfi = (await status.getAttribute('data-item-id')) ?? '';
      expect(rfi).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const asked = panel.getByTestId(`item-${rfi}`);
      await asked.locator('[data-testid="intel-rfi-content"][data-priority="priority"]').waitFor({ timeout: VERIFIED_WITHIN_MS });
      await asked.getByTestId('intel-rfi-reply-due').waitFor();

      // The other side owes the reply, and gives it.
      await openIntelligence(il, 'thread');
      const owed = il.locator('[data-testid="compartment-panel"][data-compartment="plenary"]').getByTestId(`item-${rfi}`);
      await owed.waitFor({ timeout: VERIFIED_WITHIN_MS });
      if (!(await owed.getByTestId('reply-form').isVisible())) await owed.getByTestId('action-reply').click();
      const reply = owed.getByTestId('reply-form');
      await reply.getByTestId('reply-form-text').fill('The 90th Brigade\'s reconnaissance company, since Tuesday 06:00.');
      await reply.getByTestId('reply-form-submit').click();
      await il.locator(`[data-testid="answers-${rfi}"] [data-testid="reply-answer"]`).waitFor({ timeout: VERIFIED_WITHIN_MS });
      expect(await owed.getByTestId('action-reply').count()).toBe(0);
      expect(await owed.getByTestId('action-closeRfi').count()).toBe(0);

      // The asker reads the reply and closes the request as answered; both sides see it closed.
      await sy.locator(`[data-testid="answers-${rfi}"] [data-testid="reply-answer"]`).waitFor({ timeout: VERIFIED_WITHIN_MS });
      await asked.getByTestId('action-closeRfi').click();
      const close = asked.getByTestId('intel-rfi-close-form');
      await close.getByTestId('intel-rfi-close-outcome-answered').check();
      await close.getByTestId('intel-rfi-close-note-input').fill('Thank you; this matches our observation.');
      await close.getByTestId('intel-rfi-close-submit').click();
      for (const page of [sy, il]) {
        await page.locator(`[data-testid="answers-${rfi}"] [data-testid="intel-rfi-close-content"][data-outcome="answered"]`).waitFor({ timeout: VERIFIED_WITHIN_MS });
      }
      await asked.getByTestId('action-closeRfi').waitFor({ state: 'detached' });
      if (engine === 'sqlite') await harness.screenshot(sy, 'intel-rfi-closed-en');
      expect(harness.pageErrors).toEqual([]);
    });

    it.runIf(engine === 'sqlite')('reads in English and Arabic, on a desktop and a phone', async () => {
      for (const language of ['en', 'ar'] as const) {
        await harness.setLanguage(us, language);
        for (const [size, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
          await us.setViewportSize(viewport);
          await us.getByTestId('intel-report-panel').waitFor();
          await harness.screenshot(us, `intel-reports-${language}-${size}`);
        }
        await us.setViewportSize(DESKTOP);
      }
      await harness.setLanguage(sy, 'ar');
      await sy.setViewportSize(PHONE);
      await harness.screenshot(sy, 'intel-report-form-ar-phone');
      await harness.setLanguage(us, 'en');
      // A report's location is on the de-escalation map, in a layer of its own.
      await us.getByTestId('nav-deescalation').click();
      await us.getByTestId('track-view-map').click();
      await us.locator('[data-testid="map-list"] li').first().waitFor({ timeout: VERIFIED_WITHIN_MS });
      expect(Number(await us.getByTestId('map-count-reports').textContent())).toBeGreaterThan(0);
      await harness.screenshot(us, 'intel-map-en-desktop');
      expect(harness.pageErrors).toEqual([]);
    });
  });
});
