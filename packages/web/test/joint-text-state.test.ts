import { describe, expect, it } from 'vitest';
import { JointTextPayload } from '@fusion-cell/protocol';
import { openBracketsOf } from '../src/features/diplomatic/texts/joint-text-state.ts';
import { draftFrom, emptyDraft, nextId, payloadOfDraft, withSuggestion } from '../src/features/diplomatic/texts/text-draft.ts';
import type { ItemGraph } from '../src/features/items/item-graph.ts';
import type { MemberView, SyncedItem } from '../src/sync/sync-types.ts';

const VERIFIED = { signature: { status: 'verified' as const }, inclusion: { status: 'verified' as const } };

const version1 = JointTextPayload.parse({
  title: 'Joint statement',
  penHolder: 'us',
  parties: ['sy', 'il'],
  sections: [
    { id: 's1', heading: 'Ceasefire', passages: [{ id: 'p1', text: 'A ceasefire at once.' }, { id: 'p2', options: [{ id: 'a', text: 'Monthly reports.' }, { id: 'b', text: 'Weekly reports.' }] }] },
  ],
  translations: [{ language: 'ar', title: 'بيان مشترك', passages: [{ passage: 'p1', text: 'وقف فوري لإطلاق النار.' }] }],
  language: 'en',
});

describe('the pen-holder’s draft of the next version', () => {
  it('is prefilled from the latest and gives back its payload, with the note and the same passage ids', () => {
    const draft = { ...draftFrom(version1), note: 'Nothing changes yet.' };
    const result = payloadOfDraft(draft, 'us', 'en');
    if (!('payload' in result)) throw new Error(`missing ${result.missing}`);
    expect(JointTextPayload.parse(result.payload)).toEqual({ ...version1, note: 'Nothing changes yet.' });
  });

  it('names the first field left empty: the title, then a passage or an option', () => {
    expect(payloadOfDraft(emptyDraft(['sy', 'il']), 'us', 'en')).toEqual({ missing: 'title' });
    const draft = { ...emptyDraft(['sy']), title: 'T' };
    expect(payloadOfDraft(draft, 'us', 'en')).toEqual({ missing: 'sections.0.passages.0' });
  });

  it('applies an accepted suggestion with the protocol’s applySuggestion, keeping untouched passages as typed', () => {
    const { draft, skipped } = withSuggestion(draftFrom(version1), [
      { kind: 'replace', passage: 'p1', text: 'A ceasefire within 48 hours.' },
      { kind: 'insert', passage: 'p3', after: 'p1', text: 'Prisoners are exchanged.' },
      { kind: 'delete', passage: 'p9' },
    ]);
    expect(draft.sections[0]?.passages.map((passage) => [passage.id, passage.text])).toEqual([
      ['p1', 'A ceasefire within 48 hours.'],
      ['p3', 'Prisoners are exchanged.'],
      ['p2', ''],
    ]);
    expect(draft.sections[0]?.passages[2]?.options.map((option) => option.id)).toEqual(['a', 'b']);
    expect(draft.sections[0]?.heading).toBe('Ceasefire');
    expect(skipped).toEqual([{ kind: 'delete', passage: 'p9' }]);
  });

  it('gives new passages ids no passage had', () => {
    expect(nextId('p', ['p1', 'p7', 'intro'])).toBe('p8');
    expect(nextId('s', [])).toBe('s1');
  });
});

describe('the open brackets of a text', () => {
  const members = new Map<string, MemberView>([
    ['m-il', { party: 'il' } as MemberView],
    ['m-sy', { party: 'sy' } as MemberView],
  ]);
  let index = 0;
  const bracket = (version: string, author: string, passage: string, action: 'raise' | 'lift'): SyncedItem =>
    ({
      id: `b${(index += 1)}`,
      compartment: 'plenary',
      index,
      verification: VERIFIED,
      signed: { envelope: { type: 'joint.text.bracket', author, references: [version], payload: { passage, action, language: 'en', ...(action === 'raise' ? { reason: 'not yet' } : {}) } } },
    }) as unknown as SyncedItem;

  it('stay open across versions until their owner lifts them; another party’s lift closes nothing', () => {
    const acts = [bracket('v1', 'm-il', 'p2', 'raise'), bracket('v1', 'm-sy', 'p1', 'raise'), bracket('v2', 'm-sy', 'p2', 'lift'), bracket('v2', 'm-sy', 'p1', 'lift')];
    const graph: ItemGraph = { byId: new Map(acts.map((act) => [act.id, act])), answers: new Map([['v1', acts.slice(0, 2)], ['v2', acts.slice(2)]]) };
    expect(openBracketsOf(['v1', 'v2'], graph, members).map((open) => [open.party, open.passage])).toEqual([['il', 'p2']]);
  });
});
