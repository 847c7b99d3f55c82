import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isAnswerType, mayAnswer, Track, type InboxEntry } from '@fusion-cell/protocol';
import { useCoordination } from '../../coordination/coordination-context.ts';
import { WEB_ITEM_TYPE_LIST } from '../../item-types/registry.ts';
import { ITEM_ACTIONS, type ActionContext, type ActionTarget, type ItemAction, type ItemActionId } from '../../item-types/web-item-type.ts';
import { useRecordSync } from '../../sync/record-sync-context.ts';
import { verdictOf, type SyncedItem } from '../../sync/sync-types.ts';
import { useAuthenticated } from '../auth/session-context.ts';
import { authorPartyOf, useItemGraph } from './item-graph.ts';
import { mayCreate } from './permissions.ts';

/** An action a registered type offers, with the type it enters. */
export interface TypeAction {
  type: string;
  action: ItemAction;
}

const ORDER = Object.keys(ITEM_ACTIONS);

/** Every action of the registered types, in the order the bar offers them. */
function allActions(): TypeAction[] {
  return WEB_ITEM_TYPE_LIST.flatMap((module) => (module.actions ?? []).map((action) => ({ type: module.type, action }))).sort(
    (a, b) => ORDER.indexOf(a.action.id) - ORDER.indexOf(b.action.id),
  );
}

/**
 * The actions the cell would take from the reader on an item: by a type the protocol lets
 * answer it (never on the party's own item) or that says itself where it goes, that the
 * reader may enter there, and where the action itself says.
 */
export function offeredActions(context: ActionContext): TypeAction[] {
  const { target, reader } = context;
  return allActions().filter(({ type, action }) => {
    // A party never answers its own items; what does not answer (a signature) says itself where it goes.
    const fits = isAnswerType(type) ? target.authorParty !== reader.party && mayAnswer(type, target.type).allowed : action.offered !== undefined;
    const where = action.elsewhere ? {} : { compartmentKind: target.compartment.kind, track: target.track };
    return fits && mayCreate(type, reader, where) && (action.offered?.(context) ?? true);
  });
}

/** The action that meets what the reader's party owes, when the reader may take it. */
export function owedAction(owed: InboxEntry, reader: ActionContext['reader']): TypeAction | undefined {
  return allActions().find(({ type, action }) => action.meets?.(owed) === true && mayCreate(type, reader, { track: owed.track }));
}

/** What every action's offer depends on, for one item of the reader's compartments. */
export function useActionContext(): (target: ActionTarget) => ActionContext {
  const { session, cell } = useAuthenticated();
  const { snapshot } = useRecordSync();
  const { overdue } = useCoordination();
  const graph = useItemGraph();
  const reader = { party: session.party.id, roles: session.member.roles, partyKind: session.party.kind };
  return (target) => ({ target, reader, cell, graph, members: snapshot.members, overdue });
}

/** The button that opens an action's panel, and closes it again; pressed while open where the bar shows it so. */
export function ActionButton({ id, testId, open, pressed = false, onToggle }: { id: ItemActionId; testId: string; open: boolean; pressed?: boolean; onToggle: () => void }) {
  const { t } = useTranslation();
  return (
    <button type="button" className={pressed && open ? 'button button-small button-pressed' : 'button button-small'} data-testid={testId} aria-expanded={open} onClick={onToggle}>
      {t(`actions.${ITEM_ACTIONS[id]}`)}
    </button>
  );
}

/**
 * What the reader's party can do with an item, and only that: the actions its types offer
 * (acknowledge, reply, ask for a clarification, convene a meeting), the one that meets what
 * the party owes open at once.
 */
export function ItemActions({ item }: { item: SyncedItem }) {
  const { session } = useAuthenticated();
  const { snapshot } = useRecordSync();
  const { inbox } = useCoordination();
  const contextOf = useActionContext();
  const [open, setOpen] = useState<ItemActionId | null>(null);
  const owed = inbox?.entries.find((entry) => entry.item === item.id);
  const envelope = item.signed?.envelope;
  const track = Track.safeParse(envelope?.track);
  const compartment = session.compartments.find((candidate) => candidate.id === item.compartment);
  if (!envelope || !track.success || !compartment || verdictOf(item.verification) === 'failed') return null;

  const offered = offeredActions(
    contextOf({ id: item.id, compartment, track: track.data, type: envelope.type, payload: envelope.payload, authorParty: authorPartyOf(item, snapshot.members) }),
  );
  if (offered.length === 0) return null;
  // What the party owes is open without a click.
  const shown = open ?? (owed && offered.find(({ action }) => action.meets?.(owed))?.action.id) ?? null;
  const panel = offered.find(({ action }) => action.id === shown)?.action;
  return (
    <div className="item-actions" data-testid="item-actions">
      <div className="item-actions-bar">
        {offered.map(({ type, action }) => (
          <ActionButton key={`${type}-${action.id}`} id={action.id} testId={`action-${action.id}`} open={shown === action.id} pressed onToggle={() => setOpen(shown === action.id ? null : action.id)} />
        ))}
      </div>
      {panel && <panel.Panel target={{ id: item.id, compartment: item.compartment, track: track.data }} owed={owed} onDone={() => setOpen(null)} />}
    </div>
  );
}
