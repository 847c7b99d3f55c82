import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { Rules, type CellInfo, type SessionInfo } from '@fusion-cell/protocol';
import { SessionContext, type SessionContextValue } from '../src/features/auth/session-context.ts';
import { FreeText } from '../src/features/items/free-text.tsx';
import { ItemTranslations } from '../src/features/translations/item-translations.tsx';
import { setReadingOrder } from '../src/features/translations/reading-order.ts';
import type { SyncedItem, SyncSnapshot } from '../src/sync/sync-types.ts';
import { RESOURCES } from '../src/i18n/resources.ts';

// The record as a page would hold it: server rendering has no store to subscribe to.
const record = vi.hoisted(() => ({ snapshot: undefined as unknown }));
vi.mock('../src/sync/record-sync-context.ts', () => ({
  useRecordSync: () => ({ sync: {}, snapshot: record.snapshot }),
  useRecordSyncInstance: () => ({}),
}));

/**
 * Glossary terms marked in the texts of items, with their agreed words for screen readers and
 * on focus; an item's translations beside its authoritative text, in the order the reader chose.
 */

const cell: CellInfo = {
  id: 'test-cell',
  name: { en: 'Test cell' },
  languages: ['en', 'ar', 'he'],
  tracks: ['general'],
  parties: [
    { id: 'sy', kind: 'side', name: { en: 'Syria', ar: 'سوريا', he: 'סוריה' } },
    { id: 'il', kind: 'side', name: { en: 'Israel', ar: 'إسرائيل', he: 'ישראל' } },
    { id: 'us', kind: 'supervisor', name: { en: 'United States', ar: 'الولايات المتحدة', he: 'ארצות הברית' } },
  ],
  agreements: [],
  rules: Rules.parse({}),
};
const plenary = { id: 'plenary', kind: 'plenary' as const, owner: null, parties: ['sy', 'il', 'us'] };
const session = {
  member: { id: 'm-il', username: 'il.duty1', displayName: 'Israeli duty officer', roles: ['duty'] },
  party: { id: 'il', kind: 'side', name: { en: 'Israel' } },
  compartments: [plenary],
  session: { expiresAt: '2030-01-01T00:00:00.000Z' },
} as unknown as SessionInfo;
const members = new Map([
  ['m-sy', { party: 'sy', displayName: 'Syrian duty officer' }],
  ['m-il', { party: 'il', displayName: 'Israeli duty officer' }],
  ['m-us', { party: 'us', displayName: 'US chief' }],
  ['m-tr', { party: 'sy', displayName: 'Syrian translator' }],
]);
const verified = { signature: { status: 'verified' }, inclusion: { status: 'verified' } } as SyncedItem['verification'];

let index = 0;
function entry(id: string, author: string, type: string, payload: Record<string, unknown>, references: string[] = []): SyncedItem {
  const at = new Date(Date.UTC(2026, 0, 6, 9, 0, index)).toISOString();
  return {
    id,
    claimedId: id,
    compartment: 'plenary',
    index: index++,
    receivedAt: at,
    leafHash: new Uint8Array(),
    signed: { envelope: { cell: 'test-cell', compartment: 'plenary', type, track: 'general', payload: payload as never, references, author, device: 'd', authoredAt: at }, signature: '' },
    verification: verified,
  };
}

const term = entry('term', 'm-sy', 'glossary.term', { term: 'انسحاب', language: 'ar', equivalents: { en: 'withdrawal', he: 'נסיגה' } });
const signatures = ['m-sy', 'm-il', 'm-us'].map((author, n) => entry(`sign-${n}`, author, 'document.sign', { act: 'signature', version: 'term' }, ['term']));
const message = entry('msg', 'm-sy', 'message', { text: 'نؤكد التزامنا بالانسحاب من المنطقة.', language: 'ar' });
const hebrew = entry('tr-he', 'm-tr', 'translation', { language: 'he', text: 'אנו מאשרים את מחויבותנו לנסיגה מהאזור.', note: 'המונח לפי המילון.' }, ['msg']);
const english = entry('tr-en', 'm-tr', 'translation', { language: 'en', text: 'We confirm our commitment to the withdrawal from the area.' }, ['msg']);

let items: SyncedItem[] = [];
function render(element: ReactElement): string {
  record.snapshot = { phase: 'ready', error: null, lastSyncedAt: null, members, compartments: [], items: new Map([['plenary', items]]), cellAlarms: [] } satisfies Partial<SyncSnapshot>;
  const sessionValue: SessionContextValue = { state: { status: 'authenticated', session, cell }, login: async () => undefined, logout: async () => undefined, retry: () => undefined };
  return renderToStaticMarkup(createElement(SessionContext.Provider, { value: sessionValue }, element));
}
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/[\u2068\u2069]/g, '')
    .replaceAll('&#x27;', "'")
    .replace(/\s+/g, ' ')
    .trim();
/** The parts of the markup that match, in order. */
const all = (html: string, pattern: RegExp) => [...html.matchAll(pattern)].map((match) => match[1]);

beforeAll(async () => {
  await i18next.use(initReactI18next).init({ lng: 'en', resources: { en: { translation: RESOURCES.en }, ar: { translation: RESOURCES.ar }, he: { translation: RESOURCES.he } }, interpolation: { escapeValue: false } });
});
beforeEach(async () => {
  items = [];
  setReadingOrder('original');
  await i18next.changeLanguage('en');
});

describe('glossary terms in item texts', () => {
  it('marks a term in force where the text writes it with a prefix, focusable, described by its agreed words', () => {
    items = [term, ...signatures];
    const html = render(createElement(FreeText, { text: 'نؤكد التزامنا بالانسحاب من المنطقة.', language: 'ar', testId: 'text' }));
    expect(all(html, /<mark[^>]*data-term="([^"]+)"[^>]*>/g)).toEqual(['term']);
    expect(all(html, /<mark[^>]*>([^<]+)/g)).toEqual(['بالانسحاب']);
    expect(html).toMatch(/<mark[^>]*tabindex="0"/);
    // The paragraph keeps the text as written; the agreed words are its mark's description, beside it.
    const paragraph = /<p[^>]*data-testid="text"[^>]*>(.*?)<\/p>/.exec(html)?.[1] ?? '';
    expect(text(paragraph)).toBe('نؤكد التزامنا بالانسحاب من المنطقة.');
    const describedBy = /aria-describedby="([^"]+)"/.exec(html)?.[1] ?? '';
    const description = new RegExp(`<span id="${describedBy}" hidden="">(.*?)</span>(?:</p>|$)`).exec(html)?.[1] ?? '';
    expect(text(description)).toMatch(/English\s*:\s*withdrawal/);
    expect(description).toContain('<bdi lang="he" dir="rtl">נסיגה</bdi>');
  });

  it('marks nothing before every party signed, nor where the text is the glossary’s own', () => {
    items = [term, ...signatures.slice(0, 2)];
    expect(render(createElement(FreeText, { text: 'والانسحاب', language: 'ar' }))).not.toContain('<mark');
    items = [term, ...signatures];
    expect(render(createElement(FreeText, { text: 'والانسحاب', language: 'ar' }))).toContain('<mark');
    expect(render(createElement(FreeText, { text: 'والانسحاب', language: 'ar', glossary: false }))).not.toContain('<mark');
  });

  it('marks the term in every language it was agreed in', () => {
    items = [term, ...signatures];
    expect(all(render(createElement(FreeText, { text: 'The withdrawals began; הנסיגה החלה.', language: 'en' })), /<mark[^>]*>([^<]+)/g)).toEqual(['withdrawals', 'הנסיגה']);
  });
});

describe("an item's translations", () => {
  it('shows nothing on an item without translations', () => {
    items = [message];
    expect(render(createElement(ItemTranslations, { item: message }))).toBe('');
  });

  it('puts the authoritative original beside each translation, each marked, with its translator', () => {
    items = [message, hebrew, english];
    const html = render(createElement(ItemTranslations, { item: message }));
    expect(all(html, /data-testid="translation-column" data-kind="([a-z]+)"/g)).toEqual(['original', 'translation', 'translation']);
    expect(text(html)).toContain('Authoritative (العربية)');
    expect(text(html)).toContain('Translation into עברית — not authoritative');
    expect(text(html)).toContain('Translated by Syrian translator (Syria)');
    expect(text(html)).toContain('המונח לפי המילון.');
    expect(html).toContain('lang="he" dir="rtl"');
    expect(all(html, /data-testid="translation-order-([a-z]+)"[^>]*/g)).toEqual(['original', 'mine']);
    expect(html).toMatch(/aria-pressed="true" data-testid="translation-order-original"/);
  });

  it('puts the reader’s own language first once they chose it, in their interface language', async () => {
    items = [message, hebrew, english];
    setReadingOrder('mine');
    await i18next.changeLanguage('he');
    const html = render(createElement(ItemTranslations, { item: message }));
    expect(all(html, /data-testid="translation-column" data-kind="[a-z]+" data-language="([a-z]+)"/g)).toEqual(['he', 'ar', 'en']);
    expect(html).toMatch(/aria-pressed="true" data-testid="translation-order-mine"/);
    expect(text(html)).toContain('נוסח מחייב (العربية)');
  });
});
