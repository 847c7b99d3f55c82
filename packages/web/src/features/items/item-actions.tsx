import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AckLevel, mayAnswer, Track, type Inbox } from '@fusion-cell/protocol';
import { useCoordination } from '../../coordination/coordination-context.ts';
import { useRecordSync } from '../../sync/record-sync-context.ts';
import { verdictOf, type MemberView, type SyncedItem } from '../../sync/sync-types.ts';
import { useAuthenticated } from '../auth/session-context.ts';
import { AckActions } from './ack-actions.tsx';
import { AnswerForm, isAnswerKind } from './answer-form.tsx';
import { ConveneForm } from './convene-form.tsx';
import { acknowledgmentsOf, answersOfType, authorPartyOf, useItemGraph, type ItemGraph } from './item-graph.ts';
import { mayCreate } from './permissions.ts';
import { requiredParties, requirementOf } from './requirements.ts';

type Panel = 'ack' | 'clarify' | 'reply' | 'convene';

/**
 * Whether the supervisor may convene a meeting on an explanation request: its reply is
 * overdue (the overdue view says so) or a reply to it was contested, and none was convened.
 */
export function meetingQualifies(requestId: string, graph: ItemGraph, members: ReadonlyMap<string, MemberView>, overdue: Inbox | null): boolean {
  if (answersOfType(requestId, graph, 'meeting.convene').length > 0) return false;
  if (overdue?.entries.some((entry) => entry.item === requestId && entry.kind === 'reply')) return true;
  return answersOfType(requestId, graph, 'explanation.reply').some((reply) =>
    [...acknowledgmentsOf(reply.id, graph, members).values()].some((ack) => ack.level === 'contested'),
  );
}

/**
 * What the reader's party can do with an item, and only that: acknowledge it (open at once
 * when the party owes it), ask for a clarification, reply to a request, convene a meeting.
 */
export function ItemActions({ item }: { item: SyncedItem }) {
  const { t } = useTranslation();
  const { session, cell } = useAuthenticated();
  const { snapshot } = useRecordSync();
  const coordination = useCoordination();
  const graph = useItemGraph();
  const owed = coordination.inbox?.entries.find((entry) => entry.item === item.id);
  const [open, setOpen] = useState<Panel | null>(null);
  const envelope = item.signed?.envelope;
  const track = Track.safeParse(envelope?.track);
  if (!envelope || !track.success || verdictOf(item.verification) === 'failed') return null;

  const party = session.party.id;
  const authorParty = authorPartyOf(item, snapshot.members);
  const own = authorParty === party;
  const author = { roles: session.member.roles, partyKind: session.party.kind };
  const compartment = session.compartments.find((candidate) => candidate.id === item.compartment);
  const target = { id: item.id, compartment: item.compartment, track: track.data };
  const fromRecord = acknowledgmentsOf(item.id, graph, snapshot.members).get(party)?.level ?? null;
  const fromInbox = AckLevel.safeParse(owed?.acknowledged);
  const current = fromRecord ?? (fromInbox.success ? fromInbox.data : null);
  const required = AckLevel.safeParse(owed?.kind === 'ack' ? owed.required : undefined);

  // The reply a request asks for is the one the cell's rules name for its type.
  const requirement = requirementOf(envelope, cell.rules);
  const replyType = requirement?.kind === 'reply' && isAnswerKind(requirement.type) ? requirement.type : undefined;
  const replied = replyType !== undefined && answersOfType(item.id, graph, replyType).some((reply) => authorPartyOf(reply, snapshot.members) === party);
  const may = {
    ack: !own && mayAnswer('ack', envelope.type).allowed && mayCreate('ack', author),
    // Anything said can be unclear, a bare acknowledgment level cannot.
    clarify: !own && envelope.type !== 'escalation' && (envelope.type !== 'ack' || 'readBack' in envelope.payload || 'reason' in envelope.payload) && compartment !== undefined && mayCreate('clarification', author, { compartmentKind: compartment.kind }),
    // A request is answered by the party it asks, not by whoever else reads it.
    reply:
      !own &&
      replyType !== undefined &&
      !replied &&
      authorParty !== undefined &&
      requiredParties(cell, compartment?.parties ?? [], authorParty).includes(party) &&
      mayCreate(replyType, author),
    convene:
      envelope.type === 'explanation.request' &&
      compartment !== undefined &&
      mayCreate('meeting.convene', author, { compartmentKind: compartment.kind }) &&
      meetingQualifies(item.id, graph, snapshot.members, coordination.overdue),
  };
  if (!may.ack && !may.clarify && !may.reply && !may.convene) return null;
  // What the party owes is open without a click.
  const shown: Panel | null = open ?? (owed?.kind === 'ack' && may.ack ? 'ack' : owed?.kind === 'reply' && may.reply ? 'reply' : null);
  const toggle = (panel: Panel) => setOpen(shown === panel ? null : panel);
  const button = (panel: Panel, label: string) => (
    <button type="button" className={`button button-small ${shown === panel ? 'button-pressed' : ''}`} data-testid={`action-${panel}`} aria-expanded={shown === panel} onClick={() => toggle(panel)}>
      {label}
    </button>
  );

  return (
    <div className="item-actions" data-testid="item-actions">
      <div className="item-actions-bar">
        {may.ack && button('ack', t('actions.acknowledge'))}
        {may.reply && button('reply', t('actions.reply'))}
        {may.clarify && button('clarify', t('actions.clarify'))}
        {may.convene && button('convene', t('actions.convene'))}
      </div>
      {shown === 'ack' && may.ack && <AckActions target={target} current={current} required={required.success ? required.data : undefined} />}
      {shown === 'reply' && may.reply && replyType && <AnswerForm target={target} kind={replyType} testId="reply-form" onDone={() => setOpen(null)} />}
      {shown === 'clarify' && may.clarify && <AnswerForm target={target} kind="clarification" testId="clarify-form" onDone={() => setOpen(null)} />}
      {shown === 'convene' && may.convene && <ConveneForm target={target} onDone={() => setOpen(null)} />}
    </div>
  );
}
