import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { Rules, type ActivityNoticePayload, type CellInfo, type FindingPayload, type IncidentReportPayload, type SessionInfo, type ZonePayload } from '@fusion-cell/protocol';
import type { Envelope } from '@fusion-cell/record';
import { AckContent, AckLevelBadge, asksConsentOf } from '../src/features/items/ack-content.tsx';
import { AckStatus } from '../src/features/items/ack-status.tsx';
import { offeredActions } from '../src/features/items/item-actions.tsx';
import { buildItemGraph } from '../src/features/items/item-graph.ts';
import { SessionContext, type SessionContextValue } from '../src/features/auth/session-context.ts';
import { formatFileSize, IncidentContent, PositionContent } from '../src/features/deescalation/incident-content.tsx';
import { NoticeView } from '../src/features/deescalation/notice-content.tsx';
import { noticeState } from '../src/features/deescalation/notice-state.ts';
import { readGeoJson } from '../src/features/deescalation/geojson-input.ts';
import { ZoneContent } from '../src/features/deescalation/zone-content.tsx';
import { FindingContent } from '../src/features/findings/finding-content.tsx';
import type { SyncedItem, SyncSnapshot } from '../src/sync/sync-types.ts';
import type { ActionContext } from '../src/item-types/web-item-type.ts';
import ar from '../src/i18n/ar.json';
import en from '../src/i18n/en.json';
import he from '../src/i18n/he.json';

// The record as a page would hold it: server rendering has no store to subscribe to.
const record = vi.hoisted(() => ({ snapshot: undefined as unknown }));
vi.mock('../src/sync/record-sync-context.ts', () => ({
  useRecordSync: () => ({ sync: {}, snapshot: record.snapshot }),
  useRecordSyncInstance: () => ({}),
}));

/**
 * The de-escalation types as a reader sees them: structured fields in the reader's language,
 * a notice's state from the record, consent never read into a lower acknowledgment, and the
 * cell's findings clear in a line or flagged in full.
 */

const cell: CellInfo = {
  id: 'test-cell',
  name: { en: 'Test cell' },
  languages: ['en', 'ar', 'he'],
  tracks: ['deescalation', 'general'],
  parties: [
    { id: 'sy', kind: 'side', name: { en: 'Syria', ar: 'سوريا', he: 'סוריה' } },
    { id: 'il', kind: 'side', name: { en: 'Israel', ar: 'إسرائيل', he: 'ישראל' } },
    { id: 'us', kind: 'supervisor', name: { en: 'United States', ar: 'الولايات المتحدة', he: 'ארצות הברית' } },
  ],
  agreements: [],
  rules: Rules.parse({}),
};
const plenary = { id: 'plenary', kind: 'plenary', owner: null, parties: ['sy', 'il', 'us'] } as const;
const session = {
  member: { id: 'm-il', username: 'il.duty1', displayName: 'Israeli duty officer', roles: ['duty'] },
  party: { id: 'il', kind: 'side', name: { en: 'Israel' } },
  compartments: [{ ...plenary, parties: [...plenary.parties] }],
  session: { expiresAt: '2030-01-01T00:00:00.000Z' },
} as unknown as SessionInfo;
const members = new Map([
  ['m-sy', { party: 'sy', displayName: 'Syrian duty officer' }],
  ['m-il', { party: 'il', displayName: 'Israeli duty officer' }],
  ['m-us', { party: 'us', displayName: 'US chief' }],
]);

const verified = { signature: { status: 'verified' }, inclusion: { status: 'verified' } } as SyncedItem['verification'];
const failed = { signature: { status: 'failed', code: 'signature_invalid', detail: 'bad' }, inclusion: { status: 'verified' } } as SyncedItem['verification'];
let index = 0;
function entry(id: string, author: string, type: string, payload: Record<string, unknown>, references: string[] = [], verification = verified): SyncedItem {
  const at = new Date(Date.UTC(2026, 0, 6, 9, 0, index)).toISOString();
  return {
    id,
    claimedId: id,
    compartment: 'plenary',
    index: index++,
    receivedAt: at,
    leafHash: new Uint8Array(),
    signed: { envelope: { cell: 'test-cell', compartment: 'plenary', type, track: 'deescalation', payload: payload as never, references, author, device: 'd', authoredAt: at }, signature: '' },
    verification,
  };
}
const graphOf = (items: SyncedItem[]) => buildItemGraph(new Map([['plenary', items]]));

const square = { type: 'Polygon', coordinates: [[[35.8, 33.0], [35.9, 33.0], [35.9, 33.1], [35.8, 33.1], [35.8, 33.0]]] } as const;
const notice = (semantics: ActivityNoticePayload['semantics']): ActivityNoticePayload => ({
  kind: 'engineering-work',
  description: 'Road repair crew with military escort near the village.',
  language: 'en',
  area: square as unknown as ActivityNoticePayload['area'],
  window: { from: '2026-01-07T06:00:00.000Z', to: '2026-01-07T16:00:00.000Z' },
  size: { category: 'small', personnel: 30, equipment: [{ category: 'armoured-vehicles', count: 2 }] },
  semantics,
});

let items: SyncedItem[] = [];
function render(element: ReactElement): string {
  record.snapshot = { phase: 'ready', error: null, lastSyncedAt: null, members, compartments: [], items: new Map([['plenary', items]]), cellAlarms: [] } satisfies Partial<SyncSnapshot>;
  const sessionValue: SessionContextValue = { state: { status: 'authenticated', session, cell }, login: async () => undefined, logout: async () => undefined, retry: () => undefined };
  return renderToStaticMarkup(createElement(SessionContext.Provider, { value: sessionValue }, element));
}
/** The text a reader reads, without markup and the bidirectional isolates placed around names and times. */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/[\u2068\u2069]/g, '')
    .replaceAll('&#x27;', "'")
    .replaceAll('&quot;', '"')
    .replaceAll('&amp;', '&')
    .replace(/\s+/g, ' ');

beforeAll(async () => {
  await i18next.use(initReactI18next).init({ lng: 'en', resources: { en: { translation: en }, ar: { translation: ar }, he: { translation: he } }, interpolation: { escapeValue: false } });
});
beforeEach(async () => {
  items = [];
  await i18next.changeLanguage('en');
});

describe('consent on a notice that requests it', () => {
  it('reads received and understood as no consent, and only accepted as consent', () => {
    const received = render(createElement(AckLevelBadge, { level: 'received', consent: true }));
    expect(received).toContain('data-testid="no-consent"');
    expect(text(received)).toContain('Received — no consent given');
    expect(text(render(createElement(AckLevelBadge, { level: 'understood', consent: true })))).toContain('Understood — no consent given');
    const accepted = render(createElement(AckLevelBadge, { level: 'accepted', consent: true }));
    expect(accepted).toContain('data-testid="consent-given"');
    expect(text(accepted)).toContain('Consent given');
    expect(text(render(createElement(AckLevelBadge, { level: 'contested', consent: true })))).toContain('consent refused');
    // Elsewhere a level is only a level.
    const plain = render(createElement(AckLevelBadge, { level: 'received', consent: false }));
    expect(text(plain).trim()).toBe('Received');
    expect(plain).not.toContain('consent');
  });

  it('asks the type whether an item requests consent', () => {
    const envelopeOf = (type: string, payload: Record<string, unknown>) => ({ type, payload }) as Pick<Envelope, 'type' | 'payload'>;
    expect(asksConsentOf(envelopeOf('activity.notice', notice('consent-requested')))).toBe(true);
    expect(asksConsentOf(envelopeOf('activity.notice', notice('no-objection-expected')))).toBe(false);
    expect(asksConsentOf(envelopeOf('message', { text: 'accepted?', language: 'en', semantics: 'consent-requested' }))).toBe(false);
  });

  it("shows another side's receipt of a consent-requested notice as no consent, where each party stands and under the notice", () => {
    const asked = entry('n-consent', 'm-sy', 'activity.notice', notice('consent-requested'));
    const receipt = entry('a-1', 'm-il', 'ack', { level: 'received' }, ['n-consent']);
    items = [asked, receipt];
    const status = render(createElement(AckStatus, { item: asked }));
    expect(status).toContain('data-consent="requested"');
    expect(status).toMatch(/data-party="il"[^>]*data-level="received"/);
    expect(status).toContain('data-testid="no-consent"');
    expect(text(status)).toContain('Consent requested: only “Accepted” gives it');
    expect(text(status)).toContain('Received — no consent given');
    const ack = render(createElement(AckContent, { payload: { level: 'received' }, subject: 'n-consent' }));
    expect(ack).toContain('data-testid="no-consent"');

    // A notice that asks no consent is acknowledged as usual.
    const informed = entry('n-info', 'm-sy', 'activity.notice', notice('information-only'));
    items = [informed, entry('a-2', 'm-il', 'ack', { level: 'received' }, ['n-info'])];
    const plain = render(createElement(AckStatus, { item: informed }));
    expect(plain).not.toContain('no-consent');
    expect(text(plain)).toContain('Acknowledgment required: Understood');
  });

  it('says so in Arabic and Hebrew', async () => {
    await i18next.changeLanguage('ar');
    expect(text(render(createElement(AckLevelBadge, { level: 'received', consent: true })))).toContain('لم تُمنح الموافقة');
    await i18next.changeLanguage('he');
    expect(text(render(createElement(AckLevelBadge, { level: 'understood', consent: true })))).toContain('לא ניתנה הסכמה');
  });
});

describe("a notice's state, from the record", () => {
  const original = () => entry('n-1', 'm-sy', 'activity.notice', notice('information-only'));
  const amendment = (id: string, author: string) => entry(id, author, 'activity.notice', { ...notice('information-only'), amends: 'n-1' }, ['n-1']);

  it('stands until its own party amends or cancels it; the first move counts', () => {
    const n1 = original();
    expect(noticeState('n-1', graphOf([n1]), members).state).toBe('active');
    const amended = noticeState('n-1', graphOf([n1, amendment('n-2', 'm-sy')]), members);
    expect(amended).toMatchObject({ state: 'amended', by: { id: 'n-2' } });
    const cancel = entry('c-1', 'm-sy', 'activity.cancel', { reason: 'Postponed.', language: 'en' }, ['n-1']);
    expect(noticeState('n-1', graphOf([n1, cancel]), members)).toMatchObject({ state: 'cancelled', by: { id: 'c-1' } });
    expect(noticeState('n-1', graphOf([n1, cancel, amendment('n-3', 'm-sy')]), members).state).toBe('cancelled');
  });

  it("ignores another party's amendment or cancellation, and one that failed verification here", () => {
    const n1 = original();
    expect(noticeState('n-1', graphOf([n1, amendment('n-2', 'm-il')]), members).state).toBe('active');
    expect(noticeState('n-1', graphOf([n1, entry('c-2', 'm-il', 'activity.cancel', {}, ['n-1'])]), members).state).toBe('active');
    expect(noticeState('n-1', graphOf([n1, entry('c-3', 'm-sy', 'activity.cancel', {}, ['n-1'], failed)]), members).state).toBe('active');
  });

  it('asks nothing more once amended or cancelled, and still shows what was given', () => {
    const n1 = original();
    const receipt = entry('a-9', 'm-il', 'ack', { level: 'received' }, ['n-1']);
    items = [n1];
    expect(render(createElement(AckStatus, { item: n1 }))).toMatch(/data-party="il"[^>]*data-level="none"/);
    items = [n1, entry('c-9', 'm-sy', 'activity.cancel', {}, ['n-1'])];
    expect(render(createElement(AckStatus, { item: n1 }))).toBe('');
    items = [n1, receipt, amendment('n-9', 'm-sy')];
    const status = render(createElement(AckStatus, { item: n1 }));
    expect(status).toContain('data-required=""');
    expect(status).toMatch(/data-party="il"[^>]*data-level="received"/);
  });

  it('shows the state, what it asks, when, and its size in the reader’s language', async () => {
    const n2 = amendment('n-2', 'm-sy');
    const html = render(createElement(NoticeView, { payload: notice('consent-requested'), state: { state: 'amended', by: n2 } }));
    expect(html).toContain('notice-semantics-consent-requested');
    expect(html).toContain('data-state="amended"');
    const words = text(html);
    expect(words).toContain(`Amended: replaced by a later notice (entry ${n2.index})`);
    expect(words).toContain('Consent requested');
    expect(words).toContain('only “Accepted” gives it');
    expect(words).toContain('Engineering work');
    expect(words).toContain('Personnel: 30');
    expect(words).toContain('Armoured vehicles: 2');
    expect(words).toMatch(/From .*2026.* to .*2026/);
    await i18next.changeLanguage('he');
    const hebrew = text(render(createElement(NoticeView, { payload: notice('no-objection-expected'), state: { state: 'active' } })));
    expect(hebrew).toContain('לא צפויה התנגדות');
    expect(hebrew).toContain('עבודות הנדסיות');
    // Free text keeps its own language.
    expect(render(createElement(NoticeView, { payload: notice('information-only'), state: undefined }))).toContain('lang="en"');
  });
});

describe('zones and incidents', () => {
  const zone: ZonePayload = {
    name: { en: 'Limited-forces area', ar: 'منطقة قوات محدودة', he: 'אזור כוחות מוגבלים' },
    area: square as unknown as ZonePayload['area'],
    rule: { kind: 'limited-forces', caps: { personnel: 600, equipment: [{ category: 'tanks', max: 20 }, { category: 'artillery', max: 36, aboveCalibreMm: 122 }, { category: 'air-defence', max: 0 }] } },
    article: 'Article 2(B)',
    illustrative: true,
    language: 'en',
  };

  it('shows a zone by its name in the reader’s language, its rule and caps in words, its article and that it is illustrative', async () => {
    const words = text(render(createElement(ZoneContent, { payload: zone })));
    expect(words).toContain('Limited-forces area');
    expect(words).toContain('Tanks: at most 20');
    expect(words).toContain('Artillery above 122 mm: at most 36');
    expect(words).toContain('Personnel: at most 600');
    // A cap of zero forbids.
    expect(words).toContain('Air defence: none allowed');
    expect(words).toContain('Article 2(B)');
    expect(words).toContain('Illustrative geometry — not an agreed line');
    await i18next.changeLanguage('ar');
    const arabic = render(createElement(ZoneContent, { payload: zone }));
    expect(arabic).toContain('lang="ar"');
    expect(text(arabic)).toContain('منطقة قوات محدودة');
    expect(text(arabic)).toContain('دبابات: 20 كحد أقصى');
    // A name not given in the reader's language falls back to English, marked as English.
    const englishOnly = render(createElement(ZoneContent, { payload: { ...zone, name: { en: 'Buffer zone' }, rule: { kind: 'no-forces' } } }));
    expect(englishOnly).toMatch(/lang="en"[^>]*>Buffer zone/);
    expect(text(englishOnly)).toContain('لا يجوز وجود أي قوات عسكرية');
  });

  it('shows an incident alleging a violation with its evidence as downloads, and a contested position', () => {
    const sha256 = 'a'.repeat(64);
    const incident: IncidentReportPayload = {
      what: 'Armed patrol observed inside the area of separation.',
      language: 'en',
      place: { type: 'Point', coordinates: [35.85, 33.05] },
      occurredAt: '2026-01-05T22:00:00.000Z',
      evidence: [{ sha256, name: 'patrol.jpg', mediaType: 'image/jpeg', size: 1_258_291 }],
      violation: true,
      article: 'Article 1(D)',
      allegedParty: 'sy',
    };
    const html = render(createElement(IncidentContent, { payload: incident }));
    expect(html).toContain('data-testid="incident-violation"');
    expect(html).toContain(`href="/api/v1/attachments/${sha256}"`);
    expect(html).toContain('download="patrol.jpg"');
    const words = text(html);
    expect(words).toContain('Alleges a violation');
    expect(words).toContain('JPEG picture, 1.2 MB');
    expect(words).toContain('Syria');
    expect(words).toContain('Article 1(D)');
    expect(words).toContain('Latitude 33.05, longitude 35.85');
    const position = text(render(createElement(PositionContent, { payload: { status: 'contested', reason: 'A civilian police unit.', language: 'en' } })));
    expect(position).toContain('Contested');
    expect(position).toContain('A civilian police unit.');
    expect(formatFileSize(900, 'en')).toBe('900 bytes');
  });
});

describe("the cell's findings", () => {
  const finding = (check: FindingPayload['check'], result: FindingPayload['result'], detail: Record<string, unknown>, checked: string[] = []): FindingPayload => ({ check, subject: 'n-1', result, checked, detail });

  it('says a clear check in one line, with what it was checked against', () => {
    const html = render(createElement(FindingContent, { payload: finding('area-in-zone', 'clear', { zones: [], zonesInForce: 3 }, ['z1', 'z2', 'z3']) }));
    expect(html).toMatch(/^<p [^>]*data-result="clear"/);
    expect(text(html)).toContain('Checked against the zones in force (3): no conflict.');
    expect(text(render(createElement(FindingContent, { payload: finding('notice-overlap', 'clear', { notices: [] }, ['a', 'b']) })))).toContain("other parties' standing notices (2): no overlap");
  });

  it('shows an intrusion and the caps a notice goes over', () => {
    const detail = {
      zones: [
        { zone: 'z1', version: 'z1', name: { en: 'Buffer zone' }, rule: 'no-forces', relation: 'overlaps', breach: 'intrusion' },
        { zone: 'z2', version: 'z2v2', name: { en: 'Limited-forces area' }, rule: 'limited-forces', relation: 'within', breach: 'over-caps', exceeded: [{ what: 'tanks', count: 25, cap: 15 }, { what: 'artillery', aboveCalibreMm: 122, count: 8, cap: 6 }] },
      ],
      zonesInForce: 2,
    };
    const html = render(createElement(FindingContent, { payload: finding('area-in-zone', 'flagged', detail) }));
    expect(html).toContain('data-result="flagged"');
    const words = text(html);
    expect(words).toContain('Intrusion: partly within the no-forces zone “Buffer zone”.');
    expect(words).toContain('Over the caps: within the limited-forces zone “Limited-forces area”');
    expect(words).toContain('Tanks: 25 against a cap of 15');
    expect(words).toContain('Artillery above 122 mm: 8 against a cap of 6');
    expect(words).toContain('asked to acknowledge');
  });

  it('is owed by the party whose item it checked, not by every party', () => {
    const checked = entry('n-5', 'm-sy', 'activity.notice', notice('information-only'));
    const flagged = entry('f-1', '@cell', 'finding', finding('notice-lead-time', 'flagged', { requiredMs: 1, givenMs: 0, lateByMs: 1 }) as unknown as Record<string, unknown>, ['n-5']);
    items = [checked, flagged];
    const status = render(createElement(AckStatus, { item: flagged }));
    expect([...status.matchAll(/data-party="(\w+)"/g)].map((match) => match[1])).toEqual(['sy']);
  });

  it('names the overlapping notices with their party and window, and how late a notice came', async () => {
    const overlap = text(
      render(createElement(FindingContent, { payload: finding('notice-overlap', 'flagged', { notices: [{ notice: 'n-9', party: 'il', kind: 'exercise', from: '2026-01-07T08:00:00.000Z', to: '2026-01-07T12:00:00.000Z' }] }) })),
    );
    expect(overlap).toMatch(/Israel: Exercise, overlapping from .*2026.* to .*2026/);
    const late = { requiredMs: 48 * 3_600_000, givenMs: 10 * 3_600_000, lateByMs: 38 * 3_600_000 };
    expect(text(render(createElement(FindingContent, { payload: finding('notice-lead-time', 'flagged', late) })))).toContain('Late by 38 h: given 10 h ahead, where the cell asks for 48 h.');
    expect(text(render(createElement(FindingContent, { payload: finding('notice-lead-time', 'clear', { requiredMs: 48 * 3_600_000, givenMs: 72 * 3_600_000, lateByMs: 0 }) })))).toContain('on time');
    await i18next.changeLanguage('ar');
    expect(text(render(createElement(FindingContent, { payload: finding('notice-lead-time', 'flagged', late) })))).toContain('متأخر بمقدار 38 ساعة');
  });

  it('shows the notices a proposed zone would forbid and the zones in force it overlaps', () => {
    items = [entry('zv-1', 'm-us', 'zone', { name: { en: 'Buffer zone' } })];
    const words = text(
      render(
        createElement(FindingContent, {
          payload: finding('zone-against-notices', 'flagged', { notices: [{ notice: 'n-4', party: 'il', breach: 'over-caps', exceeded: [{ what: 'personnel', count: 700, cap: 450 }] }], zones: [{ zone: 'zv-1', version: 'zv-1' }] }),
        }),
      ),
    );
    expect(words).toContain('A notice of Israel: more than the caps allow');
    expect(words).toContain('Personnel: 700 against a cap of 450');
    expect(words).toContain('Zones in force it overlaps: Buffer zone');
  });
});

describe('GeoJSON typed or pasted into a form', () => {
  it('takes a polygon, a Feature holding one, and a point where a place is asked', () => {
    expect(readGeoJson(JSON.stringify(square), 'area').status).toBe('valid');
    expect(readGeoJson(JSON.stringify({ type: 'Feature', properties: {}, geometry: square }), 'area').status).toBe('valid');
    expect(readGeoJson('{"type":"Point","coordinates":[35.8,33.1]}', 'place').status).toBe('valid');
    expect(readGeoJson('  ', 'area').status).toBe('empty');
  });

  it('names the problem and where it is', () => {
    expect(readGeoJson('{"type":"Polygon",', 'area')).toEqual({ status: 'invalid', problem: { code: 'json' } });
    expect(readGeoJson('{"type":"Point","coordinates":[35.8,33.1]}', 'area')).toEqual({ status: 'invalid', problem: { code: 'type', type: 'Point' } });
    const open = { type: 'Polygon', coordinates: [[[35.8, 33.0], [35.9, 33.0], [35.9, 33.1], [35.8, 33.1]]] };
    expect(readGeoJson(JSON.stringify(open), 'area')).toEqual({ status: 'invalid', problem: { code: 'ring-open', where: 'coordinates[0]' } });
    const short = { type: 'Polygon', coordinates: [[[35.8, 33.0], [35.9, 33.0], [35.8, 33.0]]] };
    expect(readGeoJson(JSON.stringify(short), 'area')).toEqual({ status: 'invalid', problem: { code: 'ring-short', where: 'coordinates[0]' } });
    const north = { type: 'MultiPolygon', coordinates: [[[[35.8, 33.0], [35.9, 95.0], [35.9, 33.1], [35.8, 33.0]]]] };
    expect(readGeoJson(JSON.stringify(north), 'area')).toEqual({ status: 'invalid', problem: { code: 'latitude', where: 'coordinates[0][0][1][1]' } });
    expect(readGeoJson('{"type":"Point","coordinates":[200,33]}', 'place')).toEqual({ status: 'invalid', problem: { code: 'longitude', where: 'coordinates[0]' } });
  });
});

describe('the actions on de-escalation items', () => {
  const reader = (party: string, roles: ActionContext['reader']['roles'] = ['duty']) => ({ party, roles, partyKind: party === 'us' ? ('supervisor' as const) : ('side' as const) });
  const offered = (target: SyncedItem, authorParty: string, readerOf: ActionContext['reader'], all: SyncedItem[]) =>
    offeredActions({
      target: { id: target.id, compartment: { ...plenary, parties: [...plenary.parties] }, track: 'deescalation', type: target.signed?.envelope.type ?? '', payload: target.signed?.envelope.payload ?? {}, authorParty },
      reader: readerOf,
      cell,
      graph: graphOf(all),
      members,
      overdue: null,
    }).map(({ action }) => action.id);

  it("offers amending and cancelling a standing notice to its own party only, and acknowledging to the others", () => {
    const n1 = entry('n-1', 'm-sy', 'activity.notice', notice('consent-requested'));
    expect(offered(n1, 'sy', reader('sy'), [n1])).toEqual(['amend', 'cancel']);
    expect(offered(n1, 'sy', reader('il'), [n1])).toEqual(['ack', 'clarify', 'raiseDispute']);
    const cancelled = [n1, entry('c-1', 'm-sy', 'activity.cancel', {}, ['n-1'])];
    expect(offered(n1, 'sy', reader('sy'), cancelled)).toEqual([]);
  });

  it('offers a position to the other sides and a verdict to the supervisor, on an alleged violation only', () => {
    const alleged = entry('i-1', 'm-il', 'incident.report', { what: 'Patrol.', language: 'en', place: { type: 'Point', coordinates: [35.8, 33.1] }, occurredAt: '2026-01-05T22:00:00.000Z', violation: true });
    expect(offered(alleged, 'il', reader('sy'), [alleged])).toContain('position');
    expect(offered(alleged, 'il', reader('sy'), [alleged])).not.toContain('verdict');
    expect(offered(alleged, 'il', reader('us'), [alleged])).toContain('verdict');
    expect(offered(alleged, 'il', reader('us'), [alleged])).not.toContain('position');
    expect(offered(alleged, 'il', reader('il'), [alleged])).toEqual([]);
    const plain = entry('i-2', 'm-il', 'incident.report', { what: 'Smoke seen.', language: 'en', place: { type: 'Point', coordinates: [35.8, 33.1] }, occurredAt: '2026-01-05T22:00:00.000Z', violation: false });
    expect(offered(plain, 'il', reader('sy'), [plain])).not.toContain('position');
    expect(offered(plain, 'il', reader('us'), [plain])).not.toContain('verdict');
  });

  it('offers a new version of a zone on its latest version only', () => {
    const v1 = entry('zv-1', 'm-us', 'zone', { name: { en: 'Area' }, area: square, rule: { kind: 'no-forces' }, language: 'en' });
    const v2 = entry('zv-2', 'm-il', 'zone', { name: { en: 'Area' }, area: square, rule: { kind: 'no-forces' }, language: 'en' }, ['zv-1']);
    expect(offered(v1, 'us', reader('il'), [v1])).toContain('revise');
    expect(offered(v1, 'us', reader('il'), [v1, v2])).not.toContain('revise');
    expect(offered(v2, 'il', reader('us'), [v1, v2])).toContain('revise');
  });
});
