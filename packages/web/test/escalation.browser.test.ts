import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../../../test-support/environment.ts';
import { useBrowserHarness } from './browser-harness.ts';
import { entriesOf, openConsole, openTrack, raiseAlert, receivedAtOf, streamLive, VERIFIED_WITHIN_MS } from './watch-steps.ts';

/**
 * Deadlines and escalation, on a cell whose alerts must be acknowledged within seconds: an
 * alert nobody answers is escalated to the supervisor on time (the cell-signed entry in the
 * thread, the overdue view), and still is when the server was down at the deadline: once it
 * is back, the escalation appears at once, exactly once.
 */

const WITHIN_SECONDS = 8;
/** Timer ticks (1 s), the stream and the browser's checks, with room for a loaded machine. */
const ESCALATED_WITHIN_MS = 5000;

describe.runIf(chromiumAvailable())('escalation in Chromium', () => {
  const harness = useBrowserHarness('fusion-cell-escalation-', {
    scenario: (scenario) => {
      // One rule for every alert, whatever its severity: the cell falls back to it.
      for (const severity of ['flash', 'immediate', 'priority']) delete scenario['rules']['acknowledgments'][`alert.${severity}`];
      scenario['rules']['acknowledgments']['alert'] = { level: 'received', within: `PT${WITHIN_SECONDS}S`, remindBefore: 'PT4S', urgent: true };
      scenario['rules']['urgentRepeatEvery'] = 'PT5S';
      // Not the default level: the threads must read the cell's own rules.
      scenario['rules']['acknowledgments']['message'] = { level: 'accepted', within: 'PT24H', remindBefore: 'PT2H' };
    },
  });
  let sy: Page;
  let il: Page;
  let us: Page;

  /** The cell's escalation entries about an item in the plenary, as the server serves them. */
  async function escalationsOf(page: Page, item: string) {
    return (await entriesOf(page, 'plenary')).filter((entry) => entry.envelope.type === 'escalation' && entry.envelope.payload['item'] === item);
  }

  it('escalates an unacknowledged alert to the supervisor on time', async () => {
    sy = await openConsole(harness, 'sy.duty1');
    il = await openConsole(harness, 'il.duty1');
    us = await openConsole(harness, 'us.duty1');
    const alert = await raiseAlert(sy, { title: 'Shots fired across the line at the northern crossing', severity: 'flash' });
    await il.getByTestId(`urgent-${alert.id}`).waitFor();
    const dueAt = Date.parse((await il.getByTestId(`inbox-${alert.id}`).getByTestId('countdown').getAttribute('data-due-at')) ?? '');
    expect(dueAt - (await receivedAtOf(il, alert.id))).toBe(WITHIN_SECONDS * 1000);

    // Before the deadline: a reminder to Israel's watch, then a repeat of the alarm.
    await il.locator(`[data-testid="notification"][data-kind="reminder"][data-item="${alert.id}"]`).waitFor({ timeout: WITHIN_SECONDS * 1000 });
    await il.locator(`[data-testid="notification"][data-kind="urgent-repeat"][data-item="${alert.id}"]`).waitFor({ timeout: WITHIN_SECONDS * 1000 });
    expect(Number(await il.getByTestId('urgent-banner').getAttribute('data-sound-started'))).toBeGreaterThanOrEqual(2);

    // The supervisor's overdue view shows who owes what since when, and that it was escalated.
    const row = us.locator(`[data-testid="overdue-${alert.id}-il"][data-escalated="true"]`);
    await row.waitFor({ timeout: dueAt - Date.now() + ESCALATED_WITHIN_MS });
    console.log(`escalation in the supervisor's overdue view ${Date.now() - dueAt} ms after the deadline`);
    // The supervisor hears every party's escalations: the notification says whose it is.
    const notification = us.locator(`[data-testid="notification"][data-kind="escalation"][data-item="${alert.id}"][data-party="il"]`);
    await notification.waitFor();
    expect(await notification.getByTestId('notification-party').textContent()).toContain('Israel');
    expect(await il.locator(`[data-testid="notification"][data-item="${alert.id}"]`).getByTestId('notification-party').count()).toBe(0);
    await harness.screenshot(us, 'watch-overdue-supervisor-en');

    // The entry itself, signed by the cell and verified in the supervisor's browser, under the alert.
    await openTrack(us, 'deescalation', 'plenary');
    const escalation = us.getByTestId(`answers-${alert.id}`).locator('[data-type="escalation"]');
    await us.getByTestId(`answers-${alert.id}`).locator('[data-type="escalation"][data-verdict="verified"]').waitFor({ timeout: VERIFIED_WITHIN_MS });
    expect(await escalation.getByTestId('escalation-content').getAttribute('data-party')).toBe('il');
    expect(await escalation.getByTestId('escalation-content').getAttribute('data-kind')).toBe('acknowledgment-overdue');
    expect(await escalation.getByTestId('item-author').textContent()).not.toBe('');
    const status = us.getByTestId(`item-${alert.id}`).getByTestId('ack-status');
    await status.locator('li[data-party="il"][data-level="none"][data-escalated="true"]').waitFor();
    // What is owed and by when, from the cell's rules: received, within eight seconds.
    expect(await status.getAttribute('data-required')).toBe('received');
    expect(Date.parse((await status.getAttribute('data-due-at')) ?? '')).toBe(dueAt);
    await harness.screenshot(us, 'thread-escalation-en');

    // Israel's console says it was escalated; its banner stays until it answers.
    await il.locator(`[data-testid="inbox-${alert.id}"] [data-testid="countdown"][data-state="escalated"]`).waitFor();
    await il.getByTestId(`urgent-${alert.id}`).waitFor();
    await harness.screenshot(il, 'watch-escalated-side-en');
    expect(await escalationsOf(us, alert.id)).toHaveLength(1);

    // The opening message asks for an acknowledgment: at the level this cell's rules set, not the default one.
    await openTrack(us, 'general', 'plenary');
    await us.locator('[data-testid="ack-status"][data-required="accepted"]').first().waitFor({ timeout: VERIFIED_WITHIN_MS });
    expect(await us.locator('[data-testid="ack-status"][data-required="understood"]').count()).toBe(0);
    expect(harness.pageErrors).toEqual([]);
  });

  it('escalates at once, exactly once, when the server was down at the deadline', async () => {
    await us.getByTestId('nav-watch').click();
    const alert = await raiseAlert(sy, { title: 'Mortar impacts reported inside the buffer zone', severity: 'immediate' });
    await il.getByTestId(`urgent-${alert.id}`).waitFor();
    const dueAt = Date.parse((await il.getByTestId(`inbox-${alert.id}`).getByTestId('countdown').getAttribute('data-due-at')) ?? '');
    await openTrack(us, 'deescalation', 'plenary');
    await us.getByTestId(`item-${alert.id}`).waitFor();

    // The operator stops the server before the deadline, and starts it again after it.
    expect(dueAt - Date.now()).toBeGreaterThan(2000);
    expect(await harness.stopServer()).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, dueAt - Date.now() + 1500));
    await harness.restartServer();
    const restartedAt = Date.now();

    const escalation = us.getByTestId(`answers-${alert.id}`).locator('[data-type="escalation"]');
    await escalation.first().waitFor({ timeout: ESCALATED_WITHIN_MS });
    console.log(`escalation shown ${Date.now() - restartedAt} ms after the restart (deadline passed ${restartedAt - dueAt} ms before it)`);
    // Exactly once: in the record, in the supervisor's thread, and it stays so.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(await escalationsOf(us, alert.id)).toHaveLength(1);
    expect(await escalation.count()).toBe(1);
    await us.getByTestId(`answers-${alert.id}`).locator('[data-type="escalation"][data-verdict="verified"]').waitFor({ timeout: VERIFIED_WITHIN_MS });
    // The earlier escalation was not repeated either, and the stream dropped what it got twice.
    const entries = await entriesOf(us, 'plenary');
    expect(entries.filter((entry) => entry.envelope.type === 'escalation')).toHaveLength(2);
    await us.getByTestId('nav-watch').click();
    await streamLive(us);
    const status = us.getByTestId('stream-status');
    expect(Number(await status.getAttribute('data-connections'))).toBeGreaterThanOrEqual(2);
    await us.locator(`[data-testid="overdue-${alert.id}-il"][data-escalated="true"]`).waitFor();
    await harness.screenshot(us, 'watch-after-restart-en');
    // No item shows twice in the supervisor's thread after the reconnection.
    await openTrack(us, 'deescalation', 'plenary');
    const ids = await us.locator('[data-testid="thread"] [data-item-id]').evaluateAll((items) => items.map((item) => item.getAttribute('data-item-id')));
    expect(new Set(ids).size).toBe(ids.length);
    expect(harness.pageErrors).toEqual([]);
  });
});
