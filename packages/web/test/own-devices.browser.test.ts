import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../../../test-support/environment.ts';
import { useBrowserHarness } from './browser-harness.ts';

/**
 * One duty officer logged in from two browsers: the record page names them once among the
 * cosigners, with both devices on demand, and lists both devices for them to revoke. Revoking
 * the other browser's device is final; revoking this browser's own is explained first.
 */
describe.runIf(chromiumAvailable())('a member\'s own devices in Chromium', () => {
  const harness = useBrowserHarness('fusion-cell-own-devices-');
  let first: Page;
  let second: Page;

  async function openRecord(): Promise<Page> {
    const page = await harness.newPage();
    await harness.logIn(page, 'sy.duty1');
    await harness.deviceApproved(page);
    await page.getByTestId('nav-record').click();
    return page;
  }

  it('groups the cosignatures of one member\'s devices under one line, the devices behind a disclosure', async () => {
    first = await openRecord();
    second = await openRecord();
    const plenary = first.getByTestId('record-compartment-plenary');
    const group = plenary.locator('[data-testid="record-cosigner-group"][data-party="sy"][data-devices="2"]');
    // Each browser cosigns the latest checkpoint it verified; both reach the first page.
    await second.locator('[data-testid="record-compartment-plenary"][data-cosign="cosigned"]').waitFor({ timeout: 15_000 });
    await group.waitFor({ timeout: 15_000 });
    expect(await plenary.locator('[data-testid="record-cosigner-group"][data-party="sy"]').count()).toBe(1);
    expect(await group.locator('li[data-device]').first().isVisible()).toBe(false);
    await group.getByTestId('record-cosigner-devices-toggle').click();
    expect(await group.locator('li[data-device]').count()).toBe(2);
    expect(await group.locator('li[data-device]').first().isVisible()).toBe(true);
    expect(harness.pageErrors).toEqual([]);
  });

  it('lets the member revoke another browser\'s device, and this browser\'s own only once explained', async () => {
    // The first page listed the devices before the second browser registered its own.
    await first.reload();
    const table = first.getByTestId('own-devices-table');
    const secondsOwn = second.locator('[data-testid="own-devices-table"] tr[data-this-browser="true"]');
    const otherId = ((await secondsOwn.getAttribute('data-testid')) ?? '').replace('own-device-', '');
    await table.locator(`tr[data-testid="own-device-${otherId}"][data-this-browser="false"][data-status="approved"]`).waitFor();
    await first.getByTestId(`own-device-revoke-${otherId}`).click();
    await first.getByTestId(`own-device-revoke-confirm-${otherId}`).click();
    await table.locator(`tr[data-testid="own-device-${otherId}"][data-status="revoked"]`).waitFor();
    // The other browser learns it can no longer sign.
    await second.reload();
    await second.locator('[data-testid="device-status"][data-status="revoked"]').waitFor({ timeout: 15_000, state: 'attached' });

    const here = table.locator('tr[data-this-browser="true"]');
    const hereId = ((await here.getAttribute('data-testid')) ?? '').replace('own-device-', '');
    await first.getByTestId(`own-device-revoke-${hereId}`).click();
    expect(await first.getByTestId(`own-device-revoke-explained-${hereId}`).textContent()).toContain('browser you are using now');
    await first.getByTestId(`own-device-revoke-cancel-${hereId}`).click();
    expect(await here.getAttribute('data-status')).toBe('approved');
    await first.getByTestId(`own-device-revoke-${hereId}`).click();
    await first.getByTestId(`own-device-revoke-confirm-${hereId}`).click();
    await table.locator(`tr[data-testid="own-device-${hereId}"][data-status="revoked"]`).waitFor();
    await first.locator('[data-testid="device-status"][data-status="revoked"]').waitFor({ timeout: 15_000, state: 'attached' });
    await harness.screenshot(first, 'own-devices-this-revoked');
    expect(harness.pageErrors).toEqual([]);
  });
});
