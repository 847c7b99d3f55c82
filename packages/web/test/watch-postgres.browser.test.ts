import { describe, expect, it } from 'vitest';
import { chromiumAvailable, postgresAvailable } from '../../../test-support/environment.ts';
import { useBrowserHarness } from './browser-harness.ts';
import { openConsole, openTrack, raiseAlert, receivedAtOf } from './watch-steps.ts';

/**
 * The alert round trip on PostgreSQL with two server instances sharing one fresh database:
 * the Syrian duty officer's browser talks to instance 1, the Israeli one's to instance 2, so
 * the alert, its acknowledgment and presence all cross the instances' fan-out.
 */

const VISIBLE_WITHIN_MS = 1000;
const withPostgres = chromiumAvailable() && (await postgresAvailable());

describe.runIf(withPostgres)('the duty console on PostgreSQL, two instances', () => {
  const harness = useBrowserHarness('fusion-cell-watch-pg-', { postgresInstances: 2 });

  it('shows an alert raised on one instance to a browser on the other within a second, and returns the acknowledgment', async () => {
    const sy = await openConsole(harness, 'sy.duty1', { instance: 0 });
    const il = await openConsole(harness, 'il.duty1', { instance: 1 });
    expect(new URL(sy.url()).port).not.toBe(new URL(il.url()).port);
    // Each sees the other on watch, though connected to the other instance.
    await sy.locator('[data-testid="presence-il"]:not([data-count="0"])').waitFor();
    await il.locator('[data-testid="presence-sy"]:not([data-count="0"])').waitFor();

    const alert = await raiseAlert(sy, { title: 'Helicopter crossing the line west of the crossing point', severity: 'flash' });
    const entry = il.getByTestId(`urgent-${alert.id}`);
    await entry.waitFor({ timeout: 5000 });
    const seenByTest = Date.now();
    const shownAt = Number(await entry.getAttribute('data-shown-at'));
    const receivedAt = await receivedAtOf(il, alert.id);
    console.log(`PostgreSQL, across instances: alert → visible ${shownAt - receivedAt} ms after the cell received it; ${seenByTest - alert.clickedAt} ms from the click`);
    expect(shownAt - receivedAt).toBeLessThan(VISIBLE_WITHIN_MS);
    await expect.poll(async () => Number(await il.getByTestId('urgent-banner').getAttribute('data-sound-started'))).toBeGreaterThanOrEqual(1);
    await harness.screenshot(il, 'watch-postgres-alert-en');

    const ackClickedAt = Date.now();
    await il.getByTestId('urgent-banner').getByTestId('ack-received').click();
    await il.getByTestId('urgent-banner').waitFor({ state: 'detached' });
    await openTrack(sy, 'deescalation', 'plenary');
    await sy.getByTestId(`item-${alert.id}`).getByTestId('ack-status').locator('li[data-party="il"][data-level="received"]').waitFor({ timeout: 5000 });
    console.log(`PostgreSQL, across instances: acknowledgment → visible to the sender ${Date.now() - ackClickedAt} ms from the click`);
    await sy.getByTestId(`answers-${alert.id}`).locator('[data-type="ack"][data-verdict="verified"]').waitFor({ timeout: 15_000 });
    expect(harness.pageErrors).toEqual([]);
  });
});
