import fs from 'node:fs';
import path from 'node:path';
import { base64Decode, base64Encode, formatVerifierKey, logKeyName, signCheckpoint, verifyBundle } from '@fusion-cell/record';
import { generateKeyPair, nodeSigner, nodeVerifier } from '@fusion-cell/record/node';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../../../test-support/environment.ts';
import { useBrowserHarness } from './browser-harness.ts';

/**
 * The record in three browsers, one per party: a Syrian duty officer (A) writes, an Israeli
 * (B) and an American (C) read. Every item is verified in the reader's browser (signature,
 * device validity, inclusion under a checkpoint signed by the pinned log key); every
 * checkpoint is checked for consistency and cosigned. Then the operator tampers with the
 * database under the running server, and the browsers must say so.
 */

const VERIFIED_WITHIN_MS = 15_000;
const PLENARY_TEXT = 'Plenary: our watch roster for week 2 is attached; please confirm yours.';
const CAUCUS_TEXT = 'نطلب من الوسيط تأكيد موعد الجلسة الخاصة قبل الجولة الثانية.';

describe.runIf(chromiumAvailable())('the record in Chromium', () => {
  const harness = useBrowserHarness('fusion-cell-record-');
  let a: Page;
  let b: Page;
  let c: Page;
  let plenaryItem = '';
  let plenaryIndex = -1;
  let caucusItem = '';

  async function openAs(username: string): Promise<Page> {
    const page = await harness.newPage();
    await harness.logIn(page, username);
    await harness.deviceApproved(page);
    return page;
  }

  /** Sends a message from the compose box and returns its item id and index once appended. */
  async function send(page: Page, text: string, options: { language?: 'en' | 'ar' | 'he'; ack?: boolean } = {}): Promise<{ id: string; index: number }> {
    if (options.language) await page.getByTestId('compose-language').selectOption(options.language);
    await page.getByTestId('compose-text').fill(text);
    if (options.ack) await page.getByTestId('compose-ack').check();
    await page.getByTestId('compose-send').click();
    const status = page.locator('[data-testid="compose-status"]:is([data-state="appended"], [data-state="verified"])');
    await status.waitFor();
    return { id: (await status.getAttribute('data-item-id')) ?? '', index: Number(await status.getAttribute('data-index')) };
  }

  function item(page: Page, id: string) {
    return page.getByTestId(`item-${id}`);
  }

  async function openTrack(page: Page, track: string, compartment: string): Promise<void> {
    await page.getByTestId(`nav-${track}`).click();
    await page.getByTestId(`compartment-tab-${compartment}`).click();
    await page.locator(`[data-testid="compartment-panel"][data-compartment="${compartment}"]`).waitFor();
  }

  function database() {
    const db = new Database(path.join(harness.dataDir, 'fusion-cell.sqlite'));
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    return db;
  }

  it('shows a message to every party of its compartment, verified in each browser without reload', async () => {
    a = await openAs('sy.duty1');
    b = await openAs('il.duty1');
    c = await openAs('us.duty1');
    for (const page of [b, c]) await openTrack(page, 'general', 'plenary');

    await openTrack(a, 'general', 'plenary');
    ({ id: plenaryItem, index: plenaryIndex } = await send(a, PLENARY_TEXT, { ack: true }));
    await a.locator(`[data-testid="compose-status"][data-state="verified"][data-item-id="${plenaryItem}"]`).waitFor({ timeout: VERIFIED_WITHIN_MS });

    // B and C see it arrive and verify, signature and inclusion, with no reload.
    for (const page of [b, c]) {
      const arrived = item(page, plenaryItem);
      await page.locator(`[data-testid="item-${plenaryItem}"][data-verdict="verified"]`).waitFor({ timeout: VERIFIED_WITHIN_MS });
      expect(await arrived.getByTestId('item-signature').getAttribute('data-status')).toBe('verified');
      expect(await arrived.getByTestId('item-inclusion').getAttribute('data-status')).toBe('verified');
      expect(await arrived.getByTestId('item-text').textContent()).toBe(PLENARY_TEXT);
      expect(await arrived.getByTestId('item-text').getAttribute('lang')).toBe('en');
      expect(await arrived.getByTestId('item-party').getAttribute('data-party')).toBe('sy');
      expect(await arrived.getByTestId('item-ack-requested').count()).toBe(1);
      expect(await arrived.getAttribute('data-index')).toBe(String(plenaryIndex));
    }
    await harness.screenshot(b, 'thread-en');

    // An Arabic message in the Syrian caucus: the supervisor sees it, Israel does not.
    await openTrack(a, 'general', 'caucus-sy');
    ({ id: caucusItem } = await send(a, CAUCUS_TEXT, { language: 'ar' }));
    await openTrack(c, 'general', 'caucus-sy');
    await c.locator(`[data-testid="item-${caucusItem}"][data-verdict="verified"]`).waitFor({ timeout: VERIFIED_WITHIN_MS });
    const arabic = item(c, caucusItem).getByTestId('item-text');
    expect(await arabic.textContent()).toBe(CAUCUS_TEXT);
    expect(await arabic.getAttribute('lang')).toBe('ar');
    expect(await arabic.getAttribute('dir')).toBe('rtl');
    await harness.setLanguage(c, 'ar');
    expect(await harness.documentDirection(c)).toEqual({ dir: 'rtl', lang: 'ar' });
    await harness.screenshot(c, 'thread-ar');
    await harness.setLanguage(c, 'en');

    expect(await b.getByTestId('compartment-tab-caucus-sy').count()).toBe(0);
    expect(await b.getByText(CAUCUS_TEXT).count()).toBe(0);
    const hidden = await b.evaluate(async () => (await fetch('/api/v1/compartments/caucus-sy/entries')).status);
    expect(hidden).toBe(404);
    expect(harness.pageErrors).toEqual([]);
  });

  it('explains a refused message with its field, and disables sending while the device cannot sign', async () => {
    await openTrack(a, 'general', 'plenary');
    await a.route('**/api/v1/items', (route) =>
      route.fulfill({ status: 403, json: { error: { code: 'device_revoked', message: 'the device is revoked', field: 'envelope.device' } } }),
    );
    await a.getByTestId('compose-text').fill('This one the server refuses.');
    await a.getByTestId('compose-send').click();
    await a.locator('[data-testid="compose-error"][data-code="device_revoked"]').waitFor();
    expect(await a.getByTestId('compose-error-field').textContent()).toBe('Device');
    await a.unroute('**/api/v1/items');

    // An empty message is not signed at all.
    await a.getByTestId('compose-text').fill('   ');
    await a.getByTestId('compose-send').click();
    await a.locator('[data-testid="compose-error"][data-code="empty"]').waitFor();

    // A device awaiting approval cannot sign: the box says why, and nothing is cosigned.
    const pending = await harness.newPage();
    // The demo cell approves every device at once; this browser is told otherwise.
    const unapproved = (device: object) => ({ ...device, status: 'pending', approvedAt: null, approvedBy: null });
    await pending.route('**/api/v1/devices*', async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as { devices?: object[] };
      await route.fulfill({ response, json: body.devices ? { devices: body.devices.map(unapproved) } : unapproved(body) });
    });
    await harness.logIn(pending, 'sy.duty2');
    await pending.locator('[data-testid="device-status"][data-status="pending"]').waitFor({ timeout: 15_000 });
    await openTrack(pending, 'general', 'plenary');
    await pending.locator('[data-testid="compose-disabled"][data-status="pending"]').waitFor();
    expect(await pending.getByTestId('compose-send').isDisabled()).toBe(true);
    await harness.screenshot(pending, 'compose-disabled');
    await pending.getByTestId('nav-record').click();
    await pending.locator('[data-testid="record-compartment-plenary"][data-cosign="not_approved"]').waitFor({ timeout: VERIFIED_WITHIN_MS });
    expect(harness.pageErrors).toEqual([]);
  });

  it('shows sizes and cosignatures on the record page, and downloads a record that verifies', async () => {
    await b.getByTestId('nav-record').click();
    const plenary = b.getByTestId('record-compartment-plenary');
    await expect.poll(async () => Number(await plenary.getAttribute('data-size')), { timeout: VERIFIED_WITHIN_MS }).toBeGreaterThan(plenaryIndex);
    expect(await b.getByTestId('record-compartment-caucus-sy').count()).toBe(0);
    expect(await b.getByTestId('log-key-fingerprint').textContent()).toMatch(/^([0-9a-f]{4} ){15}[0-9a-f]{4}$/);

    // Both readers cosigned the checkpoint covering the message; B's page lists them by party.
    await plenary.locator('[data-testid="record-cosign"][data-state="cosigned"]').waitFor({ timeout: VERIFIED_WITHIN_MS });
    for (const party of ['il', 'us']) {
      await plenary.locator(`[data-testid="record-cosigners"] li[data-party="${party}"][data-valid="true"]`).waitFor({ timeout: VERIFIED_WITHIN_MS });
    }
    expect(Number(await plenary.getAttribute('data-checkpoint-size'))).toBeGreaterThan(plenaryIndex);
    expect(['first', 'same', 'extended']).toContain(await plenary.getAttribute('data-consistency'));
    await harness.screenshot(b, 'record-en');

    const [download] = await Promise.all([b.waitForEvent('download'), b.getByTestId('download-record').click()]);
    await b.locator('[data-testid="download-result"][data-ok="true"]').waitFor({ timeout: VERIFIED_WITHIN_MS });
    const file = await download.path();
    const bundle = JSON.parse(fs.readFileSync(file, 'utf8')) as { party: string; compartments: { id: string }[] };
    expect(bundle.party).toBe('il');
    expect(bundle.compartments.map((compartment) => compartment.id)).not.toContain('caucus-sy');
    const report = await verifyBundle(bundle, { verifier: nodeVerifier() });
    expect(report.failures).toEqual([]);
    expect(report.ok).toBe(true);
    expect(download.suggestedFilename()).toMatch(/^fusion-cell-.*-il-.*\.json$/);
    await harness.screenshot(b, 'record-downloaded');
    expect(harness.pageErrors).toEqual([]);
  });

  it('follows new cosignatures on the open record page from the live stream, without polling', async () => {
    // B's record page stays open; from now on, count its requests for the logs' heads.
    let rounds = 0;
    b.on('request', (request) => {
      if (new URL(request.url()).pathname === '/api/v1/record') rounds += 1;
    });
    // A sends again: the log signs a new checkpoint, which B and C verify and cosign in their browsers.
    const { index } = await send(a, 'Plenary: the roster for week 3 follows on Friday.');
    expect(index).toBeGreaterThan(plenaryIndex);
    const plenary = b.getByTestId('record-compartment-plenary');
    await expect.poll(async () => Number(await plenary.getAttribute('data-checkpoint-size')), { timeout: VERIFIED_WITHIN_MS }).toBeGreaterThan(index);
    // Each cosignature reaches B's page as the stream sends the checkpoint again with its line.
    for (const party of ['il', 'us']) {
      await plenary.locator(`[data-testid="record-cosigners"] li[data-party="${party}"][data-valid="true"]`).waitFor({ timeout: VERIFIED_WITHIN_MS });
    }
    // And nothing polls while the stream holds: not even over a few seconds with the page open.
    await new Promise((resolve) => setTimeout(resolve, 3500));
    expect(rounds).toBe(0);
    expect(harness.pageErrors).toEqual([]);
  });

  it('marks an entry the operator altered as FAILED, in a browser that reloads', async () => {
    const db = database();
    try {
      const row = db.prepare('select leaf from log_entries where compartment_id = ? and item_id = ?').get('plenary', plenaryItem) as { leaf: string } | undefined;
      expect(row?.leaf).toContain('week 2');
      const altered = row!.leaf.replace('week 2', 'week 3');
      db.prepare('update log_entries set leaf = ? where compartment_id = ? and item_id = ?').run(altered, 'plenary', plenaryItem);
    } finally {
      db.close();
    }

    await b.reload();
    await openTrack(b, 'general', 'plenary');
    // The altered bytes hash to another id: the entry is found by its position.
    const entry = b.locator(`[data-compartment="plenary"][data-index="${plenaryIndex}"]`);
    await b.locator(`[data-compartment="plenary"][data-index="${plenaryIndex}"][data-verdict="failed"]`).waitFor({ timeout: VERIFIED_WITHIN_MS });
    expect(await entry.getByTestId('item-signature').getAttribute('data-status')).toBe('failed');
    expect(await entry.getByTestId('item-inclusion').getAttribute('data-status')).toBe('failed');
    expect(await entry.getByTestId('item-alarm').locator('li').evaluateAll((items) => items.map((li) => li.getAttribute('data-code')))).toEqual([
      'signature_invalid',
      'inclusion_invalid',
    ]);
    await b.locator('[data-testid="record-alarm-items-plenary"][data-count="1"]').waitFor();
    expect(await b.getByTestId('compartment-tab-failed-plenary').count()).toBe(1);
    await harness.screenshot(b, 'alarm-altered-entry');

    // B no longer cosigns the plenary.
    await b.getByTestId('nav-record').click();
    await b.locator('[data-testid="record-compartment-plenary"][data-cosign="stopped"]').waitFor();
    expect(harness.pageErrors).toEqual([]);
  });

  it('raises an alarm when an entry is removed, or when the log signs another history', async () => {
    // The operator deletes the last plenary entry: B, reloading, gets fewer entries than signed.
    const db = database();
    try {
      const last = db.prepare('select max(idx) as idx from log_entries where compartment_id = ?').get('plenary') as { idx: number };
      db.prepare('delete from log_entries where compartment_id = ? and idx = ?').run('plenary', last.idx);
    } finally {
      db.close();
    }
    await b.reload();
    await b.locator('[data-testid="record-alarm-plenary"][data-code="entries_missing"]').waitFor({ timeout: VERIFIED_WITHIN_MS });

    // Then it re-signs the plenary's latest checkpoint over another tree of the same size,
    // with the log key (which the operator holds). C, which verified the real one, sees a fork.
    const forged = database();
    try {
      const key = forged.prepare('select name, public_key, private_key from log_keys').get() as { name: string; public_key: string; private_key: string };
      const latest = forged.prepare('select size from checkpoints where compartment_id = ? order by size desc limit 1').get('plenary') as { size: number };
      const cellId = key.name.replace(/^fusion-cell\//, '');
      const signer = { name: logKeyName(cellId), publicKey: base64Decode(key.public_key), sign: nodeSigner(base64Decode(key.private_key)) };
      // The very key the browsers pinned: this is the operator, not an outsider.
      const served = await c.evaluate(async () => ((await (await fetch('/api/v1/record')).json()) as { logKey: string }).logKey);
      expect(formatVerifierKey(signer.name, signer.publicKey)).toBe(served);
      const otherRoot = crypto.getRandomValues(new Uint8Array(32));
      const note = await signCheckpoint({ origin: `fusion-cell/${cellId}/plenary`, size: latest.size, rootHash: otherRoot }, signer, Math.floor(Date.now() / 1000));
      forged
        .prepare('update checkpoints set note = ?, root_hash = ? where compartment_id = ? and size = ?')
        .run(note, base64Encode(otherRoot), 'plenary', latest.size);
    } finally {
      forged.close();
    }
    await c.getByTestId('nav-record').click();
    await c.locator('[data-testid="record-alarm-plenary"][data-code="checkpoint_forked"]').waitFor({ timeout: VERIFIED_WITHIN_MS });
    await c.locator('[data-testid="record-compartment-plenary"][data-consistency="alarm"][data-cosign="stopped"]').waitFor();
    // Both signed notes are kept as evidence: the one verified here and the contradicting one.
    expect(await c.locator('[data-testid="record-alarm-plenary"][data-code="checkpoint_forked"]').getByTestId('record-alarm-evidence').count()).toBe(2);
    await harness.screenshot(c, 'alarm-forked-history');

    // The alarm is kept in the browser: a reload does not make it go away.
    await c.reload();
    await c.locator('[data-testid="record-alarm-plenary"][data-code="checkpoint_forked"]').waitFor();
    await harness.setLanguage(c, 'ar');
    await harness.screenshot(c, 'alarm-forked-history-ar');
    await harness.setLanguage(c, 'en');
    expect(harness.pageErrors).toEqual([]);
  });

  it('raises an alarm when the server shows a log key other than the one pinned on first sight', async () => {
    // As if this browser had first met the cell under another key: the key served now is not it.
    const cellId = (await a.evaluate(async () => ((await (await fetch('/api/v1/cell')).json()) as { id: string }).id)) ?? '';
    const pinned = formatVerifierKey(logKeyName(cellId), generateKeyPair().publicKey);
    await a.evaluate(
      async ({ cell, verifierKey }) => {
        const database = await new Promise<IDBDatabase>((resolve, reject) => {
          const request = indexedDB.open('fusion-cell-record');
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error ?? new Error('IndexedDB failed'));
        });
        await new Promise<void>((resolve, reject) => {
          const transaction = database.transaction('log-keys', 'readwrite');
          transaction.objectStore('log-keys').put({ verifierKey, pinnedAt: new Date().toISOString() }, cell);
          transaction.oncomplete = () => resolve();
          transaction.onerror = () => reject(transaction.error ?? new Error('IndexedDB failed'));
        });
        database.close();
      },
      { cell: cellId, verifierKey: pinned },
    );
    await a.reload();
    await a.locator('[data-testid="record-alarm-log-key"][data-code="log_key_changed"]').waitFor({ timeout: VERIFIED_WITHIN_MS });
    await a.getByTestId('nav-record').click();
    await a.getByTestId('log-key-changed').waitFor();
    expect(await a.getByTestId('log-key-fingerprint').getAttribute('title')).toBe(pinned);
    for (const compartment of ['plenary', 'caucus-sy']) {
      await a.locator(`[data-testid="record-compartment-${compartment}"][data-cosign="stopped"]`).waitFor();
    }
    await harness.screenshot(a, 'alarm-log-key-changed');
    expect(harness.pageErrors).toEqual([]);
  });
});
