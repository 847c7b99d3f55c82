import { describe, expect, it } from 'vitest';
import { Rules, type CellInfo, type SessionInfo } from '@fusion-cell/protocol';
import { glossaryEntries, glossaryInForce } from '../src/features/glossary/glossary-state.ts';
import { offeredActions } from '../src/features/items/item-actions.tsx';
import { buildItemGraph } from '../src/features/items/item-graph.ts';
import { readbacksAwaiting } from '../src/features/readback/readback-state.ts';
import { originalTextOf } from '../src/features/translations/original-text.ts';
import { inReadingOrder } from '../src/features/translations/reading-order.ts';
import { translationsOf } from '../src/features/translations/translation-state.ts';
import type { ActionContext } from '../src/item-types/web-item-type.ts';
import type { SyncedItem } from '../src/sync/sync-types.ts';

/**
 * What the translations, the glossary and the read-backs read from the record verified in the
 * browser: the glossary in force and proposed, as documents are computed; the read-backs still
 * awaiting their author's word; the order a reader chose; and to whom each action is offered.
 */

const cell: CellInfo = {
  id: 'test-cell',
  name: { en: 'Test cell' },
  languages: ['en', 'ar', 'he'],
  tracks: ['general'],
  parties: [
    { id: 'sy', kind: 'side', name: { en: 'Syria' } },
    { id: 'il', kind: 'side', name: { en: 'Israel' } },
    { id: 'us', kind: 'supervisor', name: { en: 'United States' } },
  ],
  agreements: [],
  rules: Rules.parse({}),
};
const plenary = { id: 'plenary', kind: 'plenary' as const, owner: null, parties: ['sy', 'il', 'us'] };
const session = { member: { id: 'm-us', roles: ['duty'] }, party: { id: 'us', kind: 'supervisor' }, compartments: [plenary] } as unknown as SessionInfo;
const members = new Map([
  ['m-sy', { party: 'sy', displayName: 'Syrian duty officer' }],
  ['m-il', { party: 'il', displayName: 'Israeli duty officer' }],
  ['m-us', { party: 'us', displayName: 'Supervisor' }],
  ['m-tr', { party: 'sy', displayName: 'Syrian translator' }],
]);
const verified = { signature: { status: 'verified' }, inclusion: { status: 'verified' } } as SyncedItem['verification'];
const failed = { signature: { status: 'failed', code: 'signature_invalid', detail: '' }, inclusion: { status: 'verified' } } as SyncedItem['verification'];

let index = 0;
function entry(id: string, author: string, type: string, payload: Record<string, unknown>, references: string[] = [], verification = verified): SyncedItem {
  index += 1;
  return {
    id,
    claimedId: id,
    compartment: 'plenary',
    index,
    receivedAt: `2026-01-06T09:${String(index).padStart(2, '0')}:00.000Z`,
    leafHash: new Uint8Array(),
    signed: { envelope: { cell: 'test-cell', compartment: 'plenary', type, track: 'general', payload: payload as never, references, author, device: 'd', authoredAt: '2026-01-06T09:00:00.000Z' }, signature: '' },
    verification,
  };
}
const sign = (id: string, author: string, version: string, verification = verified) => entry(id, author, 'document.sign', { act: 'signature', version }, [version], verification);
const itemsOf = (items: SyncedItem[]) => new Map([['plenary', items]]);
const graphOf = (items: SyncedItem[]) => buildItemGraph(itemsOf(items));

describe('the glossary read from the record', () => {
  const withdrawal = entry('t1', 'm-sy', 'glossary.term', { term: 'انسحاب', language: 'ar', equivalents: { en: 'withdrawal', he: 'נסיגה' } });
  const ceasefire = entry('t2', 'm-il', 'glossary.term', { term: 'ceasefire', language: 'en', equivalents: { ar: 'وقف إطلاق النار' } });
  const ceasefire2 = entry('t2b', 'm-us', 'glossary.term', { term: 'ceasefire', language: 'en', equivalents: { ar: 'وقف إطلاق النار', he: 'הפסקת אש' } }, ['t2']);
  const allSign = (version: string, prefix: string) => ['m-sy', 'm-il', 'm-us'].map((author, n) => sign(`${prefix}-${n}`, author, version));

  it('puts a term in force once every side and the supervisor signed it, and keeps it proposed until then', () => {
    const entries = glossaryEntries(itemsOf([withdrawal, ...allSign('t1', 's1'), ceasefire, sign('s2', 'm-il', 't2')]), members, { session, cell });
    expect(entries.map((term) => [term.id, term.latest.status.state, term.inForce?.item.id])).toEqual([
      ['t2', 'proposed', undefined],
      ['t1', 'in-force', 't1'],
    ]);
    expect(entries[0]?.latest.status.awaiting).toEqual(['sy', 'us']);
  });

  it('counts no signature that failed verification here', () => {
    const signatures = allSign('t1', 's1');
    const forged = [...signatures.slice(0, 2), sign('s1-forged', 'm-us', 't1', failed)];
    expect(glossaryEntries(itemsOf([withdrawal, ...forged]), members, { session, cell })[0]?.latest.status.state).toBe('proposed');
  });

  it('keeps the version in force while a new one awaits signatures, as one term', () => {
    const entries = glossaryEntries(itemsOf([ceasefire, ...allSign('t2', 's2'), ceasefire2, sign('s3', 'm-us', 't2b')]), members, { session, cell });
    expect(entries).toHaveLength(1);
    expect(entries[0]?.inForce?.item.id).toBe('t2');
    expect(entries[0]?.latest).toMatchObject({ item: { id: 't2b' }, status: { number: 2, state: 'proposed' } });
  });

  it('finds only the terms in force, in every language they were agreed in, with their prefixes', () => {
    const glossary = glossaryInForce({ items: itemsOf([withdrawal, ...allSign('t1', 's1'), ceasefire]), members }, { session, cell });
    expect(glossary.entries.map((term) => term.id)).toEqual(['t1']);
    const text = 'نؤكد والانسحاب ووقف إطلاق النار; the withdrawals; הנסיגה';
    expect(glossary.matcher.find(text).map((match) => text.slice(match.start, match.end))).toEqual(['والانسحاب', 'withdrawals', 'הנסיגה']);
  });

  it('is the same glossary while the record grows by anything but the terms in force', () => {
    const record = [withdrawal, ...allSign('t1', 's1')];
    const first = glossaryInForce({ items: itemsOf(record), members }, { session, cell });
    const grown = glossaryInForce({ items: itemsOf([...record, entry('m1', 'm-sy', 'message', { text: 'x', language: 'en' })]), members }, { session, cell });
    expect(grown).toBe(first);
    const changed = glossaryInForce({ items: itemsOf([...record, ceasefire, ...allSign('t2', 's2')]), members }, { session, cell });
    expect(changed).not.toBe(first);
    expect(changed.entries).toHaveLength(2);
  });

  it('is empty outside a session', () => {
    expect(glossaryInForce(undefined, undefined).entries).toEqual([]);
  });
});

describe('read-backs awaiting their author', () => {
  const message = entry('msg', 'm-us', 'message', { text: 'Confirm your rosters.', language: 'en', ackRequested: true });
  const readBackByIsrael = entry('ack-il', 'm-il', 'ack', { level: 'understood', readBack: 'נשלח את לוח המשמרות.', language: 'he' }, ['msg']);
  const readBackBySyria = entry('ack-sy', 'm-sy', 'ack', { level: 'understood', readBack: 'سنرسل الجدول.', language: 'ar' }, ['msg']);
  const receivedOnly = entry('ack-rx', 'm-sy', 'ack', { level: 'received' }, ['msg']);

  it('lists the understood acknowledgments with a read-back of the party’s own items, beside the original', () => {
    const awaiting = readbacksAwaiting(graphOf([message, readBackByIsrael, readBackBySyria, receivedOnly]), members, 'us');
    expect(awaiting.map((readback) => [readback.ack.id, readback.reader])).toEqual([
      ['ack-il', 'il'],
      ['ack-sy', 'sy'],
    ]);
    expect(awaiting[0]?.original).toEqual({ text: 'Confirm your rosters.', language: 'en' });
    expect(awaiting[0]?.readBack).toEqual({ text: 'נשלח את לוח המשמרות.', language: 'he' });
    // Not another party's business: Israel did not write the message.
    expect(readbacksAwaiting(graphOf([message, readBackByIsrael]), members, 'il')).toEqual([]);
  });

  it('drops one once the author’s party confirmed it or asked for clarification, and not for another party’s', () => {
    const confirmed = entry('c1', 'm-us', 'readback.confirm', {}, ['ack-il']);
    const queried = entry('q1', 'm-us', 'clarification', { question: 'Which roster?', language: 'en' }, ['ack-sy']);
    expect(readbacksAwaiting(graphOf([message, readBackByIsrael, readBackBySyria, confirmed, queried]), members, 'us')).toEqual([]);
    const bySomeoneElse = entry('q2', 'm-sy', 'clarification', { question: '?', language: 'en' }, ['ack-il']);
    expect(readbacksAwaiting(graphOf([message, readBackByIsrael, bySomeoneElse]), members, 'us').map((readback) => readback.ack.id)).toEqual(['ack-il']);
    const forgedConfirmation = entry('c2', 'm-us', 'readback.confirm', {}, ['ack-il'], failed);
    expect(readbacksAwaiting(graphOf([message, readBackByIsrael, forgedConfirmation]), members, 'us')).toHaveLength(1);
  });
});

describe('translations', () => {
  it('reads an item’s own words and their language, as the search reads them', () => {
    expect(originalTextOf({ type: 'message', payload: { text: 'نص الرسالة', language: 'ar' } })).toEqual({ text: 'نص الرسالة', language: 'ar' });
    expect(originalTextOf({ type: 'alert', payload: { title: 'Shots heard', description: 'North of the line.', severity: 'flash', language: 'en' } })).toEqual({ text: 'Shots heard\n\nNorth of the line.', language: 'en' });
    expect(originalTextOf({ type: 'ack', payload: { level: 'received' } })).toBeUndefined();
    expect(originalTextOf({ type: 'escalation', payload: { kind: 'ack-overdue', party: 'sy', required: 'received', dueAt: '2026-01-06T09:00:00.000Z' } })).toBeUndefined();
  });

  it('lists the translations attached to an item, leaving out one that failed verification', () => {
    const graph = graphOf([
      entry('m1', 'm-sy', 'message', { text: 'نص', language: 'ar' }),
      entry('tr1', 'm-tr', 'translation', { language: 'he', text: 'טקסט' }, ['m1']),
      entry('tr2', 'm-tr', 'translation', { language: 'en', text: 'Text' }, ['m1'], failed),
    ]);
    expect(translationsOf('m1', graph).map(({ item, payload }) => [item.id, payload.language])).toEqual([['tr1', 'he']]);
  });

  it('puts first what the reader chose, keeping the record’s order within each group', () => {
    const texts = [
      { kind: 'original' as const, language: 'ar' as const, id: 'o' },
      { kind: 'translation' as const, language: 'en' as const, id: 'en' },
      { kind: 'translation' as const, language: 'he' as const, id: 'he1' },
      { kind: 'translation' as const, language: 'he' as const, id: 'he2' },
    ];
    const ids = (order: 'original' | 'mine', mine: 'en' | 'ar' | 'he') => inReadingOrder(texts, order, mine).map((text) => text.id);
    expect(ids('original', 'he')).toEqual(['o', 'he1', 'he2', 'en']);
    expect(ids('mine', 'he')).toEqual(['he1', 'he2', 'o', 'en']);
    expect(ids('mine', 'en')).toEqual(['en', 'o', 'he1', 'he2']);
    // The original is in the reader's language: it comes first either way.
    expect(ids('mine', 'ar')).toEqual(['o', 'en', 'he1', 'he2']);
  });
});

describe('who is offered to translate, and to confirm a read-back', () => {
  const message = entry('m1', 'm-sy', 'message', { text: 'نص الرسالة', language: 'ar' });
  const readBack = entry('ack-il', 'm-il', 'ack', { level: 'understood', readBack: 'קיבלנו.', language: 'he' }, ['m1']);
  const context = (target: SyncedItem, reader: ActionContext['reader'], items: SyncedItem[]): ActionContext => ({
    target: { id: target.id, compartment: plenary, track: 'general', type: target.signed?.envelope.type ?? '', payload: target.signed?.envelope.payload ?? {}, authorParty: members.get(target.signed?.envelope.author ?? '')?.party },
    reader,
    cell,
    graph: graphOf(items),
    members,
    overdue: null,
  });
  const actions = (target: SyncedItem, reader: ActionContext['reader'], items: SyncedItem[] = [message, readBack]) => offeredActions(context(target, reader, items)).map(({ action }) => action.id);
  const translator = { party: 'sy', roles: ['translator'] as const, partyKind: 'side' as const };
  const duty = (party: string) => ({ party, roles: ['duty'] as const, partyKind: party === 'us' ? ('supervisor' as const) : ('side' as const) });

  it('offers a translator to translate an item with text of its own, a duty officer not', () => {
    expect(actions(message, translator)).toContain('translate');
    expect(actions(message, duty('il'))).not.toContain('translate');
  });

  it('offers no translation of a translation, nor of what has no words of its own', () => {
    const translation = entry('tr1', 'm-tr', 'translation', { language: 'he', text: 'טקסט' }, ['m1']);
    expect(actions(translation, translator, [message, translation])).not.toContain('translate');
    const bare = entry('ack-rx', 'm-il', 'ack', { level: 'received' }, ['m1']);
    expect(actions(bare, translator, [message, bare])).not.toContain('translate');
  });

  it('offers the read-back’s confirmation to the party that wrote the original only, until it confirmed', () => {
    expect(actions(readBack, duty('sy'))).toContain('confirmReadback');
    expect(actions(readBack, duty('us'))).not.toContain('confirmReadback');
    const confirmed = entry('c1', 'm-sy', 'readback.confirm', {}, ['ack-il']);
    expect(actions(readBack, duty('sy'), [message, readBack, confirmed])).not.toContain('confirmReadback');
    const plain = entry('ack-u', 'm-il', 'ack', { level: 'understood' }, ['m1']);
    expect(actions(plain, duty('sy'), [message, plain])).not.toContain('confirmReadback');
  });
});
