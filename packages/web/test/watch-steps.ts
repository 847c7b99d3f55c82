import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { BrowserHarness } from './browser-harness.ts';

/** Steps the console's browser tests share, found by data-testid only. */

export const LIVE_WITHIN_MS = 15_000;
export const VERIFIED_WITHIN_MS = 15_000;

/** Logs in on a fresh profile and waits for the device and the live stream. */
export async function openConsole(harness: BrowserHarness, username: string, options: { instance?: number; locale?: string } = {}): Promise<Page> {
  const page = await harness.newPage(options);
  await harness.logIn(page, username);
  await harness.deviceApproved(page);
  await page.getByTestId('page-watch').waitFor();
  await streamLive(page);
  return page;
}

export async function streamLive(page: Page, timeout = LIVE_WITHIN_MS): Promise<void> {
  await page.locator('[data-testid="stream-status"][data-state="live"]').waitFor({ timeout });
}

export interface RaisedAlert {
  id: string;
  /** When the test clicked "raise", epoch ms. */
  clickedAt: number;
}

/** Raises an alert from the console and returns its item id once the cell entered it. */
export async function raiseAlert(page: Page, alert: { title: string; description?: string; severity?: 'flash' | 'immediate' | 'priority'; compartment?: string; language?: 'en' | 'ar' | 'he' }): Promise<RaisedAlert> {
  if ((await page.getByTestId('page-watch').count()) === 0) await page.getByTestId('nav-watch').click();
  if (!(await page.getByTestId('alert-form').isVisible())) await page.getByTestId('alert-open').click();
  await page.getByTestId('alert-title-input').fill(alert.title);
  await page.getByTestId('alert-description-input').fill(alert.description ?? '');
  await page.getByTestId(`alert-severity-${alert.severity ?? 'flash'}`).check();
  await page.getByTestId('alert-compartment').selectOption(alert.compartment ?? 'plenary');
  if (alert.language) await page.getByTestId('alert-language').selectOption(alert.language);
  const clickedAt = Date.now();
  await page.getByTestId('alert-submit').click();
  const status = page.locator('[data-testid="alert-status"]:is([data-state="appended"], [data-state="verified"])');
  await status.waitFor();
  const id = (await status.getAttribute('data-item-id')) ?? '';
  expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
  return { id, clickedAt };
}

/** The receivedAt of an inbox entry as the server reports it, epoch ms. */
export async function receivedAtOf(page: Page, item: string, view: 'mine' | 'overdue' = 'mine'): Promise<number> {
  const receivedAt = await page.evaluate(
    async ({ item, view }) => {
      const inbox = (await (await fetch(`/api/v1/inbox?view=${view}`)).json()) as { entries: { item: string; receivedAt: string }[] };
      return inbox.entries.find((entry) => entry.item === item)?.receivedAt;
    },
    { item, view },
  );
  if (!receivedAt) throw new Error(`item ${item} is not in the ${view} inbox`);
  return Date.parse(receivedAt);
}

/** Opens a track's thread in one compartment. */
export async function openTrack(page: Page, track: string, compartment: string): Promise<void> {
  await page.getByTestId(`nav-${track}`).click();
  await page.getByTestId(`page-track-${track}`).waitFor();
  // A track with views of its own (the de-escalation map) opens on its first: the thread is one of them.
  const threadView = page.getByTestId('track-view-thread');
  if ((await threadView.count()) > 0) await threadView.click();
  await page.getByTestId(`compartment-tab-${compartment}`).click();
  await page.locator(`[data-testid="compartment-panel"][data-compartment="${compartment}"]`).waitFor();
}

/** All entries of a compartment as the server serves them, parsed. */
export async function entriesOf(page: Page, compartment: string): Promise<{ index: number; id: string; envelope: { type: string; author: string; references: string[]; payload: Record<string, unknown> } }[]> {
  return page.evaluate(async (compartment) => {
    const response = await fetch(`/api/v1/compartments/${compartment}/entries?start=0&limit=1000`);
    const body = (await response.json()) as { entries: { index: number; id: string; leaf: string }[] };
    return body.entries.map((entry) => ({ index: entry.index, id: entry.id, envelope: (JSON.parse(entry.leaf) as { envelope: never }).envelope }));
  }, compartment);
}
