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

const PASSAGE_1 = 'The parties agree to a ceasefire along the line of separation, effective at once.';
const PASSAGE_1_SUGGESTED = 'The parties agree to a complete ceasefire along the line of separation, effective within 48 hours.';
const PASSAGE_2 = 'Observers of the supervising party verify the ceasefire and report to both parties monthly.';

/**
 * The single negotiating text as its users meet it, on each engine: the United States (the
 * pen-holder) issues a joint statement in plenary; Israel brackets its second passage; Syria
 * suggests rewording the first, which the pen-holder accepts into version 2, the bracket still
 * open and Israel's; Israel lifts it; both sides initial version 2, then sign it (never
 * before every initial, never with a bracket open); the redline shows the words replaced, and
 * version 1, now stale, cannot be signed. The signed text downloads as a PDF that verifies
 * offline, and a commitment recorded from it goes overdue on the board and escalates.
 */
describe.each([
  { engine: 'sqlite', run: chromiumAvailable(), options: {} },
  { engine: 'postgres', run: withPostgres, options: { postgresInstances: 1 } },
])('the single negotiating text in Chromium on $engine', ({ engine, run, options }) => {
  describe.runIf(run)(engine, () => {
    const harness = useBrowserHarness(`fusion-cell-joint-text-${engine}-`, options);
    let us: Page;
    let il: Page;
    let sy: Page;
    let text = '';
    let version2 = '';
    let commitment = '';
    const screenshot = screenshots(harness, engine);
    const textPage = (page: Page, attributes = '') => page.locator(`[data-testid="text-page"][data-text="${text}"]${attributes}`);
    const openTexts = (username: string) => openDiplomatic(harness, username, 'texts');

    /** Opens the text from the list, once the record here holds it. */
    const openText = async (page: Page) => {
      if ((await textPage(page).count()) > 0) return;
      await page.getByTestId(`text-row-${text}`).getByTestId('text-row-link').click({ timeout: VERIFIED_WITHIN_MS });
      await textPage(page).waitFor();
    };

    it('lets the pen-holder issue version 1 of a joint statement in plenary', async () => {
      // One after the other: three logins at once (argon2id each) crowd a busy machine.
      us = await openTexts('us.chief');
      il = await openTexts('il.head');
      sy = await openTexts('sy.head');
      // Only the supervisor holds the pen.
      expect(await il.getByTestId('text-compose-panel').count()).toBe(0);
      await us.getByTestId('text-compose-open').click();
      await us.getByTestId('text-compose-compartment').selectOption('plenary');
      expect(await us.getByTestId('text-editor-party-sy').isChecked()).toBe(true);
      expect(await us.getByTestId('text-editor-party-il').isChecked()).toBe(true);
      await us.getByTestId('text-editor-submit').click();
      await us.locator('[data-testid="text-editor-title-missing"]').waitFor();
      await us.getByTestId('text-editor-title').fill('Joint statement on the ceasefire');
      await us.getByTestId('text-editor-passage-p1-text').fill(PASSAGE_1);
      await us.getByTestId('text-editor-add-passage-s1').click();
      await us.getByTestId('text-editor-passage-p2-text').fill(PASSAGE_2);
      await us.getByTestId('text-editor-language').selectOption('en');
      // An Arabic translation attached, marked as such: English is authoritative.
      await us.getByTestId('text-editor-translation-ar').check();
      await us.getByTestId('text-editor-translation-ar-title').fill('بيان مشترك بشأن وقف إطلاق النار');
      await us.getByTestId('text-editor-translation-ar-p1').fill('يتفق الطرفان على وقف إطلاق النار على طول خط الفصل، ويسري فورًا.');
      await us.getByTestId('text-editor-translation-ar-p2').fill('يتحقق مراقبو الطرف المشرف من وقف إطلاق النار ويرفعون تقريرًا شهريًا إلى الطرفين.');
      await screenshot(us, 'joint-text-compose-en');
      await us.getByTestId('text-editor-submit').click();
      const entered = us.locator('[data-testid="text-editor-status"]:is([data-state="appended"], [data-state="verified"])');
      await entered.waitFor({ timeout: VERIFIED_WITHIN_MS });
      text = (await entered.getAttribute('data-item-id')) ?? '';
      expect(text).toMatch(/^[A-Za-z0-9_-]{43}$/);
      await us.locator(`[data-testid="text-row-${text}"][data-state="draft"][data-version="1"]`).waitFor({ timeout: VERIFIED_WITHIN_MS });
      expect(harness.pageErrors).toEqual([]);
    });

    it('lets Israel bracket passage 2 with its reason, shown in its colour and name', async () => {
      await openText(il);
      expect(await il.getByTestId('text-version-hash').textContent()).toBe(text);
      expect(await il.getByTestId('text-reader').getAttribute('data-language')).toBe('en');
      const translation = il.locator('[data-testid="passage-p1"] [data-testid="passage-translation-ar"] p[lang="ar"][dir="rtl"]');
      expect(await translation.textContent()).toContain('وقف إطلاق النار');
      await il.getByTestId('passage-p2-raise').click();
      await il.getByTestId('bracket-raise-submit').click();
      await il.getByTestId('bracket-raise-reason-missing').waitFor();
      await il.getByTestId('bracket-raise-reason').fill('Monthly reports are too rare; Israel asks for weekly reports.');
      await il.getByTestId('bracket-raise-submit').click();
      await textPage(il, '[data-brackets="1"]').waitFor({ timeout: VERIFIED_WITHIN_MS });
      await il.locator('[data-testid="passage-p2"][data-brackets="il"] [data-testid="passage-bracket"][data-party="il"]').waitFor();
      // Israel's own bracket: it may lift it, and bracket nothing twice.
      await il.getByTestId('passage-p2-lift').waitFor();
      expect(harness.pageErrors).toEqual([]);
    });

    it('lets Syria suggest rewording passage 1, and never lift Israel’s bracket', async () => {
      await harness.setLanguage(sy, 'ar');
      await openText(sy);
      await textPage(sy, '[data-brackets="1"]').waitFor({ timeout: VERIFIED_WITHIN_MS });
      expect(await sy.getByTestId('passage-p2-lift').count()).toBe(0);
      await sy.getByTestId('passage-p2-raise').waitFor();
      await sy.getByTestId('text-suggest-open').click();
      await sy.getByTestId('suggest-kind-replace').check();
      await sy.getByTestId('suggest-passage').selectOption('p1');
      await sy.getByTestId('suggest-text').fill(PASSAGE_1_SUGGESTED);
      await sy.getByTestId('suggest-reason').fill('وقف إطلاق نار كامل يحتاج إلى مهلة عملية لإبلاغ الوحدات.');
      await sy.getByTestId('suggest-submit').click();
      await sy.locator('[data-testid="text-suggestions"] li[data-decision=""]').waitFor({ timeout: VERIFIED_WITHIN_MS });
      await screenshot(sy, 'joint-text-bracket-ar');
      expect(harness.pageErrors).toEqual([]);
    });

    it('lets the pen-holder accept the suggestion with its reason and issue version 2 with it applied', async () => {
      await openText(us);
      const suggestion = us.locator('[data-testid="text-suggestions"] li[data-decision=""]');
      await suggestion.waitFor({ timeout: VERIFIED_WITHIN_MS });
      await suggestion.getByTestId('suggestion-accept').click();
      await suggestion.getByTestId('decide-accepted-submit').click();
      await suggestion.getByTestId('decide-accepted-reason-missing').waitFor();
      await suggestion.getByTestId('decide-accepted-reason').fill('Both sides need time to instruct their units.');
      await suggestion.getByTestId('decide-accepted-submit').click();
      await us.locator('[data-testid="text-suggestions"] li[data-decision="accepted"]').waitFor({ timeout: VERIFIED_WITHIN_MS });
      await us.getByTestId('text-editor-open').click();
      expect(await us.getByTestId('text-editor-passage-p1-text').inputValue()).toBe(PASSAGE_1_SUGGESTED);
      expect(await us.getByTestId('text-editor-passage-p2-text').inputValue()).toBe(PASSAGE_2);
      await us.getByTestId('text-editor-note').fill('Passage 1 as Syria suggested.');
      await us.getByTestId('text-editor-submit').click();
      await textPage(us, '[data-latest="2"]').waitFor({ timeout: VERIFIED_WITHIN_MS });
      version2 = (await us.getByTestId('text-version-hash').textContent()) ?? '';
      expect(version2).not.toBe(text);
      // The bracket stays open across versions, Israel's.
      await us.locator('[data-testid="passage-p2"][data-brackets="il"]').waitFor();
      await us.locator('[data-testid="bracket-legend"] li[data-party="il"]').waitFor();
      await screenshot(us, 'joint-text-version-2-en');
      expect(harness.pageErrors).toEqual([]);
    });

    it('offers no working initials while Israel’s bracket is open; Israel lifts it', async () => {
      await textPage(il, '[data-latest="2"]').waitFor({ timeout: VERIFIED_WITHIN_MS });
      await il.getByTestId('text-sign-open').click();
      const dialog = il.getByTestId('text-sign-dialog');
      expect(await dialog.getAttribute('data-act')).toBe('initials');
      expect(await dialog.getAttribute('data-blocked')).toBe('brackets');
      expect(await dialog.getByTestId('text-sign-submit').isDisabled()).toBe(true);
      expect(await dialog.getByTestId('text-sign-brackets').getAttribute('data-count')).toBe('1');
      await il.getByTestId('passage-p2-lift').click();
      await il.getByTestId('bracket-lift-submit').click();
      await textPage(il, '[data-brackets="0"]').waitFor({ timeout: VERIFIED_WITHIN_MS });
      expect(await il.locator('[data-testid="passage-p2"]').getAttribute('data-brackets')).toBe('');
      expect(harness.pageErrors).toEqual([]);
    });

    it('has both sides initial version 2, by its hash, then sign it', async () => {
      for (const page of [il, sy]) {
        await textPage(page, '[data-latest="2"][data-brackets="0"]').waitFor({ timeout: VERIFIED_WITHIN_MS });
        const dialog = page.getByTestId('text-sign-dialog');
        if ((await dialog.count()) === 0) await page.getByTestId('text-sign-open').click();
        await page.locator('[data-testid="text-sign-dialog"][data-act="initials"][data-blocked=""]').waitFor({ timeout: VERIFIED_WITHIN_MS });
        expect(await dialog.getByTestId('text-sign-hash').textContent()).toBe(version2);
        expect(await dialog.getByTestId('text-sign-version').textContent()).toBe('2');
        if (page === sy) await screenshot(sy, 'joint-text-sign-ar');
        await dialog.getByTestId('text-sign-submit').click();
        await page.locator('[data-testid="sign-done"][data-act="initials"], [data-testid="text-sign"][data-act="signature"]').first().waitFor({ timeout: VERIFIED_WITHIN_MS });
        // No signature is offered before every side has initialled.
        if (page === il) expect(await il.locator('[data-testid="text-sign"][data-act="signature"]').count()).toBe(0);
      }
      for (const page of [il, sy]) await textPage(page, '[data-state="initialled"]').waitFor({ timeout: VERIFIED_WITHIN_MS });
      // Initialled is not signed: no PDF yet.
      expect(await il.getByTestId('text-pdf').count()).toBe(0);
      for (const page of [il, sy]) {
        await page.locator('[data-testid="text-sign"][data-act="signature"]').waitFor({ timeout: VERIFIED_WITHIN_MS });
        await page.getByTestId('text-sign-open').click();
        const dialog = page.locator('[data-testid="text-sign-dialog"][data-act="signature"]');
        expect(await dialog.getByTestId('text-sign-hash').textContent()).toBe(version2);
        await dialog.getByTestId('text-sign-submit').click();
        await page.locator('[data-testid="sign-done"][data-act="signature"], [data-testid="text-page"][data-state="signed"]').first().waitFor({ timeout: VERIFIED_WITHIN_MS });
      }
      for (const page of [us, il, sy]) await textPage(page, '[data-state="signed"]').waitFor({ timeout: VERIFIED_WITHIN_MS });
      await us.locator('[data-testid="document-status"][data-state="in-force"]').waitFor();
      await screenshot(sy, 'joint-text-signed-ar');
      await harness.setLanguage(il, 'he');
      expect((await harness.documentDirection(il)).dir).toBe('rtl');
      await screenshot(il, 'joint-text-signed-he');
      expect(harness.pageErrors).toEqual([]);
    });

    it('downloads the signed text as a PDF whose proof verifies offline, and fails once a signature byte changes', async () => {
      const link = il.getByTestId('text-pdf');
      expect(await link.getAttribute('href')).toBe(`/api/v1/documents/${text}/pdf`);
      const pdf = await downloadAndVerifyPdf(il, link);
      expect(pdf.fileName).toMatch(/\.pdf$/);
      expect(pdf.downloaded).toMatchObject({ ok: true, type: 'joint.text', document: text, version: version2, number: 2, keyTrust: 'given' });
      // Both sides' initials and signatures, on version 2.
      expect(pdf.downloaded.ok && pdf.downloaded.acts.map((act) => `${act.act}:${act.party}`).sort()).toEqual(['initials:il', 'initials:sy', 'signature:il', 'signature:sy']);
      expect(pdf.tampered).toMatchObject({ ok: false });
      expect(pdf.tampered.ok === false && pdf.tampered.code).toMatch(/^(inclusion_invalid|signature_invalid)$/);
      expect(harness.pageErrors).toEqual([]);
    });

    it('shows the replaced words in the redline between version 1 and 2, and refuses to sign stale version 1', async () => {
      const redline = us.getByTestId('redline-view');
      await redline.waitFor();
      expect(await redline.getAttribute('data-from')).toBe('1');
      expect(await redline.getAttribute('data-to')).toBe('2');
      const row = redline.locator('[data-testid="redline-passage-p1"][data-change="changed"]');
      expect((await row.getByTestId('redline-deleted').allTextContents()).join(' ')).toContain('at once');
      expect((await row.getByTestId('redline-inserted').allTextContents()).join(' ')).toContain('complete');
      expect((await row.getByTestId('redline-inserted').allTextContents()).join(' ')).toContain('48 hours');
      expect(await redline.locator('[data-testid="redline-passage-p2"]').getAttribute('data-change')).toBe('same');
      await redline.scrollIntoViewIfNeeded();
      await screenshot(us, 'joint-text-redline-en');
      await harness.setLanguage(sy, 'ar');
      await sy.getByTestId('redline-view').scrollIntoViewIfNeeded();
      await screenshot(sy, 'joint-text-redline-ar');
      await il.getByTestId('redline-view').scrollIntoViewIfNeeded();
      await screenshot(il, 'joint-text-redline-he');

      await il.getByTestId('text-version-1').click();
      await il.locator('[data-testid="sign-stale"][data-version="1"]').waitFor();
      expect(await il.getByTestId('text-sign-open').count()).toBe(0);
      expect(await il.getByTestId('text-version-hash').textContent()).toBe(text);
      expect(harness.pageErrors).toEqual([]);
    });

    it('records a commitment from the signed statement that goes overdue on the board and escalates', async () => {
      // Only the version in force takes commitments; the pen-holder records one owed by Israel.
      await us.getByTestId('text-commitments').getByTestId('action-recordCommitment').click();
      const form = us.getByTestId('commitment-form');
      await form.getByTestId('commitment-owner').selectOption('il');
      await form.getByTestId('commitment-undertaking').fill('Report weekly to both parties on the ceasefire along the line.');
      await form.getByTestId('commitment-verification').fill('The supervising party reads each report and checks it against its observers.');
      await form.getByTestId('commitment-source').selectOption('p2');
      const due = new Date(Date.now() + DUE_IN_MS);
      await form.getByTestId('commitment-due').fill(localInput(due, true));
      await form.getByTestId('commitment-submit').click();
      const entered = us.locator('[data-testid="text-commitments"] [data-type="commitment"][data-verdict="verified"]');
      await entered.waitFor({ timeout: VERIFIED_WITHIN_MS });
      commitment = (await entered.getAttribute('data-item-id')) ?? '';
      const recorded = (await entriesOf(us, 'plenary')).find((entry) => entry.id === commitment)?.envelope;
      expect(recorded?.references[0]).toBe(version2);
      expect(recorded?.payload).toMatchObject({ owner: 'il', source: 'p2' });
      const dueAt = Date.parse(String(recorded?.payload['due']));
      expect(Math.abs(dueAt - due.getTime())).toBeLessThan(1000);

      // The board, by owner: Israel's column holds it, open, then overdue once its time passed.
      for (const page of [il, sy]) {
        await page.getByTestId('track-view-commitments').click();
        await page.locator(`[data-testid="commitments-column-il"] [data-testid="commitment-card-${commitment}"]`).waitFor({ timeout: VERIFIED_WITHIN_MS });
      }
      expect(await sy.getByTestId(`commitment-card-${commitment}`).getAttribute('data-status')).toBe('open');
      await il.locator(`[data-testid="commitment-card-${commitment}"][data-status="overdue"]`).waitFor({ timeout: dueAt - Date.now() + ESCALATED_WITHIN_MS });
      await sy.locator(`[data-testid="commitment-card-${commitment}"][data-status="overdue"]`).waitFor();

      // The cell escalates it, in the record and under the commitment in the supervisor's thread.
      await openTrack(us, 'diplomatic', 'plenary');
      const escalation = us.getByTestId(`answers-${commitment}`).locator('[data-type="escalation"]');
      await escalation.first().waitFor({ timeout: dueAt - Date.now() + ESCALATED_WITHIN_MS });
      expect(await escalation.getByTestId('escalation-content').getAttribute('data-kind')).toBe('commitment-overdue');
      expect(await escalation.getByTestId('escalation-content').getAttribute('data-party')).toBe('il');
      const escalations = (await entriesOf(us, 'plenary')).filter((entry) => entry.envelope.type === 'escalation' && entry.envelope.payload['item'] === commitment);
      expect(escalations).toHaveLength(1);
      await screenshot(il, 'commitments-board-text-he');
      expect(harness.pageErrors).toEqual([]);
    });
  });
});
