import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../../../test-support/environment.ts';
import { useBrowserHarness, VIEWPORT } from './browser-harness.ts';
import { entriesOf, openConsole, openTrack, raiseAlert, receivedAtOf, streamLive, VERIFIED_WITHIN_MS } from './watch-steps.ts';

/**
 * The duty officer's console, in two (then three) browsers on the demo cell: a Syrian duty
 * officer raises an alert; the Israeli one sees it within a second with the banner and the
 * alarm, acknowledges it in one click, and the Syrian side sees the acknowledgment. Then the
 * levels above it: a contest asks for its reason, nothing is acknowledged twice, and the
 * console and banner mirror in Arabic.
 */

const VISIBLE_WITHIN_MS = 1000;
const TITLE = 'Unannounced convoy moving south of the line near Quneitra';
const DESCRIPTION = 'About twenty vehicles observed at 04:10; please confirm whether they are yours.';

describe.runIf(chromiumAvailable())('the duty console in Chromium', () => {
  const harness = useBrowserHarness('fusion-cell-watch-');
  let sy: Page;
  let il: Page;
  let alertId = '';

  it('shows an alert to the other side within a second, with banner and alarm, and returns the acknowledgment', async () => {
    sy = await openConsole(harness, 'sy.duty1');
    il = await openConsole(harness, 'il.duty1');
    await harness.screenshot(il, 'watch-empty-en');

    const raised = await raiseAlert(sy, { title: TITLE, description: DESCRIPTION, severity: 'flash' });
    alertId = raised.id;
    const entry = il.getByTestId(`urgent-${alertId}`);
    await entry.waitFor({ timeout: 5000 });
    const seenByTest = Date.now();
    const receivedAt = await receivedAtOf(il, alertId);
    const shownAt = Number(await entry.getAttribute('data-shown-at'));
    console.log(
      `alert → visible on the other side: ${shownAt - receivedAt} ms after the cell received it; ${seenByTest - raised.clickedAt} ms from the click (signing, sending, test polling included)`,
    );
    expect(shownAt - receivedAt).toBeLessThan(VISIBLE_WITHIN_MS);

    // The banner: the title in its language, the countdown running, the alarm started.
    const banner = il.getByTestId('urgent-banner');
    expect(await entry.getByTestId('urgent-title').textContent()).toBe(TITLE);
    expect(await entry.getByTestId('urgent-title').getAttribute('lang')).toBe('en');
    expect(await entry.getByTestId('countdown').getAttribute('data-state')).toBe('due');
    await expect.poll(async () => Number(await banner.getAttribute('data-sound-started'))).toBeGreaterThanOrEqual(1);
    expect(['playing', 'idle']).toContain(await banner.getAttribute('data-sound'));
    // Not dismissable: there is nothing to close it with but the answer.
    expect(await banner.getByRole('button').evaluateAll((buttons) => buttons.map((button) => button.getAttribute('data-testid')))).toEqual(['ack-received']);

    // The console lists it as the most urgent thing, verified here, with its countdown.
    const card = il.getByTestId(`inbox-${alertId}`);
    await card.waitFor();
    expect(await card.getAttribute('data-urgent')).toBe('true');
    await card.locator(`[data-testid="item-${alertId}"][data-verdict="verified"]`).waitFor({ timeout: VERIFIED_WITHIN_MS });
    expect(await card.getByTestId('alert-title').textContent()).toBe(TITLE);
    expect(await card.getByTestId('alert-severity').textContent()).not.toBe('');
    // The track's badge counts it with what the demo's de-escalation history leaves open for Israel.
    const trackBadge = il.getByTestId('nav-badge-deescalation');
    await trackBadge.waitFor();
    const openInTrack = Number(await trackBadge.getAttribute('data-open'));
    expect(openInTrack).toBeGreaterThanOrEqual(1);
    // The console's badge counts everything owed (the demo's opening message asks for an acknowledgment too).
    const owed = await il.getByTestId('needs-action-count').getAttribute('data-count');
    expect(Number(owed)).toBeGreaterThanOrEqual(1);
    expect(await il.getByTestId('nav-badge-watch').getAttribute('data-open')).toBe(owed);
    await harness.screenshot(il, 'watch-alert-banner-en');

    // One click in the banner acknowledges it; the banner goes, the queue empties.
    const ackClickedAt = Date.now();
    await banner.getByTestId('ack-received').click();
    await banner.waitFor({ state: 'detached' });
    await card.waitFor({ state: 'detached' });
    await il.waitForFunction((before) => Number(document.querySelector('[data-testid="nav-badge-deescalation"]')?.getAttribute('data-open') ?? 0) === before - 1, openInTrack);

    // The Syrian side sees Israel's acknowledgment on the alert, from the record.
    await openTrack(sy, 'deescalation', 'plenary');
    const status = sy.getByTestId(`item-${alertId}`).getByTestId('ack-status');
    await status.locator('li[data-party="il"][data-level="received"]').waitFor({ timeout: 5000 });
    console.log(`acknowledgment → visible to the sender: ${Date.now() - ackClickedAt} ms from the click`);
    const answers = sy.getByTestId(`answers-${alertId}`);
    await answers.locator('[data-type="ack"][data-verdict="verified"]').waitFor({ timeout: VERIFIED_WITHIN_MS });
    expect(await answers.locator('[data-type="ack"]').getByTestId('ack-level').getAttribute('class')).toContain('ack-level-received');
    await harness.screenshot(sy, 'thread-alert-acknowledged-en');
    expect(harness.pageErrors).toEqual([]);
  });

  it('asks for the reason of a contest, and never acknowledges twice', async () => {
    await openTrack(il, 'deescalation', 'plenary');
    const item = il.getByTestId(`item-${alertId}`);
    await item.getByTestId('action-ack').click();
    const actions = item.getByTestId('ack-actions');
    // Received is signed already: only the levels above it are offered.
    expect(await actions.getAttribute('data-current')).toBe('received');
    expect(await actions.getByTestId('ack-received').count()).toBe(0);
    for (const level of ['understood', 'accepted', 'contested']) expect(await actions.getByTestId(`ack-${level}`).count()).toBe(1);

    // A contest asks for its reason; without one nothing is signed.
    await actions.getByTestId('ack-contested').click();
    await actions.getByTestId('ack-reason').waitFor();
    await actions.getByTestId('ack-contest-confirm').click();
    await actions.getByTestId('ack-reason-missing').waitFor();
    expect(await actions.getByTestId('ack-submit-status').count()).toBe(0);
    await harness.screenshot(il, 'ack-contest-reason-en');

    const reason = 'הכוח שנצפה הוא שלנו ונמצא בתחום המותר לפי הסכם ההפרדה.';
    await actions.getByTestId('ack-reason').fill(reason);
    await actions.getByTestId('ack-language').first().selectOption('he');
    await actions.getByTestId('ack-contest-confirm').click();
    await actions.locator('[data-testid="ack-submit-status"]:is([data-state="appended"], [data-state="verified"])').waitFor();
    // A final answer: nothing more is offered.
    await actions.getByTestId('ack-final').waitFor();
    expect(await actions.locator('button[data-testid^="ack-"]').count()).toBe(0);

    // Syria reads the contest, and its reason in Hebrew, right to left.
    const status = sy.getByTestId(`item-${alertId}`).getByTestId('ack-status');
    await status.locator('li[data-party="il"][data-level="contested"]').waitFor({ timeout: 5000 });
    const contest = sy.getByTestId(`answers-${alertId}`).locator('[data-type="ack"]').filter({ has: sy.getByTestId('ack-reason') });
    expect(await contest.getByTestId('ack-reason').textContent()).toBe(reason);
    expect(await contest.getByTestId('ack-reason').getAttribute('lang')).toBe('he');
    expect(await contest.getByTestId('ack-reason').getAttribute('dir')).toBe('rtl');

    // The record holds each of Israel's acknowledgments once.
    const acks = (await entriesOf(sy, 'plenary')).filter((entry) => entry.envelope.type === 'ack' && entry.envelope.references[0] === alertId);
    expect(acks.map((entry) => entry.envelope.payload['level'])).toEqual(['received', 'contested']);
    expect(harness.pageErrors).toEqual([]);
  });

  it('refuses a second acknowledgment from another workstation of the same party, and says why', async () => {
    const second = await raiseAlert(sy, { title: 'Second alert: artillery fire heard near the crossing', severity: 'immediate' });
    // il.duty2's console stops hearing the stream, as if its network stalled, before il.duty1 answers.
    let frozen = false;
    const stale = await harness.newPage();
    await stale.routeWebSocket(/\/api\/v1\/stream$/, (socket) => {
      const server = socket.connectToServer();
      server.onMessage((message) => {
        if (!frozen) socket.send(message);
      });
    });
    await stale.reload();
    await harness.logIn(stale, 'il.duty2');
    await harness.deviceApproved(stale);
    await streamLive(stale);
    await stale.getByTestId(`urgent-${second.id}`).waitFor();
    frozen = true;

    await il.getByTestId('urgent-banner').getByTestId(`urgent-${second.id}`).getByTestId('ack-received').click();
    await il.getByTestId(`urgent-${second.id}`).waitFor({ state: 'detached' });

    // The stale console still offers "received"; the cell refuses the second one, and it says so.
    await stale.getByTestId(`urgent-${second.id}`).getByTestId('ack-received').click();
    await stale.locator('[data-testid="ack-submit-status"][data-code="conflict"]').waitFor();
    await harness.screenshot(stale, 'ack-conflict-en');
    const acks = (await entriesOf(sy, 'plenary')).filter((entry) => entry.envelope.type === 'ack' && entry.envelope.references[0] === second.id);
    expect(acks).toHaveLength(1);
    // Its inbox, asked again after the refusal, no longer lists the alert: the banner goes.
    await stale.getByTestId(`urgent-${second.id}`).waitFor({ state: 'detached' });
    expect(harness.pageErrors).toEqual([]);
  });

  it('keeps the alarm muted across reloads, and asks for desktop notifications only from its button', async () => {
    const page = await openConsole(harness, 'il.duty2');
    const permission = page.getByTestId('notifications-permission');
    // Nothing was asked on load.
    expect(await permission.getAttribute('data-permission')).toBe('default');
    await page.context().grantPermissions(['notifications']);
    await permission.click();
    await page.locator('[data-testid="notifications-permission"][data-permission="granted"]').waitFor();

    await page.getByTestId('sound-toggle').click();
    await page.locator('[data-testid="sound-toggle"][data-muted="true"]').waitFor();
    await page.reload();
    await page.locator('[data-testid="sound-toggle"][data-muted="true"]').waitFor();
    // Muted, a new alert shows its banner but does not sound.
    const muted = await raiseAlert(sy, { title: 'Muted watch: a drill alert', severity: 'immediate' });
    const banner = page.getByTestId('urgent-banner');
    await banner.getByTestId(`urgent-${muted.id}`).waitFor();
    expect(await banner.getAttribute('data-sound')).toBe('muted');
    expect(await banner.getAttribute('data-sound-started')).toBe('0');
    await page.getByTestId('sound-toggle').click();
    await page.locator('[data-testid="sound-toggle"][data-muted="false"]').waitFor();
    await page.close();
    expect(harness.pageErrors).toEqual([]);
  });

  it('mirrors the console and the banner in Arabic', async () => {
    const third = await raiseAlert(sy, { title: 'إنذار: تحليق طائرة مسيّرة فوق المنطقة العازلة', description: 'شوهدت طائرة مسيّرة على ارتفاع منخفض.', severity: 'immediate', language: 'ar' });
    await il.getByTestId('nav-watch').click();
    await harness.setLanguage(il, 'ar');
    const entry = il.getByTestId(`urgent-${third.id}`);
    await entry.waitFor();
    expect(await harness.documentDirection(il)).toEqual({ dir: 'rtl', lang: 'ar' });
    expect(await harness.navigationSide(il)).toBe('right');
    // The title keeps its own language and direction; the banner's answer sits on the inline end (the left).
    expect(await entry.getByTestId('urgent-title').getAttribute('dir')).toBe('rtl');
    const what = await entry.locator('.urgent-entry-what').boundingBox();
    const answer = await entry.locator('.urgent-entry-actions').boundingBox();
    expect(what && answer && answer.x < what.x).toBe(true);
    const card = il.getByTestId(`inbox-${third.id}`);
    await card.locator(`[data-testid="item-${third.id}"][data-verdict="verified"]`).waitFor({ timeout: VERIFIED_WITHIN_MS });
    await harness.screenshot(il, 'watch-alert-banner-ar');
    await harness.setLanguage(il, 'he');
    await harness.screenshot(il, 'watch-alert-banner-he');
    // On a phone, the console and its banner fit the width: nothing scrolls sideways.
    await il.setViewportSize({ width: 390, height: 844 });
    expect(await il.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await harness.screenshot(il, 'watch-alert-banner-he-phone');
    await il.setViewportSize(VIEWPORT);
    await harness.setLanguage(il, 'en');
    expect(harness.pageErrors).toEqual([]);
  });

  it("counts down to a deadline by the server's clock when the workstation's runs an hour fast", async () => {
    const skew = 3_600_000;
    const fast = await harness.newPage();
    await fast.clock.install({ time: Date.now() + skew });
    await fast.reload();
    await harness.logIn(fast, 'il.duty2');
    await harness.deviceApproved(fast);
    await fast.getByTestId('page-watch').waitFor();
    await streamLive(fast);
    // The stream's welcome carried the server's clock: the skew is measured, give or take the transit.
    const offset = Number(await fast.getByTestId('stream-status').getAttribute('data-clock-offset'));
    expect(Math.abs(offset + skew)).toBeLessThan(5000);

    const late = await raiseAlert(sy, { title: 'Clock check: a flare seen over the crossing', severity: 'immediate' });
    const countdown = fast.getByTestId(`urgent-${late.id}`).getByTestId('countdown');
    await countdown.waitFor();
    // By the browser's own clock the half hour was over long ago; by the server's it has just begun.
    expect(await countdown.getAttribute('data-state')).toBe('due');
    expect(await fast.getByTestId(`inbox-${late.id}`).getByTestId('countdown').getAttribute('data-state')).toBe('due');
    await harness.screenshot(fast, 'watch-clock-skew-en');
    await fast.close();
    expect(harness.pageErrors).toEqual([]);
  });
});
