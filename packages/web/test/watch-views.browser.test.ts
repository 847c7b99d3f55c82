import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../../../test-support/environment.ts';
import { useBrowserHarness } from './browser-harness.ts';
import { openConsole, raiseAlert } from './watch-steps.ts';

/**
 * The watch of every role, on both engines, with a member of each of three parties: the
 * sender sees its alert awaiting, then overdue, without leaving the page; the supervisor sees
 * a new plenary alert at once; FLASH and PRIORITY alerts get the deadlines of their severity.
 */
const FLASH_WITHIN_SECONDS = 6;
const SEEN_WITHIN_MS = 1000;

const ENGINES = [
  { name: 'SQLite', options: {} },
  { name: 'PostgreSQL', options: { postgresInstances: 1 } },
] as const;

describe.runIf(chromiumAvailable()).each(ENGINES)('the watch of every role in Chromium on $name', ({ options }) => {
  const harness = useBrowserHarness('fusion-cell-watch-views-', {
    ...options,
    scenario: (scenario) => {
      scenario['rules']['acknowledgments']['alert.flash'] = { level: 'received', within: `PT${FLASH_WITHIN_SECONDS}S`, urgent: true, repeatEvery: 'PT1H' };
    },
  });
  let sy: Page;
  let il: Page;
  let us: Page;

  const dueIn = async (page: Page, selector: string) => {
    const dueAt = await page.locator(selector).getByTestId('countdown').first().getAttribute('data-due-at');
    return Date.parse(dueAt ?? '') - Date.now();
  };

  it('shows the sender its alert awaiting, then overdue, and the supervisor the new alert within a second', async () => {
    sy = await openConsole(harness, 'sy.duty1');
    il = await openConsole(harness, 'il.duty1');
    us = await openConsole(harness, 'us.duty1');
    const alert = await raiseAlert(sy, { title: 'Shots heard near crossing 4', severity: 'flash' });

    await sy.locator(`[data-testid="sent-${alert.id}-il"][data-overdue="false"]`).waitFor({ timeout: SEEN_WITHIN_MS + 1000 });
    await us.locator(`[data-testid="open-${alert.id}-il"]`).waitFor({ timeout: SEEN_WITHIN_MS + 1000 });
    const supervisorSawAfter = Date.now() - alert.clickedAt;
    console.log(`supervisor's watch: the new plenary alert shown ${supervisorSawAfter} ms from the click`);
    expect(await us.getByTestId(`open-${alert.id}-il`).getAttribute('data-severity')).toBe('flash');

    // No reload: the deadline passes, the cell escalates, the sender's watch turns loud.
    await sy.locator(`[data-testid="sent-${alert.id}"][data-overdue="true"]`).waitFor({ timeout: (FLASH_WITHIN_SECONDS + 6) * 1000 });
    await sy.locator(`[data-testid="sent-${alert.id}-il"][data-escalated="true"]`).waitFor({ timeout: 6000 });
    expect(await sy.getByTestId('sent-awaiting').getAttribute('data-overdue')).not.toBe('0');
    await sy.getByTestId(`urgent-sent-${alert.id}`).waitFor();
    // The supervisor's overdue view has it now, and the open view no longer.
    await us.getByTestId(`overdue-${alert.id}-il`).waitFor({ timeout: 6000 });
    await us.getByTestId(`open-${alert.id}-il`).waitFor({ state: 'detached' });
    expect(harness.pageErrors).toEqual([]);
  });

  it('gives a FLASH and a PRIORITY alert the deadlines of their severity, and only the FLASH the banner', async () => {
    const flash = await raiseAlert(sy, { title: 'Aircraft crossing the line', severity: 'flash' });
    const priority = await raiseAlert(sy, { title: 'Convoy schedule for tomorrow', severity: 'priority' });
    await sy.getByTestId(`sent-${priority.id}-il`).waitFor();
    const flashLeft = await dueIn(sy, `[data-testid="sent-${flash.id}-il"]`);
    const priorityLeft = await dueIn(sy, `[data-testid="sent-${priority.id}-il"]`);
    expect(flashLeft).toBeLessThanOrEqual(FLASH_WITHIN_SECONDS * 1000);
    expect(priorityLeft).toBeGreaterThan(4 * 3_600_000 - 60_000);
    await il.getByTestId(`urgent-${flash.id}`).waitFor();
    await il.getByTestId(`inbox-${priority.id}`).waitFor();
    expect(await il.getByTestId(`urgent-${priority.id}`).count()).toBe(0);
    expect(harness.pageErrors).toEqual([]);
  });
});

describe.runIf(chromiumAvailable())('thirty pending alerts in Chromium', () => {
  const harness = useBrowserHarness('fusion-cell-watch-many-');
  const COUNT = 30;

  it('bound the banner to the most urgent few, and leave every page usable at 1366 and 390 px', async () => {
    const sy = await openConsole(harness, 'sy.duty1');
    for (let n = 1; n <= COUNT; n++) await raiseAlert(sy, { title: `Alert ${n} of ${COUNT}: movement reported near post ${n}`, severity: n % 3 === 0 ? 'immediate' : 'flash' });
    for (const viewport of [
      { width: 1366, height: 768 },
      { width: 390, height: 844 },
    ]) {
      const il = await harness.newPage({ viewport });
      await harness.logIn(il, 'il.duty1');
      await harness.deviceApproved(il);
      const banner = il.locator(`[data-testid="urgent-banner"][data-count="${COUNT}"]`);
      await banner.waitFor();
      expect(await banner.locator('.urgent-banner-list > li').count()).toBe(viewport.width < 640 ? 1 : 3);
      expect(await il.getByTestId('urgent-more').getAttribute('data-count')).toBe(String(COUNT - (await banner.locator('.urgent-banner-list > li').count())));
      for (const [area, pageId] of [
        ['watch', 'page-watch'],
        ['record', 'page-record'],
        ['general', 'page-track-general'],
      ] as const) {
        await il.getByTestId(`nav-${area}`).click();
        const title = il.getByTestId(pageId).getByTestId('page-title');
        await title.waitFor();
        // The page itself starts within the first screen, whatever the banner holds.
        const top = await title.evaluate((element) => element.getBoundingClientRect().top + window.scrollY);
        expect(top, `${area} at ${viewport.width} px`).toBeLessThan(viewport.height);
        const scrollsSideways = await il.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
        expect(scrollsSideways, `${area} at ${viewport.width} px scrolls sideways`).toBe(false);
      }
      await il.getByTestId('nav-watch').click();
      await harness.screenshot(il, `watch-thirty-alerts-${viewport.width}`);
      await il.getByTestId('urgent-more').click();
      await il.getByTestId('page-watch').waitFor();
      await il.context().close();
    }
    expect(harness.pageErrors).toEqual([]);
  });
});
