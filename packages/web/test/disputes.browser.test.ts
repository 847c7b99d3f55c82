import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable, postgresAvailable } from '../../../test-support/environment.ts';
import { useBrowserHarness } from './browser-harness.ts';
import { htmlOf, openAs, openBoard, openDispute, shots, signResolution, stateIs } from './dispute-steps.ts';
import { localInput } from './diplomatic-steps.ts';
import { entriesOf, openTrack, VERIFIED_WITHIN_MS } from './watch-steps.ts';

const withPostgres = chromiumAvailable() && (await postgresAvailable());
/** The respondents' time to answer a dispute's notice: short enough to wait for its escalation. */
const RESPONSE_SECONDS = 20;
/** Timer ticks, the stream and the browser's checks, with room for a loaded machine. */
const ESCALATED_WITHIN_MS = 15_000;

const PROPOSED_TALKS = 'We propose the first round of technical talks for next Tuesday.';
/** Syria's translator renders "Tuesday" as Thursday: what Israel contests. */
const TRANSLATION = 'نقترح الجولة الأولى من المحادثات الفنية يوم الخميس المقبل.';
const CAUCUS_SY = 'Caucus with Syria: what would make the exercise acceptable to you?';
const CAUCUS_SY_REPLY = 'نقبل التمرين إذا نُقل عشرة كيلومترات شرقًا.';
const CAUCUS_IL = 'Caucus with Israel: could the exercise move ten kilometres east?';
const RESOLUTION = 'Israel moves the live-fire exercise ten kilometres east of the line and notifies its new area 48 hours ahead. Syria withdraws its dispute.';

/** The demo cell, with a dispute's notice answered within seconds, and a translation to contest. */
function disputeScenario(scenario: Record<string, any>): void {
  scenario.rules.acknowledgments.dispute = { reply: 'dispute.response', within: `PT${RESPONSE_SECONDS}S`, remindBefore: 'PT10S' };
  const history = scenario.demo.history as Record<string, unknown>[];
  const talks = history.findIndex((entry) => entry['text'] === PROPOSED_TALKS);
  if (talks < 0) throw new Error('the demo no longer has Israel’s proposal of talks');
  history.push({ author: 'sy.translator', compartment: 'plenary', track: 'diplomatic', type: 'translation', payload: { language: 'ar', text: TRANSLATION }, refers: [talks] });
}

/**
 * The dispute process as the parties meet it, on each engine: Syria disputes Israel's notice of
 * an exercise from its thread; Israel lets the response deadline pass and the cell escalates it;
 * Syria proposes facilitation and the supervisor accepts; the supervisor caucuses with each side,
 * and each side sees its own caucus and no trace of the other's; the supervisor moves it to
 * resolution and drafts the resolution, the three heads sign it, the supervisor closes it as
 * resolved and records a commitment from it. Israel contests a translation, which goes through
 * the same process. The board counts it all, in charts.
 */
describe.each([
  { engine: 'sqlite', run: chromiumAvailable(), options: {} },
  { engine: 'postgres', run: withPostgres, options: { postgresInstances: 1 } },
])('the dispute process in Chromium on $engine', ({ engine, run, options }) => {
  describe.runIf(run)(engine, () => {
    const harness = useBrowserHarness(`fusion-cell-disputes-${engine}-`, { ...options, scenario: disputeScenario });
    let sy: Page;
    let il: Page;
    let us: Page;
    let notice = '';
    let dispute = '';
    let translation = '';
    let contest = '';
    const takeShots = engine === 'sqlite';

    it('lets Syria dispute Israel’s notice from its thread, put by default to Israel', { timeout: 120_000 }, async () => {
      // One after the other: each login hashes a password, and the machine is shared.
      sy = await openAs(harness, 'sy.head');
      il = await openAs(harness, 'il.head');
      us = await openAs(harness, 'us.chief');
      notice = (await entriesOf(sy, 'plenary')).find((entry) => entry.envelope.type === 'activity.notice' && entry.envelope.payload['kind'] === 'exercise')?.id ?? '';
      expect(notice).toMatch(/^[A-Za-z0-9_-]{43}$/);
      await openTrack(sy, 'deescalation', 'plenary');
      const card = sy.getByTestId(`item-${notice}`);
      await card.getByTestId('action-raiseDispute').click({ timeout: VERIFIED_WITHIN_MS });
      const form = card.getByTestId('dispute-raise-form');
      expect(await form.getByTestId('dispute-respondent-il').isChecked()).toBe(true);
      expect(await form.locator('[data-testid="dispute-item-chosen"]').getAttribute('data-item')).toBe(notice);
      // Nothing is signed before the subject is said.
      await form.getByTestId('dispute-raise-submit').click();
      await form.getByTestId('dispute-raise-subject-missing').waitFor();
      await form.getByTestId('dispute-raise-subject').fill('The exercise exceeds the caps of the limited-forces area');
      await form.getByTestId('dispute-raise-statement').fill('A company-level live-fire exercise with artillery exceeds the caps agreed for the limited-forces area. Syria asks that it be moved or reduced.');
      await form.getByTestId('dispute-raise-submit').click();
      // Entered, the notice carries a banner linking to its dispute.
      const link = card.getByTestId('disputed-banner-link');
      await link.waitFor({ timeout: VERIFIED_WITHIN_MS });
      dispute = (await link.getAttribute('data-dispute')) ?? '';
      expect(dispute).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const entered = (await entriesOf(sy, 'plenary')).find((entry) => entry.id === dispute);
      expect(entered?.envelope).toMatchObject({ type: 'dispute', references: [notice], payload: { respondents: ['il'] } });
      await link.click();
      await stateIs(sy, dispute, 'notice');
      expect(await sy.getByTestId('dispute-step-notice').getAttribute('data-status')).toBe('current');
      const deadline = sy.getByTestId('dispute-deadline');
      expect(await deadline.getAttribute('data-awaiting')).toBe('il');
      // Due by the cell's rule for a notice, from when the cell received the dispute.
      const dueAt = Date.parse((await deadline.getAttribute('data-due-at')) ?? '');
      const receivedAt = Date.parse((await sy.locator(`[data-testid="timeline-entry"][data-item="${dispute}"] time`).getAttribute('datetime')) ?? '');
      expect(dueAt - receivedAt).toBe(RESPONSE_SECONDS * 1000);
      // The raiser owes nothing in the notice: it may propose the next stage only.
      expect(await sy.getByTestId('dispute-now').getAttribute('data-offered')).toBe('proposeStage');
      expect(harness.pageErrors).toEqual([]);
    });

    it('escalates Israel’s response when its deadline passes, for the supervisor to see, and takes the late response', { timeout: 120_000 }, async () => {
      await openBoard(us);
      const card = us.getByTestId(`dispute-card-${dispute}`);
      await us.getByTestId('dispute-column-notice').getByTestId(`dispute-card-${dispute}`).waitFor({ timeout: VERIFIED_WITHIN_MS });
      const dueAt = Date.parse((await card.getByTestId('dispute-card-next').getAttribute('data-due-at')) ?? '');
      await us.locator(`[data-testid="dispute-card-${dispute}"][data-escalated="true"][data-overdue="true"]`).waitFor({ timeout: Math.max(0, dueAt - Date.now()) + ESCALATED_WITHIN_MS });
      console.log(`${engine}: the dispute's escalation on the supervisor's board ${Date.now() - dueAt} ms after the deadline`);
      expect(await card.getByTestId('dispute-card-next').getAttribute('data-overdue')).toBe('true');
      if (takeShots) await shots(harness, us, 'board-overdue');
      await openDispute(us, dispute);
      await us.locator('[data-testid="dispute-deadline"][data-escalated="true"] [data-testid="countdown"][data-state="escalated"]').waitFor();
      await us.locator('[data-testid="timeline-entry"][data-type="escalation"]').waitFor();
      const escalations = (await entriesOf(us, 'plenary')).filter((entry) => entry.envelope.type === 'escalation' && entry.envelope.payload['item'] === dispute);
      expect(escalations.map((entry) => entry.envelope.payload)).toEqual([expect.objectContaining({ kind: 'dispute-overdue', party: 'il', required: 'dispute.response' })]);
      // The supervisor's overdue view: Israel owes the response, escalated; what the supervisor may do about it.
      await us.getByTestId('nav-watch').click();
      const overdue = us.locator(`[data-testid="overdue-${dispute}-il"][data-escalated="true"]`);
      await overdue.waitFor({ timeout: VERIFIED_WITHIN_MS });
      await overdue.getByTestId('overdue-decideStage').waitFor();

      // Israel answers late, from the dispute's page, where the response it owes is open.
      await openDispute(il, dispute);
      const form = il.getByTestId('dispute-response-form');
      await form.waitFor({ timeout: VERIFIED_WITHIN_MS });
      await form.getByTestId('dispute-response-position').fill('The exercise stays within the caps: one company, no artillery beyond the agreed calibre.');
      await form.getByTestId('dispute-response-submit').click();
      await il.locator('[data-testid="timeline-entry"][data-type="dispute.response"]').waitFor({ timeout: VERIFIED_WITHIN_MS });
      await il.getByTestId('dispute-awaiting-supervisor').waitFor();
      expect(harness.pageErrors).toEqual([]);
    });

    it('lets Syria propose facilitation, never move the stage itself, and the supervisor accept it', { timeout: 120_000 }, async () => {
      await sy.getByTestId('dispute-action-proposeStage').click();
      expect(await sy.getByTestId('dispute-action-decideStage').count()).toBe(0);
      const form = sy.getByTestId('dispute-proposal-form');
      await form.getByTestId('dispute-proposal-to-facilitation').check();
      await form.getByTestId('dispute-proposal-reason').fill('Direct talks would repeat the positions: we ask the supervisor to facilitate.');
      await form.getByTestId('dispute-proposal-submit').click();
      await sy.locator('[data-testid^="dispute-proposal-"][data-open="true"][data-to="facilitation"]').waitFor({ timeout: VERIFIED_WITHIN_MS });

      await openDispute(us, dispute);
      const proposal = us.locator('[data-testid^="dispute-proposal-"][data-open="true"][data-to="facilitation"]');
      await proposal.waitFor({ timeout: VERIFIED_WITHIN_MS });
      await proposal.getByTestId('dispute-proposal-accept').click();
      const decision = proposal.getByTestId('dispute-stage-form');
      expect(await decision.getByTestId('dispute-stage-to-facilitation').isChecked()).toBe(true);
      await decision.getByTestId('dispute-stage-submit').click();
      for (const page of [us, sy, il]) {
        await openDispute(page, dispute);
        await stateIs(page, dispute, 'facilitation');
      }
      expect(await us.getByTestId('dispute-step-negotiation').getAttribute('data-status')).toBe('skipped');
      const move = (await entriesOf(us, 'plenary')).find((entry) => entry.envelope.type === 'dispute.stage' && entry.envelope.references[0] === dispute);
      const proposed = (await entriesOf(us, 'plenary')).find((entry) => entry.envelope.type === 'dispute.stage.proposal' && entry.envelope.references[0] === dispute);
      expect(move?.envelope.references).toEqual([dispute, proposed?.id]);
      // Each side now owes its position in facilitation.
      expect((await sy.getByTestId('dispute-deadline').getAttribute('data-awaiting'))?.split(' ').sort()).toEqual(['il', 'sy']);
      expect((await sy.getByTestId('dispute-now').getAttribute('data-offered'))?.split(' ').sort()).toEqual(['proposeStage', 'respondDispute']);
      if (takeShots) await shots(harness, sy, 'page-open');
      expect(harness.pageErrors).toEqual([]);
    });

    it('holds a caucus with each side apart: each side reads its own, and nothing of the other’s', { timeout: 120_000 }, async () => {
      await us.getByTestId('dispute-caucus-section-sy').waitFor();
      await us.getByTestId('dispute-caucus-section-il').waitFor();
      for (const [side, text] of [
        ['sy', CAUCUS_SY],
        ['il', CAUCUS_IL],
      ] as const) {
        const form = us.getByTestId(`dispute-caucus-${side}-form`);
        expect(await form.getAttribute('data-compartment')).toBe(`caucus-${side}`);
        await form.getByTestId(`dispute-caucus-${side}-text`).fill(text);
        await form.getByTestId(`dispute-caucus-${side}-submit`).click();
        await us.getByTestId(`dispute-caucus-section-${side}`).locator('[data-type="dispute.caucus"]').filter({ hasText: text }).waitFor({ timeout: VERIFIED_WITHIN_MS });
      }
      // Syria reads the supervisor's message in its own caucus, and answers there.
      const own = sy.getByTestId('dispute-caucus-section-sy');
      await own.locator('[data-type="dispute.caucus"]').filter({ hasText: CAUCUS_SY }).waitFor({ timeout: VERIFIED_WITHIN_MS });
      await own.getByTestId('dispute-caucus-sy-language').selectOption('ar');
      await own.getByTestId('dispute-caucus-sy-text').fill(CAUCUS_SY_REPLY);
      await own.getByTestId('dispute-caucus-sy-submit').click();
      await own.locator('[data-type="dispute.caucus"]').filter({ hasText: CAUCUS_SY_REPLY }).waitFor({ timeout: VERIFIED_WITHIN_MS });
      await il.getByTestId('dispute-caucus-section-il').locator('[data-type="dispute.caucus"]').filter({ hasText: CAUCUS_IL }).waitFor({ timeout: VERIFIED_WITHIN_MS });
      await us.getByTestId('dispute-caucus-section-sy').locator('[data-type="dispute.caucus"]').filter({ hasText: CAUCUS_SY_REPLY }).waitFor({ timeout: VERIFIED_WITHIN_MS });
      // The supervisor's timeline holds both caucuses, marked private; each side's only its own.
      await us.locator('[data-testid="dispute-timeline"] [data-type="dispute.caucus"]').nth(2).waitFor();
      expect(await us.locator('[data-testid="timeline-private"]').count()).toBe(3);

      // Nowhere in the other side's app, not even its watch and its notifications, is a caucus message named.
      const caucusIds = async (side: string) => (await entriesOf(us, `caucus-${side}`)).filter((entry) => entry.envelope.type === 'dispute.caucus').map((entry) => entry.id);
      for (const [page, other] of [
        [sy, 'il'],
        [il, 'sy'],
      ] as const) {
        const ids = await caucusIds(other);
        expect(ids.length).toBeGreaterThan(0);
        await page.getByTestId('nav-watch').click();
        await page.getByTestId('page-watch').waitFor();
        const watch = await page.evaluate(() => document.documentElement.outerHTML);
        for (const id of ids) expect(watch).not.toContain(id);
        await openDispute(page, dispute);
      }
      const syPage = await htmlOf(sy.getByTestId('page-dispute'));
      const ilPage = await htmlOf(il.getByTestId('page-dispute'));
      for (const [page, html, mine, theirs, other] of [
        [sy, syPage, [CAUCUS_SY, CAUCUS_SY_REPLY], [CAUCUS_IL], 'il'],
        [il, ilPage, [CAUCUS_IL], [CAUCUS_SY, CAUCUS_SY_REPLY], 'sy'],
      ] as const) {
        for (const text of mine) expect(html).toContain(text);
        for (const text of theirs) expect(html).not.toContain(text);
        // No trace of the other side's caucus: no section, no compartment named, no entry, no count.
        expect(html).not.toContain(`caucus-${other}`);
        expect(await page.getByTestId(`dispute-caucus-section-${other}`).count()).toBe(0);
        const plenaryEntries = await page.locator('[data-testid="timeline-entry"][data-compartment="plenary"]').count();
        expect(Number(await page.getByTestId('dispute-timeline').getAttribute('data-count'))).toBe(plenaryEntries + mine.length);
        // The board says nothing of any caucus.
        await openBoard(page);
        const board = await htmlOf(page.getByTestId('page-disputes'));
        for (const text of theirs) expect(board).not.toContain(text);
        expect(board).not.toContain('caucus');
        await openDispute(page, dispute);
      }
      // The record itself: Israel's browser never received a caucus entry of Syria's.
      const ilCompartments = await il.evaluate(async () => ((await (await fetch('/api/v1/record')).json()) as { compartments: { id: string }[] }).compartments.map((compartment) => compartment.id));
      expect(ilCompartments).not.toContain('caucus-sy');
      if (takeShots) await shots(harness, sy, 'caucus', () => sy.getByTestId('dispute-caucuses'));
      expect(harness.pageErrors).toEqual([]);
    });

    it('moves to resolution, where the supervisor drafts the resolution and the three heads sign it', { timeout: 150_000 }, async () => {
      await us.getByTestId('dispute-action-decideStage').click();
      const decision = us.getByTestId('dispute-now').getByTestId('dispute-stage-form');
      await decision.getByTestId('dispute-stage-to-resolution').check();
      await decision.getByTestId('dispute-stage-reason').fill('The sides converge on moving the exercise east: time to write it down.');
      await decision.getByTestId('dispute-stage-submit').click();
      await stateIs(us, dispute, 'resolution');
      await us.getByTestId('dispute-resolution-draft-open').click();
      const draft = us.getByTestId('dispute-resolution-form');
      await draft.getByTestId('dispute-resolution-submit').click();
      await draft.getByTestId('dispute-resolution-text-missing').waitFor();
      await draft.getByTestId('dispute-resolution-text').fill(RESOLUTION);
      await draft.getByTestId('dispute-resolution-submit').click();
      for (const page of [us, sy, il]) {
        await stateIs(page, dispute, 'resolution');
        await page.getByTestId('dispute-resolution-version-1').waitFor({ timeout: VERIFIED_WITHIN_MS });
      }
      const version = (await entriesOf(us, 'plenary')).find((entry) => entry.envelope.type === 'dispute.resolution');
      expect(version?.envelope.payload).toMatchObject({ dispute, parties: ['sy', 'il', 'us'] });
      // Not in force, the dispute cannot be closed as resolved.
      await us.getByTestId('dispute-action-closeDispute').click();
      await us.getByTestId('dispute-close-not-resolvable').waitFor();
      expect(await us.getByTestId('dispute-close-outcome-resolved').count()).toBe(0);
      await us.getByTestId('dispute-action-closeDispute').click();

      for (const [page, party] of [
        [sy, 'sy'],
        [il, 'il'],
        [us, 'us'],
      ] as const) {
        await signResolution(page, party, 1);
      }
      for (const page of [us, sy, il]) await page.locator('[data-testid="dispute-resolution-standing"]:not([data-in-force=""])').waitFor({ timeout: VERIFIED_WITHIN_MS });
      expect(await us.getByTestId('dispute-resolution-version-1').getByTestId('action-amend').count()).toBe(0);
      expect(harness.pageErrors).toEqual([]);
    });

    it('closes it as resolved, records a commitment from the resolution, and the notice says its dispute is resolved', { timeout: 120_000 }, async () => {
      await us.getByTestId('dispute-action-closeDispute').click();
      const close = us.getByTestId('dispute-close-form');
      await close.getByTestId('dispute-close-outcome-resolved').check();
      await close.getByTestId('dispute-close-submit').click();
      for (const page of [us, sy, il]) await stateIs(page, dispute, 'resolved');
      expect(await us.getByTestId('dispute-step-outcome').getAttribute('data-outcome')).toBe('resolved');
      expect(await us.getByTestId('dispute-now-nothing').count()).toBe(0);

      await us.getByTestId('dispute-commitment-open').click();
      const form = us.getByTestId('commitment-form');
      await form.getByTestId('commitment-owner').selectOption('il');
      await form.getByTestId('commitment-undertaking').fill('Move the live-fire exercise ten kilometres east and notify its new area 48 hours ahead.');
      await form.getByTestId('commitment-verification').fill('The supervisor’s observers report the exercise’s position.');
      await form.getByTestId('commitment-due').fill(localInput(new Date(Date.now() + 7 * 24 * 3600_000)));
      await form.getByTestId('commitment-submit').click();
      await us.locator('[data-testid="dispute-commitments"] [data-type="commitment"]').waitFor({ timeout: VERIFIED_WITHIN_MS });
      const commitment = (await entriesOf(us, 'plenary')).find((entry) => entry.envelope.type === 'commitment' && entry.envelope.payload['owner'] === 'il' && String(entry.envelope.payload['undertaking']).includes('ten kilometres'));
      const resolution = (await entriesOf(us, 'plenary')).find((entry) => entry.envelope.type === 'dispute.resolution');
      expect(commitment?.envelope.references[0]).toBe(resolution?.id);
      await il.locator('[data-testid="dispute-commitments"] [data-type="commitment"]').waitFor({ timeout: VERIFIED_WITHIN_MS });

      await openTrack(sy, 'deescalation', 'plenary');
      await sy.locator(`[data-testid="item-${notice}"] [data-testid="disputed-banner-line"][data-state="resolved"]`).waitFor({ timeout: VERIFIED_WITHIN_MS });
      expect(await sy.getByTestId(`item-${notice}`).getByTestId('disputed-banner').getAttribute('data-open')).toBe('0');
      if (takeShots) await shots(harness, us, 'page');
      expect(harness.pageErrors).toEqual([]);
    });

    it('settles a contested translation through the same process', { timeout: 180_000 }, async () => {
      translation = (await entriesOf(il, 'plenary')).find((entry) => entry.envelope.type === 'translation' && entry.envelope.payload['text'] === TRANSLATION)?.id ?? '';
      expect(translation).toMatch(/^[A-Za-z0-9_-]{43}$/);
      await openTrack(il, 'diplomatic', 'plenary');
      const card = il.getByTestId(`item-${translation}`);
      expect(await card.getByTestId('action-raiseDispute').count()).toBe(0);
      await card.getByTestId('action-contestTranslation').click({ timeout: VERIFIED_WITHIN_MS });
      const form = card.getByTestId('dispute-raise-form');
      // Put to the translator's party by default.
      expect(await form.getByTestId('dispute-respondent-sy').isChecked()).toBe(true);
      await form.getByTestId('dispute-raise-subject').fill('“Tuesday” is translated as Thursday');
      await form.getByTestId('dispute-raise-statement').fill('Israel proposed talks next Tuesday; the Arabic translation says Thursday. The Arabic must read الثلاثاء.');
      await form.getByTestId('dispute-raise-submit').click();
      const link = card.getByTestId('disputed-banner-link');
      await link.waitFor({ timeout: VERIFIED_WITHIN_MS });
      contest = (await link.getAttribute('data-dispute')) ?? '';
      // One contest of a translation at a time.
      expect(await card.getByTestId('action-contestTranslation').count()).toBe(0);

      // Syria responds from its watch, where the response it owes waits, open.
      await sy.getByTestId('nav-watch').click();
      const owed = sy.getByTestId(`inbox-${contest}`);
      await owed.waitFor({ timeout: VERIFIED_WITHIN_MS });
      expect(await owed.getAttribute('data-required')).toBe('dispute.response');
      await owed.getByTestId('dispute-response-position').fill('The translator mistook the day: Syria agrees the Arabic must say Tuesday.');
      await owed.getByTestId('dispute-response-submit').click();
      await owed.waitFor({ state: 'detached', timeout: VERIFIED_WITHIN_MS });

      // The supervisor moves it straight to resolution, skipping two stages, and drafts the correction.
      await openDispute(us, contest);
      await us.getByTestId('dispute-action-decideStage').click();
      await us.getByTestId('dispute-stage-to-resolution').check();
      await us.getByTestId('dispute-stage-submit').click();
      await stateIs(us, contest, 'resolution');
      await us.getByTestId('dispute-resolution-draft-open').click();
      await us.getByTestId('dispute-resolution-text').fill('The Arabic translation reads: نقترح الجولة الأولى من المحادثات الفنية يوم الثلاثاء المقبل.');
      await us.getByTestId('dispute-resolution-submit').click();
      await us.getByTestId('dispute-resolution-version-1').waitFor({ timeout: VERIFIED_WITHIN_MS });
      for (const [page, party] of [
        [sy, 'sy'],
        [il, 'il'],
        [us, 'us'],
      ] as const) {
        await openDispute(page, contest);
        await signResolution(page, party, 1);
      }
      await us.locator('[data-testid="dispute-resolution-standing"]:not([data-in-force=""])').waitFor({ timeout: VERIFIED_WITHIN_MS });
      await us.getByTestId('dispute-action-closeDispute').click();
      await us.getByTestId('dispute-close-outcome-resolved').check();
      await us.getByTestId('dispute-close-submit').click();
      await stateIs(il, contest, 'resolved');
      expect(await il.getByTestId('dispute-step-negotiation').getAttribute('data-status')).toBe('skipped');
      expect(await il.getByTestId('dispute-step-facilitation').getAttribute('data-status')).toBe('skipped');
      await openTrack(il, 'diplomatic', 'plenary');
      await il.locator(`[data-testid="item-${translation}"] [data-testid="disputed-banner-line"][data-state="resolved"]`).waitFor({ timeout: VERIFIED_WITHIN_MS });
      // Settled, the translation may be contested again.
      await il.getByTestId(`item-${translation}`).getByTestId('action-contestTranslation').waitFor();
      expect(harness.pageErrors).toEqual([]);
    });

    it('counts both disputes on the board, closed and resolved, with the charts of their course', { timeout: 120_000 }, async () => {
      await openBoard(us);
      await us.locator('[data-testid="page-disputes"][data-count="2"]').waitFor({ timeout: VERIFIED_WITHIN_MS });
      for (const id of [dispute, contest]) expect(await us.getByTestId('dispute-board-closed').getByTestId(`dispute-card-${id}`).getAttribute('data-state')).toBe('resolved');
      const stats = us.getByTestId('dispute-stats');
      expect(await stats.getAttribute('data-unit')).toBe('week');
      expect(await stats.getByTestId('dispute-reached-notice').getAttribute('data-count')).toBe('2');
      expect(await stats.getByTestId('dispute-reached-negotiation').getAttribute('data-count')).toBe('0');
      expect(await stats.getByTestId('dispute-reached-facilitation').getAttribute('data-count')).toBe('1');
      expect(await stats.getByTestId('dispute-reached-resolution').getAttribute('data-count')).toBe('2');
      expect(await stats.getByTestId('dispute-reached-resolved').getAttribute('data-count')).toBe('2');
      expect(Number(await stats.getByTestId('dispute-median').getAttribute('data-median-ms'))).toBeGreaterThan(0);
      const bars = stats.getByTestId('dispute-chart-flow').locator('rect[data-series="resolved"]');
      expect((await bars.evaluateAll((rects) => rects.map((rect) => Number(rect.getAttribute('data-value'))))).reduce((sum, value) => sum + value, 0)).toBe(2);
      // Filtered to the open disputes, none is left.
      await us.getByTestId('dispute-filter-status').selectOption('open');
      await us.locator('[data-testid="dispute-board-count"][data-count="0"]').waitFor();
      expect(us.url()).toContain('status=open');
      await us.getByTestId('dispute-filter-status').selectOption('all');
      if (takeShots) await shots(harness, us, 'board');
      expect(harness.pageErrors).toEqual([]);
    });
  });
});
