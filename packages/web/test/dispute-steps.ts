import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { BrowserHarness } from './browser-harness.ts';
import { SCREENSHOTS, VIEWPORT } from './browser-harness.ts';
import { PHONE } from './diplomatic-steps.ts';
import { VERIFIED_WITHIN_MS } from './watch-steps.ts';

/** Steps the dispute process's browser tests share, found by data-testid only. */

/** Where the screens of the board, a dispute and a caucus go, to be looked at: with every browser test's. */
export const SHOTS = SCREENSHOTS;

/** Logs in on a fresh profile and waits for its device and its record. */
export async function openAs(harness: BrowserHarness, username: string): Promise<Page> {
  const page = await harness.newPage();
  await harness.logIn(page, username);
  await harness.deviceApproved(page);
  return page;
}

/** Opens the board from the navigation. */
export async function openBoard(page: Page): Promise<void> {
  await page.getByTestId('nav-disputes').click();
  await page.getByTestId('page-disputes').waitFor();
}

/** Opens a dispute's page from its card on the board, once the record here holds it. */
export async function openDispute(page: Page, dispute: string): Promise<void> {
  if ((await page.locator(`[data-testid="page-dispute"][data-dispute="${dispute}"]`).count()) > 0) return;
  await openBoard(page);
  await page.getByTestId(`dispute-card-${dispute}`).getByTestId('dispute-card-link').click({ timeout: VERIFIED_WITHIN_MS });
  await page.locator(`[data-testid="page-dispute"][data-dispute="${dispute}"]`).waitFor();
}

/** Waits until the dispute's page says it is in this stage or outcome. */
export async function stateIs(page: Page, dispute: string, state: string): Promise<void> {
  await page.locator(`[data-testid="page-dispute"][data-dispute="${dispute}"][data-state="${state}"]`).waitFor({ timeout: VERIFIED_WITHIN_MS });
}

/** Signs the resolution's version `number` as the page's party (its head), and waits for the signature to verify. */
export async function signResolution(page: Page, party: string, number: number): Promise<void> {
  const version = page.getByTestId(`dispute-resolution-version-${number}`);
  await version.getByTestId('action-sign').click({ timeout: VERIFIED_WITHIN_MS });
  expect(await version.getByTestId('sign-what').textContent()).toContain(String(number));
  await version.getByTestId('sign-submit').click();
  await version.locator(`[data-testid="document-status"] li[data-party="${party}"][data-acts="signature"]`).waitFor({ timeout: VERIFIED_WITHIN_MS });
}

/** The text of an element, for what must and must not be on a page. */
export async function htmlOf(locator: Locator): Promise<string> {
  return locator.evaluate((element) => element.outerHTML);
}

/**
 * Screens in English and Arabic, at a desktop's width and a phone's, into `SHOTS`: the whole page,
 * or one part of it. The page is left in English at the desktop's width.
 */
export async function shots(harness: BrowserHarness, page: Page, name: string, part?: () => Locator): Promise<string[]> {
  fs.mkdirSync(SHOTS, { recursive: true });
  const taken: string[] = [];
  for (const language of ['en', 'ar'] as const) {
    await harness.setLanguage(page, language);
    expect((await harness.documentDirection(page)).dir).toBe(language === 'ar' ? 'rtl' : 'ltr');
    for (const viewport of [VIEWPORT, PHONE]) {
      await page.setViewportSize(viewport);
      const file = path.join(SHOTS, `disputes-${name}-${language}-${viewport.width}.png`);
      if (part) {
        await part().scrollIntoViewIfNeeded();
        await part().screenshot({ path: file });
      } else {
        // From the top: what sticks to the viewport (the history) is drawn where it starts.
        await page.evaluate(() => window.scrollTo(0, 0));
        await page.screenshot({ path: file, fullPage: true });
      }
      taken.push(file);
    }
  }
  await harness.setLanguage(page, 'en');
  await page.setViewportSize(VIEWPORT);
  return taken;
}

/** What a page offers horizontally beyond its width: nothing, on a phone, where nothing should need scrolling sideways. */
export async function overflowsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1);
}
