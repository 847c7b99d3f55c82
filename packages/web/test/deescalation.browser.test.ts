import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable, postgresAvailable } from '../../../test-support/environment.ts';
import { useBrowserHarness } from './browser-harness.ts';
import { entriesOf, openConsole, openTrack, receivedAtOf, VERIFIED_WITHIN_MS } from './watch-steps.ts';

/**
 * A finding is the cell's answer to a notice, committed with it: every reader sees it as soon as
 * they see the notice, live. The one-second target is measured and printed here; the test fails
 * only past what a loaded 2-core machine can explain (delivery speed is `npm run bench`'s: stream
 * latency), so a slow run is reported, not mistaken for a fault.
 */
const FINDING_TARGET_MS = 1000;
const FINDING_LIVE_WITHIN_MS = 3000;

const withPostgres = chromiumAvailable() && (await postgresAvailable());

/**
 * The de-escalation track as its users meet it in the demo cell, on each engine: the proposed
 * change to a zone signed into force by both sides and the supervisor; a notice filed through
 * the form that goes over the new caps, whose finding all three see live (the time printed against a one-second target) and the
 * other side contests; a consent-requested
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

    it('flags a notice filed over the caps of the zone just in force, to all three live (the target: within a second), and the other side contests it', async () => {
      const zone = (await entriesOf(sy, 'plenary')).filter((entry) => entry.envelope.type === 'zone' && entry.envelope.references.length > 0).at(-1);
      if (!zone) throw new Error('the demo has no revised zone');
      // Each console notes when a flagged zone finding it did not show before appears, and under which items.
      for (const page of [us, sy, il]) {
        await page.evaluate(() => {
          const selector = '[data-testid="finding-content"][data-check="area-in-zone"][data-result="flagged"]';
          for (const old of document.querySelectorAll(selector)) old.setAttribute('data-seen-before', '');
          const seen: { at: number; under: string[] }[] = [];
          (window as unknown as { findingsSeen: typeof seen }).findingsSeen = seen;
          new MutationObserver(() => {
            for (const element of document.querySelectorAll(`${selector}:not([data-seen-before])`)) {
              element.setAttribute('data-seen-before', '');
              const under: string[] = [];
              for (let node = element.parentElement; node; node = node.parentElement) {
                const id = node.getAttribute('data-item-id') ?? node.getAttribute('data-testid')?.replace(/^answers-/, '');
                if (id) under.push(id);
              }
              seen.push({ at: Date.now(), under });
            }
          }).observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-result'] });
        });
      }

      // Syria's head files it through the form: the revised zone's area, more personnel than its caps allow.
      await sy.locator('[data-testid="track-notice-panel"] > summary').click();
      await sy.getByTestId('notice-semantics-choice-consent-requested').check();
      await sy.getByTestId('notice-kind-select').selectOption('movement');
      await sy.getByTestId('notice-description-input').fill('Rotation of two battalions through the limited-forces area.');
      const local = (offsetHours: number) =>
        sy.evaluate((hours) => {
          const at = new Date(Date.now() + hours * 3_600_000);
          const two = (value: number) => String(value).padStart(2, '0');
          return `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())}T${two(at.getHours())}:${two(at.getMinutes())}`;
        }, offsetHours);
      await sy.getByTestId('notice-from').fill(await local(72));
      await sy.getByTestId('notice-to').fill(await local(96));
      await sy.getByTestId('notice-counts-personnel').fill('1200');
      await sy.getByTestId('notice-area-geojson').fill(JSON.stringify(zone.envelope.payload['area']));
      await sy.locator('[data-testid="notice-area"][data-state="valid"]').waitFor();
      await sy.getByTestId('notice-submit').click();
      const status = sy.locator('[data-testid="notice-status"]:is([data-state="appended"], [data-state="verified"])');
      await status.waitFor({ timeout: VERIFIED_WITHIN_MS });
      const notice = (await status.getAttribute('data-item-id')) ?? '';
      expect(notice).toMatch(/^[A-Za-z0-9_-]{43}$/);

      // Israel owes its answer to the notice: the inbox says when the cell received it.
      const receivedAt = await receivedAtOf(il, notice);
      for (const [party, page] of [['us', us], ['sy', sy], ['il', il]] as const) {
        await page.locator(`[data-testid="item-${notice}"] [data-testid="finding-content"][data-check="area-in-zone"][data-result="flagged"], [data-testid="answers-${notice}"] [data-testid="finding-content"][data-check="area-in-zone"][data-result="flagged"]`).first().waitFor({ timeout: VERIFIED_WITHIN_MS });
        const seen = await page.evaluate(() => (window as unknown as { findingsSeen: { at: number; under: string[] }[] }).findingsSeen);
        const shownAt = seen.find((entry) => entry.under.includes(notice))?.at;
        expect(shownAt, `${party} saw the finding`).toBeDefined();
        const took = shownAt! - receivedAt;
        console.log(`notice → its finding visible to ${party}: ${took} ms after the cell received the notice (target ${FINDING_TARGET_MS} ms${took > FINDING_TARGET_MS ? ', missed' : ''})`);
        expect(took).toBeLessThan(FINDING_LIVE_WITHIN_MS);
      }
      // The finding names the zone and the cap exceeded.
      const finding = sy.locator(`[data-testid="answers-${notice}"] [data-testid="finding-content"][data-check="area-in-zone"], [data-testid="item-${notice}"] [data-testid="finding-content"][data-check="area-in-zone"]`).first();
      expect(await finding.getByTestId('finding-exceeded').count()).toBe(1);

      // Israel contests the notice, with its reason; Syria and the supervisor read it as refused.
      const card = il.getByTestId(`item-${notice}`);
      await card.getByTestId('action-ack').click();
      const actions = card.getByTestId('ack-actions');
      await actions.getByTestId('ack-contested').click();
      await actions.getByTestId('ack-reason').fill('Two battalions are far above the 450 personnel the area allows.');
      await actions.getByTestId('ack-contest-confirm').click();
      // The contest shown as given (its form may already have closed, its work done).
      await card.locator('[data-testid="ack-status"] li[data-party="il"][data-level="contested"]').waitFor({ timeout: VERIFIED_WITHIN_MS });
      for (const page of [sy, us]) {
        await page.getByTestId(`item-${notice}`).locator('[data-testid="ack-status"] li[data-party="il"][data-level="contested"]').waitFor({ timeout: VERIFIED_WITHIN_MS });
        expect(await page.getByTestId(`item-${notice}`).getByTestId('consent-given').count()).toBe(0);
      }
      await harness.screenshot(sy, `deescalation-notice-flagged-${engine}`);
      expect(harness.pageErrors).toEqual([]);
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
