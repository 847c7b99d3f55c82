import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable, postgresAvailable } from '../../../test-support/environment.ts';
import { useBrowserHarness } from './browser-harness.ts';
import { entriesOf, openConsole, openTrack, VERIFIED_WITHIN_MS } from './watch-steps.ts';

const withPostgres = chromiumAvailable() && (await postgresAvailable());

/**
 * The de-escalation track as its users meet it in the demo cell, on each engine: the proposed
 * change to a zone signed into force by both sides and the supervisor; a consent-requested
 * notice that was only received, shown to all three as no consent given; the incident's
 * register entry verified by the supervisor, seen in the register and its chart.
 */
describe.each([
  { engine: 'sqlite', run: chromiumAvailable(), options: {} },
  { engine: 'postgres', run: withPostgres, options: { postgresInstances: 1 } },
])('the de-escalation track in Chromium on $engine', ({ engine, run, options }) => {
  describe.runIf(run)(engine, () => {
    const harness = useBrowserHarness(`fusion-cell-deesc-${engine}-`, options);
    let us: Page;
    let sy: Page;
    let il: Page;

    const entryOf = async (page: Page, type: string, where: (payload: Record<string, unknown>, references: string[]) => boolean) => {
      const found = (await entriesOf(page, 'plenary')).filter((entry) => entry.envelope.type === type && where(entry.envelope.payload, entry.envelope.references));
      if (found.length === 0) throw new Error(`the demo has no ${type} as expected`);
      return found[found.length - 1]!.id;
    };

    it('brings the proposed zone version into force when both sides and the supervisor sign it', async () => {
      us = await openConsole(harness, 'us.chief');
      sy = await openConsole(harness, 'sy.head');
      il = await openConsole(harness, 'il.head');
      // Israel's proposal of lower caps: the second version of the limited-forces zone.
      const proposal = await entryOf(us, 'zone', (payload, references) => references.length > 0 && (payload['rule'] as { kind: string }).kind === 'limited-forces');
      for (const page of [us, sy, il]) await openTrack(page, 'deescalation', 'plenary');
      const statusIn = (page: Page) => page.getByTestId(`item-${proposal}`).getByTestId('document-status');
      for (const page of [us, sy, il]) {
        await statusIn(page).waitFor({ timeout: VERIFIED_WITHIN_MS });
        expect(await statusIn(page).getAttribute('data-state')).toBe('proposed');
      }
      for (const page of [sy, il, us]) {
        const card = page.getByTestId(`item-${proposal}`);
        await card.getByTestId('action-sign').click();
        await card.getByTestId('sign-submit').click();
        await card.getByTestId('action-sign').waitFor({ state: 'detached', timeout: VERIFIED_WITHIN_MS });
      }
      for (const page of [us, sy, il]) {
        await page.locator(`[data-testid="item-${proposal}"] [data-testid="document-status"][data-state="in-force"]`).waitFor({ timeout: VERIFIED_WITHIN_MS });
      }
      expect(harness.pageErrors).toEqual([]);
    });

    it('shows a consent-requested notice that was only received as no consent given, to every party', async () => {
      const notice = await entryOf(us, 'activity.notice', (payload) => payload['semantics'] === 'consent-requested');
      for (const page of [us, sy, il]) {
        const noConsent = page.getByTestId(`item-${notice}`).getByTestId('no-consent').first();
        await noConsent.waitFor({ timeout: VERIFIED_WITHIN_MS });
        expect(await page.getByTestId(`item-${notice}`).getByTestId('consent-given').count()).toBe(0);
      }
      // The cell's findings on it: it intrudes into the buffer zone, and came late.
      const findings = us.locator(`[data-testid="answers-${notice}"] [data-testid="finding-content"], [data-testid="item-${notice}"] [data-testid="finding-content"]`);
      await findings.first().waitFor({ timeout: VERIFIED_WITHIN_MS });
      const flagged = await findings.evaluateAll((nodes) => nodes.filter((node) => node.getAttribute('data-result') === 'flagged').map((node) => node.getAttribute('data-check')));
      expect(flagged.sort()).toEqual(['area-in-zone', 'notice-lead-time']);
    });

    it('lets the supervisor verify the register entry, and the register and its chart count it', async () => {
      const incident = await entryOf(us, 'incident.report', (payload) => payload['violation'] === true);
      const card = us.getByTestId(`item-${incident}`);
      await card.getByTestId('action-verdict').click();
      await us.getByTestId('verdict-choice-verified').check();
      await us.getByTestId('verdict-findings-input').fill('Observers confirmed an armed patrol inside the area of separation.');
      await us.getByTestId('verdict-submit').click();
      await us.locator(`[data-testid="answers-${incident}"] [data-testid="verdict-content"], [data-testid="item-${incident}"] [data-testid="verdict-content"]`).first().waitFor({ timeout: VERIFIED_WITHIN_MS });

      for (const page of [us, sy]) {
        await page.getByTestId('track-view-register').click();
        await page.locator(`[data-testid="register-entry-${incident}"][data-status="verified"]`).waitFor({ timeout: VERIFIED_WITHIN_MS });
        expect(await page.locator(`[data-testid="register-entry-${incident}"] td[data-party="us"]`).getAttribute('data-status')).toBe('verified');
        expect(await page.locator(`[data-testid="register-entry-${incident}"] td[data-party="sy"]`).getAttribute('data-status')).toBe('contested');
        // The chart of the party alleged responsible counts one verified entry.
        await page.locator('[data-testid="register-chart-sy"] g[data-status="verified"][data-count="1"]').first().waitFor({ timeout: VERIFIED_WITHIN_MS });
      }
      expect(harness.pageErrors).toEqual([]);
    });
  });
});
