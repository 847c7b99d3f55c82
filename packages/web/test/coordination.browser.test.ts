import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../../../test-support/environment.ts';
import { useBrowserHarness } from './browser-harness.ts';
import { entriesOf, openConsole, openTrack, VERIFIED_WITHIN_MS } from './watch-steps.ts';

/**
 * The other acts of coordination, across the three parties of the demo cell: a read-back,
 * a clarification and its reply, an explanation request answered, contested and taken to a
 * meeting by the supervisor, a link check, the channel suspended and resumed, and where a
 * party's escalations go. Each is signed in the browser and rendered, threaded under the
 * item it answers, in every party's browser.
 */

describe.runIf(chromiumAvailable())('coordination in Chromium', () => {
  const harness = useBrowserHarness('fusion-cell-coordination-');
  let sy: Page;
  let il: Page;
  let us: Page;

  /** The item in the inbox card whose type is `type`, found in the page's own inbox. */
  async function owed(page: Page, type: string): Promise<string> {
    const item = await page.evaluate(async (type) => {
      const inbox = (await (await fetch('/api/v1/inbox?view=mine')).json()) as { entries: { item: string; type: string }[] };
      return inbox.entries.find((entry) => entry.type === type)?.item;
    }, type);
    if (!item) throw new Error(`nothing of type ${type} is owed`);
    return item;
  }

  it('answers the opening message with a read-back in the officer’s own language', async () => {
    sy = await openConsole(harness, 'sy.duty1');
    il = await openConsole(harness, 'il.duty1');
    us = await openConsole(harness, 'us.duty1');
    const message = await owed(il, 'message');
    const card = il.getByTestId(`inbox-${message}`);
    expect(await card.getAttribute('data-required')).toBe('understood');
    expect(await card.getByTestId('countdown').getAttribute('data-state')).toBe('due');
    await card.getByTestId('ack-read-back-toggle').click();
    const readBack = 'נקלט: נשלח את לוח המשמרות לשבוע הראשון עד הערב.';
    await card.getByTestId('ack-read-back').fill(readBack);
    await card.getByTestId('ack-language').selectOption('he');
    await card.getByTestId('ack-understood').click();
    await card.waitFor({ state: 'detached' });

    await openTrack(us, 'general', 'plenary');
    const ack = us.getByTestId(`answers-${message}`).locator('[data-type="ack"]').filter({ has: us.getByTestId('ack-read-back') });
    await ack.getByTestId('ack-read-back').waitFor();
    expect(await ack.getByTestId('ack-read-back').textContent()).toBe(readBack);
    expect(await ack.getByTestId('ack-read-back').getAttribute('dir')).toBe('rtl');
    await us.getByTestId(`item-${message}`).getByTestId('ack-status').locator('li[data-party="il"][data-level="understood"]').waitFor();
    await us.getByTestId(`item-${message}`).getByTestId('ack-status').locator('li[data-party="sy"][data-level="none"]').waitFor();
    expect(harness.pageErrors).toEqual([]);
  });

  it('threads a clarification and its reply under the item', async () => {
    await openTrack(sy, 'general', 'plenary');
    await sy.getByTestId('compose-text').fill('Our liaison team will cross at the northern gate at 09:00 tomorrow.');
    await sy.getByTestId('compose-send').click();
    const status = sy.locator('[data-testid="compose-status"]:is([data-state="appended"], [data-state="verified"])');
    await status.waitFor();
    const message = (await status.getAttribute('data-item-id')) ?? '';

    await openTrack(il, 'general', 'plenary');
    const item = il.getByTestId(`item-${message}`);
    await item.getByTestId('action-clarify').click();
    await item.getByTestId('clarify-form-submit').click();
    await item.getByTestId('clarify-form-missing').waitFor();
    await item.getByTestId('clarify-form-text').fill('Which crossing point exactly, and how many people?');
    await item.getByTestId('clarify-form-submit').click();
    const question = il.getByTestId(`answers-${message}`).locator('[data-type="clarification"]');
    await question.waitFor();
    const clarification = (await question.getAttribute('data-item-id')) ?? '';

    // Syria owes the reply: it is in its queue, with the reply form.
    await sy.getByTestId('nav-watch').click();
    const card = sy.getByTestId(`inbox-${clarification}`);
    await card.waitFor();
    expect(await card.getAttribute('data-required')).toBe('clarification.reply');
    await card.getByTestId('reply-form-text').fill('البوابة الشمالية في القنيطرة، أربعة أشخاص.');
    await card.getByTestId('reply-form-language').selectOption('ar');
    await card.getByTestId('reply-form-submit').click();
    await card.waitFor({ state: 'detached' });

    // Israel reads the answer under the question, under the message, right to left.
    const reply = il.getByTestId(`answers-${clarification}`).locator('[data-type="clarification.reply"]');
    await reply.getByTestId('reply-answer').waitFor();
    expect(await reply.getByTestId('reply-answer').getAttribute('lang')).toBe('ar');
    await il.getByTestId(`item-${clarification}`).getByTestId('ack-status').locator('li[data-party="sy"][data-replied="true"]').waitFor();
    await harness.screenshot(il, 'thread-clarification-en');
    expect(harness.pageErrors).toEqual([]);
  });

  it('lets the supervisor convene a meeting on an explanation request whose reply was contested', async () => {
    await sy.getByTestId('explanation-open').click();
    await sy.getByTestId('explanation-question-input').fill('Explain the armoured column observed moving towards the separation line.');
    await sy.getByTestId('explanation-activity-input').fill('Twelve tracked vehicles, heading south-west.');
    await sy.getByTestId('explanation-observed-at').fill('2026-01-07T04:10');
    await sy.getByTestId('explanation-submit').click();
    const asked = sy.locator('[data-testid="explanation-status"]:is([data-state="appended"], [data-state="verified"])');
    await asked.waitFor();
    const request = (await asked.getAttribute('data-item-id')) ?? '';

    // Israel owes the explanation; it answers from its queue.
    await il.getByTestId('nav-watch').click();
    const card = il.getByTestId(`inbox-${request}`);
    await card.waitFor();
    expect(await card.getAttribute('data-required')).toBe('explanation.reply');
    await card.getByTestId('explanation-question').waitFor();
    await card.getByTestId('reply-form-text').fill('A scheduled rotation of units, inside our own area.');
    await card.getByTestId('reply-form-submit').click();
    await card.waitFor({ state: 'detached' });

    // No meeting to convene while the reply stands.
    await openTrack(us, 'deescalation', 'plenary');
    const requestItem = us.getByTestId(`item-${request}`);
    await us.getByTestId(`answers-${request}`).locator('[data-type="explanation.reply"]').waitFor();
    expect(await requestItem.getByTestId('action-convene').count()).toBe(0);

    // Syria contests the explanation, with its reason.
    await openTrack(sy, 'deescalation', 'plenary');
    const reply = sy.getByTestId(`answers-${request}`).locator('[data-type="explanation.reply"]');
    await reply.getByTestId('action-ack').click();
    await reply.getByTestId('ack-contested').click();
    await reply.getByTestId('ack-reason').fill('The column was seen outside the area the rotation plan names.');
    await reply.getByTestId('ack-contest-confirm').click();
    await reply.getByTestId('ack-final').waitFor();

    // Now the supervisor may convene a meeting, and does.
    await requestItem.getByTestId('action-convene').click();
    const convene = requestItem.getByTestId('meeting-form');
    await convene.getByTestId('meeting-round').fill('1');
    await convene.getByTestId('meeting-title').fill('Clarify the armoured movement near the separation line.');
    await convene.getByTestId('meeting-starts').fill('2026-01-09T10:00');
    await convene.getByTestId('meeting-ends').fill('2026-01-09T12:00');
    await convene.getByTestId('meeting-venue').fill('UNDOF liaison office, Camp Faouar');
    await convene.getByTestId('meeting-agenda-0').fill('The armoured movement of 8 January');
    await convene.getByTestId('meeting-submit').click();
    // The meeting refers to the request first: it is the meeting convened on it.
    const meeting = us.locator('[data-testid="thread"] [data-type="meeting"]').filter({ hasText: 'Camp Faouar' });
    await meeting.waitFor();
    await meeting.and(us.locator('[data-verdict="verified"]')).waitFor({ timeout: VERIFIED_WITHIN_MS });
    expect(await meeting.getByTestId('meeting-where').textContent()).toContain('UNDOF liaison office, Camp Faouar');
    expect(await requestItem.getByTestId('action-convene').count()).toBe(0);
    await sy.locator('[data-testid="thread"] [data-type="meeting"]').filter({ hasText: 'Camp Faouar' }).waitFor();
    await harness.screenshot(us, 'thread-explanation-meeting-en');
    expect(harness.pageErrors).toEqual([]);
  });

  it('checks the link: every party answers from its banner, and the check shows each answer', async () => {
    await us.getByTestId('nav-watch').click();
    await us.getByTestId('link-check-note-input').fill('Morning check');
    await us.getByTestId('link-check-submit').click();
    const sent = us.locator('[data-testid="link-check-status"]:is([data-state="appended"], [data-state="verified"])');
    await sent.waitFor();
    const check = (await sent.getAttribute('data-item-id')) ?? '';

    await sy.getByTestId('nav-watch').click();
    const banner = sy.getByTestId(`urgent-${check}`);
    await banner.waitFor();
    expect(await banner.getAttribute('data-type')).toBe('link.check');
    await banner.getByTestId('ack-received').click();
    await banner.waitFor({ state: 'detached' });

    const latest = us.locator(`[data-testid="link-check-latest"][data-item="${check}"]`);
    await latest.locator('li[data-party="sy"][data-level="received"]').waitFor();
    await latest.locator('li[data-party="il"][data-level="none"]').waitFor();
    await il.getByTestId(`urgent-${check}`).getByTestId('ack-received').click();
    await latest.locator('li[data-party="il"][data-level="received"]').waitFor();
    expect(harness.pageErrors).toEqual([]);
  });

  it('shows a suspension of the channel by a head of delegation to everyone, until it is resumed', async () => {
    const head = await openConsole(harness, 'sy.head');
    const form = head.getByTestId('channel-form');
    expect(await form.getAttribute('data-action')).toBe('suspend');
    await form.getByTestId('channel-submit').click();
    await form.getByTestId('channel-reason-missing').waitFor();
    await form.getByTestId('channel-reason').fill('تعليق مؤقت لحين مراجعة الحادث الأخير.');
    await form.getByTestId('channel-language').selectOption('ar');
    await form.getByTestId('channel-submit').click();
    for (const page of [il, us, head]) await page.locator('[data-testid="channel-state"][data-status="suspended"]').waitFor();
    await il.locator('[data-testid="channel-panel"][data-status="suspended"]').getByTestId('channel-panel-reason').waitFor();
    // A duty officer may not change it.
    expect(await il.getByTestId('channel-form').count()).toBe(0);
    await harness.screenshot(il, 'watch-channel-suspended-en');

    await head.locator('[data-testid="channel-form"][data-action="resume"]').getByTestId('channel-reason').fill('Review completed.');
    await head.getByTestId('channel-submit').click();
    for (const page of [il, us]) await page.locator('[data-testid="channel-state"][data-status="open"]').waitFor();
    const states = (await entriesOf(us, 'plenary')).filter((entry) => entry.envelope.type.startsWith('channel.')).map((entry) => entry.envelope.type);
    expect(states).toEqual(['channel.suspended', 'channel.resumed']);
    expect(harness.pageErrors).toEqual([]);
  });

  it('lets the party administrator say where escalations go', async () => {
    const admin = await harness.newPage();
    await harness.logIn(admin, 'sy.admin');
    await admin.getByTestId('nav-admin').click();
    const panel = admin.getByTestId('notification-settings');
    await panel.getByTestId('notification-emails').fill('watch@sy.example\nnot an address');
    await panel.getByTestId('notification-save').click();
    await panel.locator('[data-testid="notification-problem"][data-field="emails"]').waitFor();
    await panel.getByTestId('notification-emails').fill('watch@sy.example\nhead@sy.example');
    await panel.getByTestId('notification-webhooks').fill('https://ops.sy.example/hooks/fusion-cell');
    await panel.getByTestId('notification-save').click();
    await panel.getByTestId('notification-saved').waitFor();
    await admin.reload();
    await admin.getByTestId('notification-settings').getByTestId('notification-emails').waitFor();
    await expect.poll(() => admin.getByTestId('notification-emails').inputValue()).toBe('watch@sy.example\nhead@sy.example');
    expect(await admin.getByTestId('notification-webhooks').inputValue()).toBe('https://ops.sy.example/hooks/fusion-cell');
    await harness.screenshot(admin, 'admin-notifications-en');
    expect(harness.pageErrors).toEqual([]);
  });
});
