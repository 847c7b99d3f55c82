import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable, postgresAvailable } from '../../../test-support/environment.ts';
import { useBrowserHarness } from './browser-harness.ts';
import { downloadAndVerifyPdf, localInput, openDiplomatic, screenshots } from './diplomatic-steps.ts';
import { entriesOf, openTrack, VERIFIED_WITHIN_MS } from './watch-steps.ts';

const withPostgres = chromiumAvailable() && (await postgresAvailable());
/** How far ahead the commitment falls due: long enough to record it, short enough to wait for. */
const DUE_IN_MS = 15_000;
/** Timer ticks, the stream and the browser's checks, with room for a loaded machine. */
const ESCALATED_WITHIN_MS = 10_000;

/**
 * Meetings, minutes and commitments as the heads of delegation meet them, on each engine: the
 * supervisor convenes round 6 in plenary, the sides see it in their calendars and acknowledge
 * the invitation; the supervisor drafts the minutes, Israel amends them, all three sign version 2
 * and the minutes are agreed, downloaded as a PDF that verifies offline; a commitment recorded
 * from them goes overdue on the board and the cell escalates it.
 */
describe.each([
  { engine: 'sqlite', run: chromiumAvailable(), options: {} },
  { engine: 'postgres', run: withPostgres, options: { postgresInstances: 1 } },
])('meetings, minutes and commitments in Chromium on $engine', ({ engine, run, options }) => {
  describe.runIf(run)(engine, () => {
    const harness = useBrowserHarness(`fusion-cell-meetings-${engine}-`, options);
    let us: Page;
    let sy: Page;
    let il: Page;
    let meeting = '';
    let commitment = '';
    const screenshot = screenshots(harness, engine);
    const openMeetings = (username: string) => openDiplomatic(harness, username, 'meetings');
    const openMeeting = async (page: Page) => {
      if ((await page.getByTestId('meeting-page').count()) > 0) return;
      await page.getByTestId('track-view-meetings').click();
      await page.getByTestId(`meeting-entry-${meeting}`).getByTestId('meeting-entry-open').click();
      await page.locator(`[data-testid="meeting-page"][data-meeting="${meeting}"]`).waitFor();
    };
    const minutes = (page: Page) => page.getByTestId('minutes-versions');
    const version = (page: Page, number: number) => page.getByTestId(`minutes-version-${number}`);

    it('convenes round 6 in plenary through the form, told first what is wrong, naming a member of each side', async () => {
      // One after the other: logging in hashes a password, and the machine is shared.
      us = await openMeetings('us.chief');
      sy = await openMeetings('sy.head');
      il = await openMeetings('il.head');
      expect(await us.getByTestId('meetings-ics').getAttribute('href')).toBe('/api/v1/meetings.ics');
      await us.getByTestId('meetings-convene-open').click();
      const form = us.getByTestId('meeting-form');
      await form.getByTestId('meeting-compartment').selectOption('plenary');
      await form.getByTestId('meeting-round').fill('6');
      await form.getByTestId('meeting-title').fill('Round 6: separation of forces and the humanitarian corridor');
      const tomorrow = new Date(Date.now() + 24 * 3600_000);
      tomorrow.setHours(10, 0, 0, 0);
      await form.getByTestId('meeting-starts').fill(localInput(tomorrow));
      await form.getByTestId('meeting-ends').fill(localInput(new Date(tomorrow.getTime() - 3600_000)));
      await form.getByTestId('meeting-agenda-0').fill('Separation of forces along the line');
      await form.getByTestId('meeting-agenda-add').click();
      await form.getByTestId('meeting-agenda-1').fill('Humanitarian corridor to the south');
      // The end before the start, then no venue: each refused here, in words, before anything is signed.
      await form.getByTestId('meeting-submit').click();
      await form.locator('[data-testid="meeting-status"][data-state="invalid"][data-code="endBeforeStart"]').waitFor();
      await form.getByTestId('meeting-ends').fill(localInput(new Date(tomorrow.getTime() + 2 * 3600_000)));
      await form.getByTestId('meeting-submit').click();
      await form.getByTestId('meeting-venue-missing').waitFor();
      await form.getByTestId('meeting-venue').fill('Palais des Nations, Geneva');
      expect(await form.getByTestId('meeting-party-sy').isChecked()).toBe(true);
      // One member of each side named, from the parties taking part.
      const named: string[] = [];
      for (const party of ['sy', 'il']) {
        const member = form.locator(`[data-testid="meeting-members"] [data-party="${party}"] input[type="checkbox"]`).first();
        await member.check();
        named.push(((await member.getAttribute('data-testid')) ?? '').replace('meeting-member-', ''));
      }
      await form.getByTestId('meeting-submit').click();
      // Entered, the form folds away and the meeting shows in the calendar.
      const entry = us.locator('[data-testid^="meeting-entry-"][data-round="6"]');
      await entry.waitFor({ timeout: VERIFIED_WITHIN_MS });
      meeting = ((await entry.getAttribute('data-testid')) ?? '').replace('meeting-entry-', '');
      expect(meeting).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(await entry.getAttribute('data-state')).toBe('convened');
      await us.locator('[data-testid="meetings-convene-panel"]:not([open])').waitFor();
      const payload = (await entriesOf(us, 'plenary')).find((candidate) => candidate.id === meeting)?.envelope.payload;
      expect(payload?.['members']).toEqual(named);
      // Opened again, the form starts afresh.
      await us.getByTestId('meetings-convene-open').click();
      expect(await form.getByTestId('meeting-round').inputValue()).toBe('');
      expect(await form.locator('[data-testid="meeting-status"]').count()).toBe(0);
      await us.getByTestId('meetings-convene-open').click();
      await screenshot(us, 'meetings-calendar-en');
      expect(harness.pageErrors).toEqual([]);
    });

    it('shows it in the sides’ calendars, where each acknowledges its invitation', async () => {
      for (const [page, party] of [
        [sy, 'sy'],
        [il, 'il'],
      ] as const) {
        await page.getByTestId(`meeting-entry-${meeting}`).waitFor({ timeout: VERIFIED_WITHIN_MS });
        await openMeeting(page);
        const card = page.getByTestId(`item-${meeting}`);
        await card.getByTestId('meeting-content').waitFor();
        // The venue's zone is the reader's here: the time is said once.
        expect(await card.getByTestId('meeting-time').getAttribute('data-same-zone')).toBe('true');
        expect(await card.getByTestId('meeting-time-venue').count()).toBe(1);
        expect(await card.getByTestId('meeting-time-own').count()).toBe(0);
        expect(await card.getByTestId('meeting-members-list').textContent()).not.toBe('');
        // The invitation is owed: its acknowledgment is open without a click.
        await card.getByTestId('ack-understood').click();
        await card.locator(`[data-testid="ack-status"] li[data-party="${party}"][data-level="understood"]`).waitFor({ timeout: VERIFIED_WITHIN_MS });
      }
      await openMeeting(us);
      const status = us.getByTestId(`item-${meeting}`).getByTestId('ack-status');
      await status.locator('li[data-party="sy"][data-level="understood"]').waitFor({ timeout: VERIFIED_WITHIN_MS });
      await status.locator('li[data-party="il"][data-level="understood"]').waitFor({ timeout: VERIFIED_WITHIN_MS });
      expect(harness.pageErrors).toEqual([]);
    });

    it('agrees the minutes: drafted by the supervisor, amended by Israel, signed by all three', async () => {
      await us.getByTestId('minutes-draft-open').click();
      const draft = us.getByTestId('minutes-form');
      await draft.getByTestId('minutes-text-item-1').fill('The parties reviewed the separation of forces and the positions held since the last round.');
      await draft.getByTestId('minutes-decision-add-item-1').click();
      await draft.getByTestId('minutes-decision-item-1-0').fill('The parties withdraw heavy weapons 10 km from the line.');
      await draft.getByTestId('minutes-text-item-2').fill('The parties discussed opening a humanitarian corridor to the south.');
      await draft.getByTestId('minutes-submit').click();
      for (const page of [us, sy, il]) await minutes(page).and(page.locator('[data-count="1"]')).waitFor({ timeout: VERIFIED_WITHIN_MS });
      expect(await version(us, 1).getByTestId('minutes-decision-badge').count()).toBe(1);
      expect(await us.getByTestId('minutes-pdf').count()).toBe(0);

      // Israel proposes an amendment: the next version, prefilled from the latest.
      await version(il, 1).getByTestId('action-amend').click();
      const amend = il.getByTestId('minutes-form');
      expect(await amend.getByTestId('minutes-text-item-1').inputValue()).toContain('separation of forces');
      await amend.getByTestId('minutes-amendment').fill('Adds the date by which the corridor opens.');
      await amend.getByTestId('minutes-text-item-2').fill('The parties agreed to open a humanitarian corridor to the south within a week.');
      await amend.getByTestId('minutes-submit').click();
      for (const page of [us, sy, il]) await minutes(page).and(page.locator('[data-count="2"]')).waitFor({ timeout: VERIFIED_WITHIN_MS });

      for (const [page, party] of [
        [us, 'us'],
        [sy, 'sy'],
        [il, 'il'],
      ] as const) {
        // The stale version offers no signature; the latest does, and says which version it binds to.
        expect(await version(page, 1).getByTestId('action-sign').count()).toBe(0);
        await version(page, 2).getByTestId('action-sign').click();
        expect(await version(page, 2).getByTestId('sign-what').textContent()).toContain('2');
        await version(page, 2).getByTestId('sign-submit').click();
        await version(page, 2).locator(`[data-testid="document-status"] li[data-party="${party}"][data-acts="signature"]`).waitFor({ timeout: VERIFIED_WITHIN_MS });
      }
      for (const page of [us, sy, il]) {
        await minutes(page).and(page.locator('[data-agreed="true"]')).waitFor({ timeout: VERIFIED_WITHIN_MS });
        await page.getByTestId('minutes-agreed').waitFor();
        expect(await version(page, 2).getByTestId('action-amend').count()).toBe(0);
        expect(await version(page, 1).getByTestId('action-sign').count()).toBe(0);
      }
      // Agreed, the minutes come as a PDF (of the document, named by its version 1) that verifies offline.
      const first = await version(il, 1).getAttribute('data-item');
      expect(await il.getByTestId('minutes-pdf').getAttribute('href')).toBe(`/api/v1/documents/${first}/pdf`);
      const pdf = await downloadAndVerifyPdf(il, il.getByTestId('minutes-pdf'));
      expect(pdf.fileName).toMatch(/\.pdf$/);
      expect(pdf.downloaded).toMatchObject({ ok: true, type: 'minutes', number: 2, keyTrust: 'given', version: await minutes(il).getAttribute('data-latest') });
      expect(pdf.downloaded.ok && [...pdf.downloaded.signers].sort()).toEqual(['il', 'sy', 'us']);
      expect(pdf.tampered).toMatchObject({ ok: false });
      expect(pdf.tampered.ok === false && pdf.tampered.code).toMatch(/^(inclusion_invalid|signature_invalid)$/);
      const latest = await minutes(il).getAttribute('data-latest');
      const signatures = (await entriesOf(il, 'plenary')).filter((entry) => entry.envelope.type === 'document.sign' && entry.envelope.references[0] === latest);
      expect(signatures).toHaveLength(3);
      await harness.setLanguage(sy, 'ar');
      expect((await harness.documentDirection(sy)).dir).toBe('rtl');
      await screenshot(sy, 'meeting-minutes-agreed-ar');
      await screenshot(us, 'meeting-minutes-agreed-en');
      // In Hebrew: the meeting with its agreed minutes, then the calendar it comes from.
      await harness.setLanguage(il, 'he');
      expect((await harness.documentDirection(il)).dir).toBe('rtl');
      await screenshot(il, 'meeting-minutes-agreed-he');
      await il.getByTestId('meeting-back').click();
      await il.getByTestId('meetings-view').waitFor();
      await screenshot(il, 'meetings-calendar-he');
      await harness.setLanguage(il, 'en');
      await openMeeting(il);
      expect(harness.pageErrors).toEqual([]);
    });

    it('records a commitment from the agreed minutes that goes overdue on the board and escalates', async () => {
      await version(us, 2).getByTestId('action-recordCommitment').click();
      const form = us.getByTestId('commitment-form');
      await form.getByTestId('commitment-owner').selectOption('sy');
      await form.getByTestId('commitment-undertaking').fill('Withdraw heavy weapons 10 km from the line.');
      await form.getByTestId('commitment-verification').fill('UNDOF patrols report on the positions.');
      await form.getByTestId('commitment-source').selectOption('decision-1');
      const due = new Date(Date.now() + DUE_IN_MS);
      await form.getByTestId('commitment-due').fill(localInput(due, true));
      await form.getByTestId('commitment-submit').click();
      // Entered, the action's panel closes: the commitment shows under the minutes it comes from.
      const entered = us.locator('[data-testid="meeting-commitments"] [data-type="commitment"][data-verdict="verified"]');
      await entered.waitFor({ timeout: VERIFIED_WITHIN_MS });
      commitment = (await entered.getAttribute('data-item-id')) ?? '';
      const dueAt = Date.parse(String((await entriesOf(us, 'plenary')).find((entry) => entry.id === commitment)?.envelope.payload['due']));
      expect(Math.abs(dueAt - due.getTime())).toBeLessThan(1000);

      // The board, by owner: Syria's column holds it, open, then overdue once its time passed.
      for (const page of [sy, il]) {
        await page.getByTestId('track-view-commitments').click();
        await page
          .locator(`[data-testid="commitments-column-sy"] [data-testid="commitment-card-${commitment}"]`)
          .waitFor({ timeout: VERIFIED_WITHIN_MS })
          .catch(async (error: unknown) => {
            // What the board showed instead, for whoever reads the failure.
            await harness.screenshot(page, `commitments-board-missing-${engine}`);
            console.log(page.url(), await page.getByTestId('commitments-view').innerText().catch(() => 'no board shown'));
            throw error;
          });
      }
      expect(await il.getByTestId(`commitment-card-${commitment}`).getAttribute('data-status')).toBe('open');
      await il.locator(`[data-testid="commitment-card-${commitment}"][data-status="overdue"]`).waitFor({ timeout: dueAt - Date.now() + ESCALATED_WITHIN_MS });
      await sy.locator(`[data-testid="commitment-card-${commitment}"][data-status="overdue"]`).waitFor();
      await sy.getByTestId('commitments-filter-status').selectOption('overdue');
      expect(await sy.getByTestId('commitments-count-overdue').getAttribute('data-count')).toBe('1');

      // The cell escalates it, in the record and under the commitment in the supervisor's thread.
      await openTrack(us, 'diplomatic', 'plenary');
      const escalation = us.getByTestId(`answers-${commitment}`).locator('[data-type="escalation"]');
      await escalation.first().waitFor({ timeout: dueAt - Date.now() + ESCALATED_WITHIN_MS });
      expect(await escalation.getByTestId('escalation-content').getAttribute('data-kind')).toBe('commitment-overdue');
      expect(await escalation.getByTestId('escalation-content').getAttribute('data-party')).toBe('sy');
      const escalations = (await entriesOf(us, 'plenary')).filter((entry) => entry.envelope.type === 'escalation' && entry.envelope.payload['item'] === commitment);
      expect(escalations).toHaveLength(1);
      await screenshot(sy, 'commitments-board-ar');
      await screenshot(il, 'commitments-board-en');
      await harness.setLanguage(il, 'he');
      await screenshot(il, 'commitments-board-he');
      expect(harness.pageErrors).toEqual([]);
    });
  });
});
