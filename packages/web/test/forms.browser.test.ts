import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../../../test-support/environment.ts';
import ar from '../src/i18n/ar.json';
import { useBrowserHarness } from './browser-harness.ts';
import { openConsole, openTrack } from './watch-steps.ts';

/**
 * Forms in the member's language: the server's refusal named in Arabic with the field, text
 * over a limit refused with the limit shown rather than cut, a long message folded in the
 * thread. Found by data-testid; the Arabic words are read from the translation itself.
 */

describe.runIf(chromiumAvailable())('forms in Chromium', () => {
  const harness = useBrowserHarness('fusion-cell-forms-');

  /** Counts the item submissions a page makes, to prove a refused form sent nothing. */
  function countSubmissions(page: Page): () => number {
    let count = 0;
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/v1/items') count += 1;
    });
    return () => count;
  }

  it("names a duplicate username in Arabic, the field by its Arabic name, the server's English only behind details", async () => {
    const page = await harness.newPage({ locale: 'ar' });
    await harness.logIn(page, 'sy.admin');
    await harness.deviceApproved(page);
    await page.getByTestId('nav-admin').click();
    await page.getByTestId('members-table').locator('[data-testid="member-row-sy.duty1"]').waitFor();

    // Too long a name is refused here, in Arabic, with the limit, before anything is sent.
    await page.getByTestId('add-member-username').fill('sy.duty1');
    await page.getByTestId('add-member-display-name').fill('م'.repeat(130));
    expect(await page.getByTestId('add-member-display-name').inputValue()).toHaveLength(130);
    expect(await page.getByTestId('add-member-display-name-counter').getAttribute('data-over')).toBe('true');
    await page.getByTestId('add-member-role-duty').check();
    await page.getByTestId('add-member-submit').click();
    const tooLong = page.locator('[data-testid="add-member-display-name-problem"][data-problem="too_long"]');
    await tooLong.waitFor();
    expect(await tooLong.textContent()).toContain(ar.fields.displayName);
    expect(await page.getByTestId('add-member-error-field').textContent()).toBe(ar.fields.displayName);

    // A username already taken is the server's to say: 409 username_taken, in Arabic.
    await page.getByTestId('add-member-display-name').fill('ضابط مناوبة');
    const answer = page.waitForResponse((response) => response.url().endsWith('/api/v1/members') && response.request().method() === 'POST');
    await page.getByTestId('add-member-submit').click();
    expect((await answer).status()).toBe(409);
    const error = page.locator('[data-testid="add-member-error"][data-code="username_taken"]');
    await error.waitFor();
    expect(await page.getByTestId('add-member-error-field').textContent()).toBe(ar.fields.username);
    expect(await error.locator('.message-title').textContent()).toBe(ar.errors.codes.username_taken);
    expect(await page.getByTestId('add-member-username').getAttribute('aria-invalid')).toBe('true');
    // The server's own words are kept for support, folded away.
    const details = page.getByTestId('add-member-error-details');
    expect(await details.evaluate((element) => (element as HTMLDetailsElement).open)).toBe(false);
    expect(await details.locator('p').isVisible()).toBe(false);
    await harness.screenshot(page, 'admin-error-ar');
  });

  it('refuses a 5,000-character alert title with the limit shown, rather than cutting it', async () => {
    const page = await openConsole(harness, 'sy.duty1');
    const submissions = countSubmissions(page);
    await page.getByTestId('alert-open').click();
    const title = 'A'.repeat(5000);
    await page.getByTestId('alert-title-input').fill(title);
    // Pasted text stays whole: nothing in the page cuts it.
    expect(await page.getByTestId('alert-title-input').inputValue()).toBe(title);
    expect(await page.getByTestId('alert-title-input').getAttribute('maxlength')).toBeNull();
    const counter = page.getByTestId('alert-title-input-counter');
    expect(await counter.getAttribute('data-limit')).toBe('200');
    expect(await counter.getAttribute('data-over')).toBe('true');
    expect(await page.getByTestId('alert-title-input').getAttribute('aria-invalid')).toBe('true');

    await page.getByTestId('alert-submit').click();
    const refused = page.locator('[data-testid="alert-status"][data-state="invalid"][data-code="too_long"]');
    await refused.waitFor();
    expect(await refused.getAttribute('data-limit')).toBe('200');
    expect(await refused.textContent()).toContain('200');
    expect(await refused.textContent()).toContain('5,000');
    expect(submissions()).toBe(0);
    await harness.screenshot(page, 'alert-title-too-long-en');

    // Shortened to the limit, it goes.
    await page.getByTestId('alert-title-input').fill('B'.repeat(200));
    expect(await counter.getAttribute('data-over')).toBe('false');
    await page.getByTestId('alert-compartment').selectOption('plenary');
    await page.getByTestId('alert-submit').click();
    await page.locator('[data-testid="alert-status"]:is([data-state="appended"], [data-state="verified"])').waitFor();
    expect(submissions()).toBe(1);
  });

  it('folds a long message in the thread, with Show all', async () => {
    const page = await harness.newPage();
    await harness.logIn(page, 'il.duty1');
    await harness.deviceApproved(page);
    await openTrack(page, 'general', 'plenary');
    const text = Array.from({ length: 40 }, (_, line) => `Line ${line + 1} of a long situation report.`).join('\n');
    await page.getByTestId('compose-text').fill(text);
    await page.getByTestId('compose-send').click();
    const status = page.locator('[data-testid="compose-status"]:is([data-state="appended"], [data-state="verified"])');
    await status.waitFor();
    const id = (await status.getAttribute('data-item-id')) ?? '';
    const shown = page.getByTestId(`item-${id}`).getByTestId('item-text');
    await expect.poll(() => shown.getAttribute('data-collapsed')).toBe('true');
    const folded = await shown.evaluate((element) => element.getBoundingClientRect().height);
    await page.getByTestId(`item-${id}`).getByTestId('item-text-toggle').click();
    expect(await shown.getAttribute('data-collapsed')).toBe('false');
    expect(await shown.evaluate((element) => element.getBoundingClientRect().height)).toBeGreaterThan(folded * 2);
    expect(await shown.textContent()).toBe(text);
  });
});
