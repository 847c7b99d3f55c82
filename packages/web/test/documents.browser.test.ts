import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../../../test-support/environment.ts';
import { useBrowserHarness } from './browser-harness.ts';
import { entriesOf, openConsole, openTrack, VERIFIED_WITHIN_MS } from './watch-steps.ts';

/**
 * The shared primitives as a user meets them in the demo cell: a glossary term that comes
 * into force when the last head of delegation signs it, seen live in another party's browser,
 * and the cell's finding on an explanation request about the buffer zone.
 */
describe.runIf(chromiumAvailable())('co-signed documents and findings in Chromium', () => {
  const harness = useBrowserHarness('fusion-cell-documents-');
  let us: Page;
  let sy: Page;
  let il: Page;

  /** The demo's term awaiting signatures, by its text. */
  async function termAwaiting(page: Page): Promise<string> {
    const entries = await entriesOf(page, 'plenary');
    const term = entries.find((entry) => entry.envelope.type === 'glossary.term' && entry.envelope.payload['term'] === 'area of separation');
    if (!term) throw new Error('the demo has no term awaiting signatures');
    return term.id;
  }

  it('brings a glossary term into force when the last party signs, in every browser without reload', async () => {
    us = await openConsole(harness, 'us.chief');
    sy = await openConsole(harness, 'sy.head');
    il = await openConsole(harness, 'il.head');
    const term = await termAwaiting(us);
    for (const page of [us, sy, il]) await openTrack(page, 'general', 'plenary');
    const statusIn = (page: Page) => page.getByTestId(`item-${term}`).getByTestId('document-status');
    await statusIn(il).locator('li[data-party="il"][data-acts="signature"]').waitFor({ timeout: VERIFIED_WITHIN_MS });
    expect(await statusIn(il).getAttribute('data-state')).toBe('proposed');
    // Israel signed already: its head is offered nothing; the supervisor's is.
    expect(await il.getByTestId(`item-${term}`).getByTestId('action-sign').count()).toBe(0);

    const usCard = us.getByTestId(`item-${term}`);
    await usCard.getByTestId('action-sign').click();
    expect(await usCard.getByTestId('sign-form').getAttribute('data-act')).toBe('signature');
    await usCard.getByTestId('sign-submit').click();
    await statusIn(us).locator('li[data-party="us"][data-acts="signature"]').waitFor({ timeout: VERIFIED_WITHIN_MS });
    expect(await statusIn(us).getAttribute('data-state')).toBe('proposed');

    const syCard = sy.getByTestId(`item-${term}`);
    await syCard.getByTestId('action-sign').click();
    await syCard.getByTestId('sign-statement').fill('نوقّع مع الإشارة إلى أن المصطلح يُستخدم في الوثائق الرسمية فقط.');
    await syCard.getByTestId('sign-language').selectOption('ar');
    await syCard.getByTestId('sign-submit').click();
    // Israel's head sees it come into force from the live stream.
    await il.locator(`[data-testid="item-${term}"] [data-testid="document-status"][data-state="in-force"]`).waitFor({ timeout: VERIFIED_WITHIN_MS });
    const signatures = (await entriesOf(il, 'plenary')).filter((entry) => entry.envelope.type === 'document.sign' && entry.envelope.references[0] === term);
    expect(signatures.map((entry) => entry.envelope.payload['version'])).toEqual([term, term, term]);
    await il.getByTestId(`answers-${term}`).locator('[data-type="document.sign"]').nth(2).waitFor();
    expect(harness.pageErrors).toEqual([]);
  });

  it('shows the cell’s finding under the notice it checked, flagged, with the zone it intrudes into', async () => {
    await openTrack(sy, 'deescalation', 'plenary');
    const notice = (await entriesOf(sy, 'plenary')).find((entry) => entry.envelope.type === 'activity.notice' && entry.envelope.payload['semantics'] === 'consent-requested');
    if (!notice) throw new Error('the demo has no consent-requested notice');
    const finding = sy.locator(`[data-testid="answers-${notice.id}"] [data-testid="finding-content"][data-check="area-in-zone"], [data-testid="item-${notice.id}"] [data-testid="finding-content"][data-check="area-in-zone"]`).first();
    await finding.waitFor({ timeout: VERIFIED_WITHIN_MS });
    expect(await finding.getAttribute('data-result')).toBe('flagged');
    expect(await finding.locator('li[data-breach="intrusion"]').textContent()).toContain('Buffer zone');
    expect(harness.pageErrors).toEqual([]);
  });
});
