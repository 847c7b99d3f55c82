import { describe, expect, it } from 'vitest';
import { itemTypeDefinition, Rules, type CellInfo, type Inbox, type InboxEntry } from '@fusion-cell/protocol';
import { consoleForms, trackForms } from '../src/features/items/item-forms.ts';
import { offeredActions, owedAction } from '../src/features/items/item-actions.tsx';
import { buildItemGraph } from '../src/features/items/item-graph.ts';
import { documentOf } from '../src/features/documents/document-state.ts';
import type { SyncedItem } from '../src/sync/sync-types.ts';
import { WEB_ITEM_TYPE_LIST } from '../src/item-types/registry.ts';
import type { ActionContext, ActionTarget } from '../src/item-types/web-item-type.ts';

/**
 * Which forms and actions the app offers comes from the registry and the protocol's rules
 * (who may enter a type where, what answers what, who owes what): the pages name no type.
 */

const cell: CellInfo = {
  id: 'test-cell',
  name: { en: 'Test cell' },
  languages: ['en', 'ar', 'he'],
  tracks: ['deescalation', 'general'],
  parties: [
    { id: 'sy', kind: 'side', name: { en: 'Syria' } },
    { id: 'il', kind: 'side', name: { en: 'Israel' } },
    { id: 'un', kind: 'supervisor', name: { en: 'UNDOF' } },
  ],
  agreements: [],
  rules: Rules.parse({}),
};
const plenary = { id: 'plenary', kind: 'plenary', owner: null, parties: ['sy', 'il', 'un'] } as const;
const duty = (party: string) => ({ party, roles: ['duty'] as const, partyKind: party === 'un' ? ('supervisor' as const) : ('side' as const) });

function context(target: Partial<ActionTarget> & Pick<ActionTarget, 'type'>, reader: ActionContext['reader'], overdue: Inbox | null = null): ActionContext {
  return {
    target: { id: 'item-1', compartment: { ...plenary, parties: [...plenary.parties] }, track: 'general', payload: {}, authorParty: 'sy', ...target },
    reader,
    cell,
    graph: { byId: new Map(), answers: new Map() },
    members: new Map(),
    overdue,
  };
}

const offered = (target: Partial<ActionTarget> & Pick<ActionTarget, 'type'>, reader: ActionContext['reader']) =>
  offeredActions(context(target, reader)).map(({ type, action }) => `${action.id}:${type}`);

describe('the forms and actions of the web item types', () => {
  it('has actions only on types that answer other items, or that say where each of their actions goes', () => {
    for (const module of WEB_ITEM_TYPE_LIST) {
      const definition = itemTypeDefinition(module.type);
      if (!module.actions) continue;
      // A type that answers nothing (a signature attached to a version, a zone's or notice's new
      // version replacing the old) is never offered by the answer rules: each action says where.
      if (definition?.answers === undefined) {
        for (const action of module.actions) expect(action.offered, `${module.type} ${action.id}`).toBeDefined();
      }
    }
  });

  describe('signing a co-signed document', () => {
    const verified = { signature: { status: 'verified' }, inclusion: { status: 'verified' } } as unknown as SyncedItem['verification'];
    let index = 0;
    const entry = (id: string, author: string, type: string, payload: Record<string, unknown>, references: string[] = []): SyncedItem => ({
      id,
      claimedId: id,
      compartment: 'plenary',
      index: index++,
      receivedAt: '2026-01-06T09:00:00.000Z',
      leafHash: new Uint8Array(),
      signed: { envelope: { cell: 'test-cell', compartment: 'plenary', type, track: 'general', payload: payload as never, references, author, device: 'd', authoredAt: '2026-01-06T09:00:00.000Z' }, signature: '' },
      verification: verified,
    });
    const members = new Map([
      ['m-sy', { party: 'sy', displayName: 'Syria' }],
      ['m-il', { party: 'il', displayName: 'Israel' }],
      ['m-un', { party: 'un', displayName: 'UNDOF' }],
    ]);
    const term = { term: 'withdrawal', language: 'en' };
    const v1 = entry('v1', 'm-sy', 'glossary.term', term);
    const signedBySyria = entry('s1', 'm-sy', 'document.sign', { act: 'signature', version: 'v1' }, ['v1']);
    const v2 = entry('v2', 'm-il', 'glossary.term', { ...term, term: 'pull-back' }, ['v1']);
    const graphOf = (items: SyncedItem[]) => buildItemGraph(new Map([['plenary', items]]));
    const head = (party: string) => ({ party, roles: ['head'] as const, partyKind: party === 'un' ? ('supervisor' as const) : ('side' as const) });
    const signOffered = (items: SyncedItem[], version: SyncedItem, reader: ActionContext['reader']) =>
      offeredActions({ ...context({ id: version.id, type: 'glossary.term', payload: version.signed?.envelope.payload ?? {}, authorParty: 'sy' }, reader), graph: graphOf(items), members }).map(({ action }) => action.id);

    it('offers its signature to the head of each party that has not signed, its own proposal included', () => {
      const items = [v1, signedBySyria];
      expect(signOffered(items, v1, head('il'))).toContain('sign');
      expect(signOffered(items, v1, head('un'))).toContain('sign');
      expect(signOffered([v1], v1, head('sy'))).toContain('sign');
    });

    it('offers nothing to a party that signed, to a duty officer, or on a version that was replaced', () => {
      expect(signOffered([v1, signedBySyria], v1, head('sy'))).not.toContain('sign');
      expect(signOffered([v1], v1, duty('il'))).not.toContain('sign');
      expect(signOffered([v1, v2], v1, head('il'))).not.toContain('sign');
      expect(signOffered([v1, v2], v2, head('il'))).toContain('sign');
    });

    it('shows signatures under the version they sign, and computes the version in force as the server does', () => {
      const signatures = ['m-sy', 'm-il', 'm-un'].map((author, n) => entry(`s-all-${n}`, author, 'document.sign', { act: 'signature', version: 'v1' }, ['v1']));
      const graph = graphOf([v1, ...signatures, v2]);
      // The next version refers to the first too, but stands on its own.
      expect(graph.answers.get('v1')?.map((item) => item.id)).toEqual(signatures.map((item) => item.id));
      const document = documentOf('v2', graph, members, () => cell.parties);
      expect(document?.status.inForce?.id).toBe('v1');
      expect(document?.status.latest).toMatchObject({ id: 'v2', number: 2, state: 'proposed', awaiting: ['sy', 'il', 'un'] });
    });
  });

  it("offers another side's request its acknowledgment, its reply and a clarification, in the bar's order", () => {
    expect(offered({ type: 'explanation.request', payload: { question: 'Why?', language: 'en' } }, duty('il'))).toEqual(['ack:ack', 'reply:explanation.reply', 'clarify:clarification', 'raiseDispute:dispute']);
  });

  it("offers nothing on the party's own item, and no reply once it is not the party the request asks", () => {
    expect(offered({ type: 'explanation.request', payload: { question: 'Why?', language: 'en' } }, duty('sy'))).toEqual([]);
    // A supervisor is not asked to explain a side's activity; convening waits for a missing or contested reply.
    expect(offered({ type: 'explanation.request', payload: { question: 'Why?', language: 'en' } }, duty('un'))).toEqual(['ack:ack', 'clarify:clarification']);
  });

  it('offers no clarification of a bare acknowledgment level, nor of the cell’s escalation', () => {
    expect(offered({ type: 'ack', payload: { level: 'received' } }, duty('il'))).toEqual([]);
    expect(offered({ type: 'ack', payload: { level: 'contested', reason: 'Not ours.', language: 'en' } }, duty('il'))).toEqual(['clarify:clarification']);
    expect(offered({ type: 'escalation', authorParty: '@cell', payload: {} }, duty('il'))).toEqual([]);
  });

  it("offers the supervisor a meeting on a request whose reply is overdue, and the overdue view that alone", () => {
    const request = { type: 'explanation.request', payload: { question: 'Why?', language: 'en' } };
    const overdue = { entries: [{ item: 'item-1', kind: 'reply', required: 'explanation.reply' } as InboxEntry], counts: {}, channel: { status: 'open', since: null, item: null } } satisfies Inbox;
    const offers = offeredActions(context(request, duty('un'), overdue));
    expect(offers.map(({ action, type }) => `${action.id}:${type}`)).toEqual(['ack:ack', 'clarify:clarification', 'convene:meeting']);
    expect(offers.filter(({ action }) => action.onOverdue).map(({ type }) => type)).toEqual(['meeting']);
    // A side is not the supervisor that convenes.
    expect(offered(request, duty('il'))).not.toContain('convene:meeting');
  });

  it('opens the answer the inbox says is owed', () => {
    const entry = (kind: InboxEntry['kind'], required: string) => ({ kind, required, track: 'general' }) as InboxEntry;
    expect(owedAction(entry('ack', 'understood'), duty('il'))?.type).toBe('ack');
    expect(owedAction(entry('reply', 'clarification.reply'), duty('il'))?.type).toBe('clarification.reply');
    expect(owedAction(entry('reply', 'explanation.reply'), duty('il'))?.type).toBe('explanation.reply');
  });

  it('offers the alert and the explanation request on the console, and the message and the request in a track', () => {
    expect(consoleForms(duty('sy'), [{ ...plenary, parties: [...plenary.parties] }]).map(({ type }) => type)).toEqual(['alert', 'explanation.request']);
    expect(trackForms(duty('sy'), { ...plenary, parties: [...plenary.parties] }, 'general').map(({ type }) => type)).toEqual(['message', 'explanation.request', 'meeting']);
    expect(trackForms({ ...duty('sy'), roles: ['analyst'] }, { ...plenary, parties: [...plenary.parties] }, 'general').map(({ type }) => type)).toEqual(['message']);
  });
});
