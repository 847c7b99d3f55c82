import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../../../test-support/environment.ts';
import { useBrowserHarness } from './browser-harness.ts';

/**
 * The built web app against the real server, in Chromium: each side's duty officer, the
 * three languages and their direction, the device key, and the party administrator.
 * Elements are found by data-testid only, so nothing here depends on the language shown.
 */

describe.runIf(chromiumAvailable())('web app in Chromium', () => {
  const harness = useBrowserHarness('fusion-cell-web-');
  const { pageErrors, logIn, setLanguage, documentDirection, navigationSide, screenshot } = harness;
  const newPage = (locale?: string) => harness.newPage(locale === undefined ? {} : { locale });

  /** What this browser stored for the member: the key pair must be there and non-extractable. */
  function storedKey(page: Page) {
    return page.evaluate(async () => {
      const database = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('fusion-cell');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error ?? new Error('IndexedDB failed'));
      });
      const records = await new Promise<unknown[]>((resolve, reject) => {
        const request = database.transaction('device-keys').objectStore('device-keys').getAll();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error ?? new Error('IndexedDB failed'));
      });
      database.close();
      const record = records[0] as { keyPair: CryptoKeyPair; publicKey: string; deviceId: string | null } | undefined;
      if (!record) return undefined;
      // Sign with the stored handle and verify: the key is usable though its bytes are not readable.
      const data = new TextEncoder().encode('browser test');
      const signature = await crypto.subtle.sign({ name: 'Ed25519' }, record.keyPair.privateKey, data);
      const verified = await crypto.subtle.verify({ name: 'Ed25519' }, record.keyPair.publicKey, signature, data);
      let exportable = true;
      try {
        await crypto.subtle.exportKey('pkcs8', record.keyPair.privateKey);
      } catch {
        exportable = false;
      }
      return {
        count: records.length,
        publicKey: record.publicKey,
        deviceId: record.deviceId,
        extractable: record.keyPair.privateKey.extractable,
        exportable,
        verified,
      };
    });
  }

  function ownDevices(page: Page) {
    return page.evaluate(async () => {
      const response = await fetch('/api/v1/devices?scope=own');
      return ((await response.json()) as { devices: { id: string; publicKey: string; status: string }[] }).devices;
    });
  }

  for (const { username, party } of [
    { username: 'sy.duty1', party: 'sy' },
    { username: 'il.duty1', party: 'il' },
  ]) {
    it(`shows ${username} their party, registers their device, and mirrors the layout in Arabic and Hebrew`, async () => {
      const page = await newPage();
      expect(await documentDirection(page)).toEqual({ dir: 'ltr', lang: 'en' });
      await logIn(page, username);

      await expect.poll(() => page.getByTestId('app-shell').getAttribute('data-party')).toBe(party);
      expect(await page.getByTestId('member-party').getAttribute('data-party')).toBe(party);
      expect(await page.getByTestId('member-name').textContent()).not.toBe('');
      expect(await page.getByTestId('nav-admin').count()).toBe(0);
      // A duty officer lands on the console; a track shows the party's compartments.
      await page.getByTestId('page-watch').waitFor();
      await page.getByTestId('nav-intelligence').click();
      // The track opens on its reports; its thread holds the compartments' tabs.
      await page.getByTestId('track-view-thread').click();
      await page.getByTestId('compartment-tabs').getByRole('tab').first().waitFor();
      // The party's compartments: the plenary, its caucus and its internal one, nothing else.
      expect(await page.getByTestId('compartment-tabs').getByRole('tab').evaluateAll((tabs) => tabs.map((tab) => tab.getAttribute('data-testid')))).toEqual([
        'compartment-tab-plenary',
        `compartment-tab-caucus-${party}`,
        `compartment-tab-internal-${party}`,
      ]);

      // First login in this browser: a key is made, registered, and (demo cell) approved.
      await page.locator('[data-testid="device-status"][data-status="approved"]').waitFor({ timeout: 15_000 });
      const key = await storedKey(page);
      expect(key).toMatchObject({ count: 1, extractable: false, exportable: false, verified: true });
      // The demo cell may list older devices of the member too (its seeded history); this
      // browser's key is exactly one of them.
      const devices = await ownDevices(page);
      const thisBrowser = devices.filter((device) => device.publicKey === key?.publicKey);
      expect(thisBrowser).toHaveLength(1);
      expect(thisBrowser[0]).toMatchObject({ status: 'approved', id: key?.deviceId });

      expect(await navigationSide(page)).toBe('left');
      await screenshot(page, `${username}-en`);

      for (const language of ['ar', 'he'] as const) {
        await setLanguage(page, language);
        expect(await documentDirection(page)).toEqual({ dir: 'rtl', lang: language });
        expect(await navigationSide(page)).toBe('right');
        // The page is translated, not just flipped.
        expect(await page.getByTestId(`nav-intelligence`).textContent()).not.toBe('Intelligence');
        await screenshot(page, `${username}-${language}`);
      }

      // The choice survives a reload, and the same device is found again rather than a new one.
      await page.reload();
      await page.getByTestId('app-shell').waitFor();
      expect(await documentDirection(page)).toEqual({ dir: 'rtl', lang: 'he' });
      await page.locator('[data-testid="device-status"][data-status="approved"]').waitFor();
      expect(await ownDevices(page)).toHaveLength(devices.length);

      await setLanguage(page, 'en');
      expect(await documentDirection(page)).toEqual({ dir: 'ltr', lang: 'en' });
      expect(await navigationSide(page)).toBe('left');

      // Every area opens with a focused heading: a track with its first view (its map, its board, its thread),
      // disputes with its empty state, the record with the party's logs.
      for (const [area, pageId, content] of [
        ['deescalation', 'page-track-deescalation', 'deescalation-map-view'],
        ['diplomatic', 'page-track-diplomatic', 'meetings-view'],
        ['commercial', 'page-track-commercial', 'board-view'],
        ['general', 'page-track-general', 'thread'],
        ['disputes', 'page-disputes', 'empty-state'],
        ['record', 'page-record', 'record-compartments'],
      ] as const) {
        await page.getByTestId(`nav-${area}`).click();
        await page.getByTestId(pageId).getByTestId(content).waitFor();
        await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'page-title');
      }
      expect(pageErrors).toEqual([]);
    });
  }

  it('starts in Arabic for an Arabic browser, before login', async () => {
    const page = await newPage('ar-SY');
    expect(await documentDirection(page)).toEqual({ dir: 'rtl', lang: 'ar' });
    await page.getByTestId('login-form').waitFor();
    await screenshot(page, 'login-ar');
    await setLanguage(page, 'he');
    expect(await documentDirection(page)).toEqual({ dir: 'rtl', lang: 'he' });
    await setLanguage(page, 'en');
    expect(await documentDirection(page)).toEqual({ dir: 'ltr', lang: 'en' });
  });

  it('explains wrong credentials and counts down a lockout', async () => {
    const page = await newPage();
    await page.getByTestId('login-submit').click();
    expect(await page.getByTestId('login-error').getAttribute('data-code')).toBe('missing');
    await page.getByTestId('login-username').fill('sy.duty2');
    await page.getByTestId('login-password').fill('not the password');
    await page.getByTestId('login-submit').click();
    expect(await page.getByTestId('login-error').getAttribute('data-code')).toBe('invalid_credentials');

    // Fail often enough, straight at the API, for the next attempt to be locked out for seconds.
    const username = 'nobody.here';
    let failures = 0;
    while (failures < 6) {
      const response = await fetch(`${harness.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: harness.url },
        body: JSON.stringify({ username, password: 'wrong password' }),
      });
      if (response.status === 401) failures += 1;
      else if (response.status === 429) {
        const body = (await response.json()) as { error: { retryAfterSeconds?: number } };
        await new Promise((resolve) => setTimeout(resolve, (body.error.retryAfterSeconds ?? 1) * 1000));
      } else throw new Error(`unexpected login answer ${response.status}`);
    }
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill('wrong password');
    await page.getByTestId('login-submit').click();
    await page.locator('[data-testid="login-error"][data-code="rate_limited"]').waitFor();
    await page.getByTestId('login-countdown').waitFor();
    await screenshot(page, 'login-locked-out');
    expect(await page.getByTestId('login-submit').isDisabled()).toBe(true);
  });

  it('lets sy.admin add a member, who can then log in with the password shown once', async () => {
    const page = await newPage();
    await logIn(page, 'sy.admin');
    await harness.deviceApproved(page);
    await page.getByTestId('nav-admin').click();
    await page.getByTestId('members-table').locator('[data-testid="member-row-sy.duty1"]').waitFor();
    // sy.duty1 registered a device in this browser test's first case; the admin sees it.
    await page.getByTestId('devices-table').locator('[data-username="sy.duty1"][data-status="approved"]').first().waitFor();
    expect(await page.getByTestId('devices-table').locator('[data-username="il.duty1"]').count()).toBe(0);

    // What the server would refuse is named, with its field, before anything is sent.
    await page.getByTestId('add-member-username').fill('Not Valid');
    await page.getByTestId('add-member-display-name').fill('Someone');
    await page.getByTestId('add-member-role-duty').check();
    await page.getByTestId('add-member-submit').click();
    await page.locator('[data-testid="add-member-error"][data-code="validation_failed"]').waitFor();
    expect(await page.getByTestId('add-member-error-field').textContent()).not.toBe('');

    await page.getByTestId('add-member-username').fill('sy.duty3');
    await page.getByTestId('add-member-display-name').fill('Syrian duty officer (watch C)');
    await page.getByTestId('add-member-role-analyst').check();
    await page.getByTestId('add-member-submit').click();
    const password = (await page.getByTestId('generated-password').textContent()) ?? '';
    expect(password.length).toBeGreaterThanOrEqual(12);
    await page.getByTestId('members-table').locator('[data-testid="member-row-sy.duty3"]').waitFor();
    await screenshot(page, 'admin-en');
    await setLanguage(page, 'ar');
    expect(await navigationSide(page)).toBe('right');
    await screenshot(page, 'admin-ar');
    await setLanguage(page, 'en');
    await page.getByTestId('generated-password-dismiss').click();
    expect(await page.getByTestId('generated-password').count()).toBe(0);

    const newcomer = await newPage();
    await logIn(newcomer, 'sy.duty3', password);
    await newcomer.locator('[data-testid="device-status"][data-status="approved"]').waitFor({ timeout: 15_000 });
    expect(await newcomer.getByTestId('member-party').getAttribute('data-party')).toBe('sy');

    // Disable and enable again, as the administrator.
    await page.getByTestId('member-toggle-sy.duty3').click();
    await page.locator('[data-testid="member-row-sy.duty3"][data-disabled="true"]').waitFor();
    await page.getByTestId('member-toggle-sy.duty3').click();
    await page.locator('[data-testid="member-row-sy.duty3"][data-disabled="false"]').waitFor();

    // Disabling ended the newcomer's session.
    await newcomer.reload();
    await newcomer.getByTestId('login-form').waitFor();
    await logIn(newcomer, 'sy.duty3', password);
    await newcomer.locator('[data-testid="device-status"][data-status="approved"]').waitFor({ timeout: 15_000 });
    expect(await ownDevices(newcomer)).toHaveLength(1);

    // Revoking the newcomer's device shows on their screen, with the offer of a new key.
    await page.reload();
    await page.getByTestId('devices-table').locator('[data-username="sy.duty3"]').first().waitFor();
    const deviceRow = page.getByTestId('devices-table').locator('[data-username="sy.duty3"]').first();
    const deviceId = ((await deviceRow.getAttribute('data-testid')) ?? '').replace(/^device-row-/, '');
    await page.getByTestId(`device-revoke-${deviceId}`).click();
    await page.getByTestId(`device-revoke-confirm-${deviceId}`).click();
    await page.locator(`[data-testid="device-row-${deviceId}"][data-status="revoked"]`).waitFor();
    // The administrator's device is approved, so the revocation is signed by it, not by the cell.
    expect(await page.getByTestId('devices-signing').getAttribute('data-signed')).toBe('true');
    const history = await page.evaluate(async (id) => {
      const directory = (await (await fetch('/api/v1/directory')).json()) as {
        devices: { id: string; attestations: { statement: { kind: string }; signer: { kind: string; device?: string } }[] }[];
      };
      return directory.devices.find((device) => device.id === id)?.attestations.map((attestation) => ({ kind: attestation.statement.kind, signer: attestation.signer.kind }));
    }, deviceId);
    expect(history).toEqual([
      { kind: 'device.approved', signer: 'log' },
      { kind: 'device.revoked', signer: 'device' },
    ]);
    await newcomer.reload();
    await newcomer.locator('[data-testid="device-status"][data-status="revoked"]').waitFor();
    await screenshot(newcomer, 'device-revoked');
    await newcomer.getByTestId('device-create-key').click();
    await newcomer.locator('[data-testid="device-status"][data-status="approved"]').waitFor({ timeout: 15_000 });
    expect(await ownDevices(newcomer)).toHaveLength(2);
    expect(pageErrors).toEqual([]);
  });

  it('fits a phone screen in Hebrew, with no sideways scrolling of the page', async () => {
    const page = await harness.newPage({ viewport: { width: 390, height: 844 }, locale: 'he-IL', path: '/admin' });
    await logIn(page, 'sy.admin');
    await page.getByTestId('page-admin').waitFor();
    await page.getByTestId('members-table').locator('tbody tr').first().waitFor();
    expect(await documentDirection(page)).toEqual({ dir: 'rtl', lang: 'he' });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'admin-he-phone');
  });

  it('hides the admin area from il.duty1', async () => {
    const page = await newPage();
    await logIn(page, 'il.duty1');
    expect(await page.getByTestId('nav-intelligence').count()).toBe(1);
    expect(await page.getByTestId('nav-admin').count()).toBe(0);
    await page.goto(`${harness.url}/admin`);
    await page.getByTestId('page-not-found').waitFor();
  });

  it('returns to the login page with a message when the session has expired', async () => {
    const page = await newPage();
    await logIn(page, 'us.admin');
    await page.getByTestId('nav-admin').click();
    await page.getByTestId('members-table').waitFor();
    await page.route('**/api/v1/members', (route) =>
      route.fulfill({ status: 401, json: { error: { code: 'session_expired', message: 'the session has expired; log in again' } } }),
    );
    await page.getByTestId('nav-record').click();
    await page.getByTestId('nav-admin').click();
    await page.locator('[data-testid="login-notice"][data-reason="expired"]').waitFor();
    await screenshot(page, 'login-session-expired');
    await page.unroute('**/api/v1/members');

    // Logging in again returns to the page the member was on.
    await logIn(page, 'us.admin');
    await page.getByTestId('page-admin').waitFor();

    await page.getByTestId('logout').click();
    await page.locator('[data-testid="login-notice"][data-reason="signed_out"]').waitFor();
    await page.goto(`${harness.url}/record`);
    await page.getByTestId('login-form').waitFor();
  });
});
