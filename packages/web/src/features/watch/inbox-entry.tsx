import { useTranslation } from 'react-i18next';
import type { InboxEntry } from '@fusion-cell/protocol';
import { useCompartmentName, usePartyName } from '../../components/use-names.ts';
import type { ActionTarget, AnswerTarget } from '../../item-types/web-item-type.ts';
import type { SyncedItem } from '../../sync/sync-types.ts';
import { useAuthenticated } from '../auth/session-context.ts';
import { owedAction } from '../items/item-actions.tsx';
import { useItemGraph } from '../items/item-graph.ts';
import { inboxItem } from '../items/item-summary.ts';
import { useRequiredName, useTypeName } from '../items/type-names.ts';

/** An inbox entry as the lists show it. */
export interface InboxEntryView {
  /** The item as this browser holds it: verified by the record sync, or read from the entry's leaf. */
  item: SyncedItem;
  /** What is owed, in words: an acknowledgment at a level, or a reply of a type. */
  owed: string;
  /** The item's type, in words. */
  type: string;
  /** The party that entered it, and the compartment, by name. */
  from: { party: string; compartment: string };
  /** What an answer refers to. */
  answers: AnswerTarget;
  /** What actions are offered on, when the item is in one of the reader's compartments. */
  target: ActionTarget | undefined;
}

/** An entry of an inbox (the party's own, or everything overdue), as the party's and the supervisors' lists show it. */
export function useInboxEntry(entry: InboxEntry): InboxEntryView {
  const { t } = useTranslation();
  const { session } = useAuthenticated();
  const graph = useItemGraph();
  const typeName = useTypeName();
  const requiredName = useRequiredName();
  const partyName = usePartyName();
  const compartmentName = useCompartmentName();
  const item = inboxItem(entry, graph.byId.get(entry.item));
  const compartment = session.compartments.find((candidate) => candidate.id === entry.compartment);
  return {
    item,
    owed: entry.kind === 'ack' ? t('watch.needsAction.ackOwed', { level: requiredName(entry.required) }) : t('watch.needsAction.replyOwed', { type: typeName(entry.required) }),
    type: typeName(entry.type),
    from: { party: partyName(entry.authorParty), compartment: compartmentName(entry.compartment) },
    answers: { id: entry.item, compartment: entry.compartment, track: entry.track },
    target: compartment && { id: entry.item, compartment, track: entry.track, type: entry.type, payload: item.signed?.envelope.payload ?? {}, authorParty: entry.authorParty },
  };
}

/** The answer the party owes on an entry, open: the panel of the type whose action meets it. */
export function OwedAnswer({ entry, target }: { entry: InboxEntry; target: AnswerTarget }) {
  const { session } = useAuthenticated();
  const owed = owedAction(entry, { party: session.party.id, roles: session.member.roles, partyKind: session.party.kind });
  return owed ? <owed.action.Panel target={target} owed={entry} /> : null;
}
