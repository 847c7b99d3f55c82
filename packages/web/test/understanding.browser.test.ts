import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable, postgresAvailable } from '../../../test-support/environment.ts';
import { SCREENSHOTS, useBrowserHarness, VIEWPORT, type BrowserHarness } from './browser-harness.ts';
import { PHONE, screenshots } from './diplomatic-steps.ts';
import { entriesOf, openConsole, openTrack, VERIFIED_WITHIN_MS } from './watch-steps.ts';

const withPostgres = chromiumAvailable() && (await postgresAvailable());

/** An Arabic message holding two terms of the glossary, each with a prefix: بـ "with" and و "and" with بـ. */
const ARABIC_MESSAGE = 'نؤكد التزامنا بوقف إطلاق النار وبالانسحاب من المنطقة العازلة خلال أسبوع.';
const HEBREW_TRANSLATION = 'אנו מאשרים את מחויבותנו להפסקת האש ולנסיגה מאזור החיץ בתוך שבוע.';

/** Logs in on a fresh profile, wherever the member lands (a translator: the first track), and waits for the device. */
async function openAs(harness: BrowserHarness, username: string): Promise<Page> {
  const page = await harness.newPage();
  await harness.logIn(page, username);
  await harness.deviceApproved(page);
  return page;
}

async function openGlossary(page: Page): Promise<void> {
  await page.getByTestId('nav-glossary').click();
  await page.getByTestId('page-glossary').waitFor();
}

/** The item the page's own inbox says its party owes, by type. */
async function owed(page: Page, type: string): Promise<string> {
  const item = await page.evaluate(async (type) => {
    const inbox = (await (await fetch('/api/v1/inbox?view=mine')).json()) as { entries: { item: string; type: string }[] };
    return inbox.entries.find((entry) => entry.type === type)?.item;
  }, type);
  if (!item) throw new Error(`nothing of type ${type} is owed`);
  return item;
}

/** Where two boxes stand to each other: beside (one row) or one under the other. */
async function layoutOf(first: Locator, second: Locator): Promise<'beside' | 'stacked'> {
  const [a, b] = [await first.boundingBox(), await second.boundingBox()];
  if (!a || !b) throw new Error('a column is not visible');
  if (Math.abs(a.y - b.y) < 2 && Math.abs(a.x - b.x) > a.width / 2) return 'beside';
  if (b.y >= a.y + a.height - 1 || a.y >= b.y + b.height - 1) return 'stacked';
  throw new Error(`the columns overlap: ${JSON.stringify({ a, b })}`);
}

/**
 * Preventing misunderstandings as the parties meet it, on each engine: a glossary term proposed
 * on the glossary page and signed into force by the three heads, then marked in an Arabic message
 * that writes it with a prefix, its agreed words shown on focus; a translator's Hebrew translation
 * of that message read beside the authoritative Arabic, in the order the reader chose; and the
 * read-backs of the cell's opening message, one confirmed in one click and one queried, each
 * listed on the author's watch until then.
 */
describe.each([
  { engine: 'sqlite', run: chromiumAvailable(), options: {} },
  { engine: 'postgres', run: withPostgres, options: { postgresInstances: 1 } },
])('translations, the glossary and read-backs in Chromium on $engine', ({ engine, run, options }) => {
  describe.runIf(run)(engine, () => {
    const harness = useBrowserHarness(`fusion-cell-understanding-${engine}-`, options);
    const screenshot = screenshots(harness, engine);
    /** A part of the page at desktop then phone width, kept once, from the embedded engine's run. */
    const screenshotOf = async (part: Locator, name: string) => {
      if (engine !== 'sqlite') return;
      const page = part.page();
      await part.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
      await page.setViewportSize(PHONE);
      await part.screenshot({ path: path.join(SCREENSHOTS, `${name}-phone.png`) });
      await page.setViewportSize(VIEWPORT);
    };
    let us: Page;
    let sy: Page;
    let il: Page;
    let term = '';
    let message = '';

    it('signs a proposed term into force by the three heads, on the glossary page', async () => {
      // One after the other: three logins at once (argon2id each) crowd a busy machine.
      il = await openConsole(harness, 'il.head');
      sy = await openConsole(harness, 'sy.head');
      us = await openConsole(harness, 'us.chief');
      await openGlossary(il);
      // The demo's own term is in force already; its proposal awaits signatures.
      await il.locator('[data-testid="glossary-in-force"] li[data-state="in-force"]').first().waitFor({ timeout: VERIFIED_WITHIN_MS });

      await il.getByTestId('glossary-propose-open').click();
      await il.getByTestId('glossary-form-submit').click();
      await il.getByTestId('glossary-form-term-missing').waitFor();
      await il.getByTestId('glossary-form-language').selectOption('en');
      await il.getByTestId('glossary-form-term').fill('ceasefire');
      await il.getByTestId('glossary-form-equivalent-ar').fill('وقف إطلاق النار');
      await il.getByTestId('glossary-form-equivalent-he').fill('הפסקת אש');
      expect(await il.getByTestId('glossary-form-equivalent-ar').getAttribute('dir')).toBe('rtl');
      await il.getByTestId('glossary-form-definition').fill('The end of all firing and hostile acts along the line, by every force of both sides.');
      await il.getByTestId('glossary-form-submit').click();
      const entered = il.locator('[data-testid="glossary-form-status"]:is([data-state="appended"], [data-state="verified"])');
      await entered.waitFor({ timeout: VERIFIED_WITHIN_MS });
      term = (await entered.getAttribute('data-item-id')) ?? '';
      expect(term).toMatch(/^[A-Za-z0-9_-]{43}$/);

      for (const [page, party] of [
        [il, 'il'],
        [us, 'us'],
        [sy, 'sy'],
      ] as const) {
        if (page !== il) await openGlossary(page);
        const proposal = page.getByTestId(`glossary-proposal-${term}`);
        await proposal.locator(`[data-testid="document-status"] li[data-party="${party}"]`).waitFor({ timeout: VERIFIED_WITHIN_MS });
        // Every side and the supervisor sign, whoever proposed it.
        expect((await proposal.locator('[data-testid="document-status"] li').evaluateAll((items) => items.map((item) => item.getAttribute('data-party')))).sort()).toEqual(['il', 'sy', 'us']);
        if (party === 'sy') {
          await harness.setLanguage(sy, 'ar');
          await screenshot(sy, 'understanding-glossary-proposed-ar');
        }
        await proposal.getByTestId('action-sign').click();
        await proposal.getByTestId('sign-submit').click();
        // Signed: the party is no longer offered its signature, and its act shows.
        if (party !== 'sy') {
          await proposal.locator(`li[data-party="${party}"][data-acts="signature"]`).waitFor({ timeout: VERIFIED_WITHIN_MS });
          expect(await proposal.getByTestId('action-sign').count()).toBe(0);
        }
      }

      // In force in every browser, from the live stream, no longer awaiting anyone.
      for (const page of [sy, il, us]) {
        await page.locator(`[data-testid="glossary-in-force"] [data-testid="glossary-term-${term}"][data-state="in-force"]`).waitFor({ timeout: VERIFIED_WITHIN_MS });
        expect(await page.getByTestId(`glossary-proposal-${term}`).count()).toBe(0);
      }
      const card = il.getByTestId(`glossary-term-${term}`);
      expect(await card.getByTestId('glossary-term-text').textContent()).toBe('ceasefire');
      expect(await card.locator('[data-testid="glossary-equivalent-he"] p').getAttribute('lang')).toBe('he');
      expect(await card.locator('[data-testid="glossary-equivalent-ar"] p').textContent()).toBe('وقف إطلاق النار');
      await screenshot(sy, 'understanding-glossary-ar');
      await screenshot(il, 'understanding-glossary-en');

      // The search box narrows the list as the highlighting matches: a word of the Arabic term, with a prefix.
      await il.getByTestId('glossary-search').fill('بإطلاق');
      await il.locator('[data-testid="glossary-in-force"][data-count="1"]').waitFor();
      await card.waitFor();
      await il.getByTestId('glossary-search').fill('withdrawals');
      await il.locator('[data-testid="glossary-in-force"][data-count="1"]').waitFor();
      expect(await card.count()).toBe(0);
      await il.getByTestId('glossary-search').fill('');
      expect(harness.pageErrors).toEqual([]);
    });

    it('marks the terms in force in an Arabic message that writes them with prefixes, with their agreed words', async () => {
      await openTrack(sy, 'general', 'plenary');
      await sy.getByTestId('compose-text').fill(ARABIC_MESSAGE);
      await sy.getByTestId('compose-language').selectOption('ar');
      await sy.getByTestId('compose-send').click();
      const status = sy.locator('[data-testid="compose-status"]:is([data-state="appended"], [data-state="verified"])');
      await status.waitFor({ timeout: VERIFIED_WITHIN_MS });
      message = (await status.getAttribute('data-item-id')) ?? '';

      await openTrack(il, 'general', 'plenary');
      const text = il.getByTestId(`item-${message}`).getByTestId('item-text').first();
      const marks = il.getByTestId(`item-${message}`).getByTestId('glossary-mark');
      await marks.nth(1).waitFor({ timeout: VERIFIED_WITHIN_MS });
      expect(await marks.allTextContents()).toEqual(['بوقف إطلاق النار', 'وبالانسحاب']);
      const withdrawal = (await entriesOf(il, 'plenary')).find((entry) => entry.envelope.type === 'glossary.term' && entry.envelope.payload['term'] === 'انسحاب');
      expect(await marks.evaluateAll((found) => found.map((mark) => mark.getAttribute('data-term')))).toEqual([term, withdrawal?.id]);
      // The paragraph reads as written; the agreed words are not part of it.
      expect(await text.textContent()).toBe(ARABIC_MESSAGE);

      // Reached from the keyboard: the agreed words show on focus, each in its language, and Escape hides them.
      const ceasefire = marks.first();
      await ceasefire.focus();
      const tip = ceasefire.getByTestId('glossary-tip');
      await tip.waitFor();
      expect(await tip.locator('bdi[lang="en"]').textContent()).toBe('ceasefire');
      expect(await tip.locator('bdi[lang="he"]').textContent()).toBe('הפסקת אש');
      expect(await tip.locator('bdi[lang="ar"]').textContent()).toBe('وقف إطلاق النار');
      await screenshotOf(il.getByTestId(`item-${message}`), 'understanding-highlight-en');
      await ceasefire.focus();
      await tip.waitFor();
      const described = await ceasefire.getAttribute('aria-describedby');
      expect(await il.locator(`[id="${described}"]`).textContent()).toContain('הפסקת אש');
      await il.keyboard.press('Escape');
      await tip.waitFor({ state: 'detached' });
      await marks.nth(1).hover();
      expect(await marks.nth(1).getByTestId('glossary-tip').locator('bdi[lang="en"]').textContent()).toBe('withdrawal');
      expect(harness.pageErrors).toEqual([]);
    });

    it('lets a translator attach a Hebrew translation, read beside the Arabic in the order the reader chose', async () => {
      const translator = await openAs(harness, 'sy.translator');
      await openTrack(translator, 'general', 'plenary');
      const item = translator.getByTestId(`item-${message}`);
      await item.getByTestId('action-translate').click({ timeout: VERIFIED_WITHIN_MS });
      expect(await item.getByTestId('translate-original').locator('p[lang="ar"]').textContent()).toBe(ARABIC_MESSAGE);
      // Into another of the cell's languages only: never the original's own.
      expect(await item.getByTestId('translate-language').locator('option').evaluateAll((options) => options.map((option) => option.getAttribute('value')))).toEqual(['en', 'he']);
      await item.getByTestId('translate-submit').click();
      await item.getByTestId('translate-text-missing').waitFor();
      await item.getByTestId('translate-language').selectOption('he');
      await item.getByTestId('translate-text').fill(HEBREW_TRANSLATION);
      expect(await item.getByTestId('translate-text').getAttribute('dir')).toBe('rtl');
      await item.getByTestId('translate-submit').click();
      await item.getByTestId('item-translations').waitFor({ timeout: VERIFIED_WITHIN_MS });

      // Israel's duty officer reads Hebrew: the original first, marked authoritative, the translation beside it.
      await harness.setLanguage(il, 'he');
      const translations = il.getByTestId(`item-${message}`).getByTestId('item-translations');
      await translations.waitFor({ timeout: VERIFIED_WITHIN_MS });
      const columns = translations.getByTestId('translation-column');
      const order = () => columns.evaluateAll((found) => found.map((column) => `${column.getAttribute('data-kind')}:${column.getAttribute('data-language')}`));
      expect(await order()).toEqual(['original:ar', 'translation:he']);
      expect(await columns.nth(1).getByTestId('translation-text').textContent()).toBe(HEBREW_TRANSLATION);
      expect(await columns.nth(1).getByTestId('translation-by').getAttribute('data-party')).toBe('sy');
      expect(await layoutOf(columns.nth(0), columns.nth(1))).toBe('beside');

      await translations.getByTestId('translation-order-mine').click();
      expect(await order()).toEqual(['translation:he', 'original:ar']);
      expect(await translations.getByTestId('translation-order-mine').getAttribute('aria-pressed')).toBe('true');
      // Kept in this browser: a reload opens with the same choice.
      await il.reload();
      await il.getByTestId('app-shell').waitFor();
      await openTrack(il, 'general', 'plenary');
      await il.getByTestId(`item-${message}`).getByTestId('item-translations').waitFor({ timeout: VERIFIED_WITHIN_MS });
      expect(await order()).toEqual(['translation:he', 'original:ar']);

      await il.setViewportSize(PHONE);
      expect(await layoutOf(columns.nth(0), columns.nth(1))).toBe('stacked');
      await il.setViewportSize(VIEWPORT);
      await translations.getByTestId('translation-order-original').click();
      expect(await order()).toEqual(['original:ar', 'translation:he']);
      await harness.setLanguage(il, 'en');
      await screenshotOf(il.getByTestId(`item-${message}`), 'understanding-translations-en');
      await openTrack(sy, 'general', 'plenary');
      await sy.getByTestId(`item-${message}`).getByTestId('item-translations').waitFor({ timeout: VERIFIED_WITHIN_MS });
      await screenshotOf(sy.getByTestId(`item-${message}`), 'understanding-translations-ar');
      expect(harness.pageErrors).toEqual([]);
    });

    it('keeps each read-back on the author’s watch until it is confirmed in one click or queried', async () => {
      const ilDuty = await openConsole(harness, 'il.duty1');
      const syDuty = await openConsole(harness, 'sy.duty1');
      const opening = await owed(ilDuty, 'message');
      const readBacks = { il: 'נקלט: נשלח את לוח המשמרות לשבוע הראשון עד הערב.', sy: 'تم الفهم: سنرسل جدول المناوبات للأسبوع الأول اليوم.' };
      for (const [page, language] of [
        [ilDuty, 'he'],
        [syDuty, 'ar'],
      ] as const) {
        const card = page.getByTestId(`inbox-${opening}`);
        await card.getByTestId('ack-read-back-toggle').click();
        await card.getByTestId('ack-read-back').fill(language === 'he' ? readBacks.il : readBacks.sy);
        await card.getByTestId('ack-language').selectOption(language);
        await card.getByTestId('ack-understood').click();
        await card.waitFor({ state: 'detached' });
      }
      const acks = (await entriesOf(us, 'plenary')).filter((entry) => entry.envelope.type === 'ack' && entry.envelope.references[0] === opening && entry.envelope.payload['readBack'] !== undefined);
      const ackOf = (party: 'il' | 'sy') => acks.find((entry) => entry.envelope.payload['readBack'] === readBacks[party])?.id ?? '';

      // The United States wrote the message: its head sees both read-backs beside what it wrote.
      await us.getByTestId('nav-watch').click();
      const listed = us.getByTestId('readbacks-to-confirm');
      await us.locator('[data-testid="readbacks-to-confirm"][data-count="2"]').waitFor({ timeout: VERIFIED_WITHIN_MS });
      const israel = us.getByTestId(`readback-${ackOf('il')}`);
      const syria = us.getByTestId(`readback-${ackOf('sy')}`);
      expect(await israel.getByTestId('readback-original-text').textContent()).toContain('The cell is open.');
      expect(await israel.getByTestId('readback-text').textContent()).toBe(readBacks.il);
      expect(await israel.getByTestId('readback-text').getAttribute('dir')).toBe('rtl');
      expect(await layoutOf(israel.getByTestId('readback-original'), israel.getByTestId('readback-read-back'))).toBe('beside');
      // Nobody else is asked: Syria did not write the message.
      expect(await syDuty.getByTestId('readbacks-to-confirm').count()).toBe(0);
      await screenshotOf(listed, 'understanding-readback-en');
      await harness.setLanguage(us, 'ar');
      await screenshotOf(listed, 'understanding-readback-ar');
      await harness.setLanguage(us, 'en');

      // Confirmed in one click: gone from the watch, the other still listed.
      await israel.getByTestId('readback-confirm-submit').click();
      await israel.waitFor({ state: 'detached', timeout: VERIFIED_WITHIN_MS });
      await us.locator('[data-testid="readbacks-to-confirm"][data-count="1"]').waitFor();
      await syria.waitFor();

      // Queried: one click opens the question already written, one sends it.
      await syria.getByTestId('readback-ask').click();
      expect((await syria.getByTestId('readback-clarify-text').inputValue()).length).toBeGreaterThan(20);
      await syria.getByTestId('readback-clarify-submit').click();
      await listed.waitFor({ state: 'detached', timeout: VERIFIED_WITHIN_MS });

      // In the record: the confirmation under Israel's acknowledgment, the question under Syria's, which Syria now owes an answer to.
      const entries = await entriesOf(us, 'plenary');
      expect(entries.filter((entry) => entry.envelope.type === 'readback.confirm').map((entry) => entry.envelope.references[0])).toEqual([ackOf('il')]);
      const question = entries.find((entry) => entry.envelope.type === 'clarification' && entry.envelope.references[0] === ackOf('sy'));
      expect(question).toBeDefined();
      await openTrack(syDuty, 'general', 'plenary');
      await syDuty.getByTestId(`answers-${ackOf('sy')}`).locator('[data-type="clarification"]').waitFor({ timeout: VERIFIED_WITHIN_MS });
      await openTrack(ilDuty, 'general', 'plenary');
      await ilDuty.getByTestId(`answers-${ackOf('il')}`).locator('[data-type="readback.confirm"]').waitFor({ timeout: VERIFIED_WITHIN_MS });
      expect(harness.pageErrors).toEqual([]);
    });
  });
});
