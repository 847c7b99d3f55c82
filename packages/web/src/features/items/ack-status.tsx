import { useTranslation } from 'react-i18next';
import { ackLevelMeets, EscalationPayload, mayAnswer, obligationDueAt, partiesOwing } from '@fusion-cell/protocol';
import { CELL_AUTHOR } from '@fusion-cell/record';
import { usePartyName } from '../../components/use-names.ts';
import { useFormatters } from '../../i18n/format.ts';
import { webItemType } from '../../item-types/registry.ts';
import { useRecordSync } from '../../sync/record-sync-context.ts';
import type { SyncedItem } from '../../sync/sync-types.ts';
import { useAuthenticated } from '../auth/session-context.ts';
import { AckLevelBadge, asksConsentOf } from './ack-content.tsx';
import { acknowledgmentsOf, answersOfType, authorPartyOf, useItemGraph } from './item-graph.ts';
import { requirementOf } from './requirements.ts';
import { useTypeName } from './type-names.ts';

/**
 * Where each party stands on an item that requires an answer: the acknowledgment level it
 * signed (or its reply), or still awaited, and whether the cell escalated it. Read from the
 * record verified here, not from the server's summary. What is required, and by when, comes
 * from the cell's own rules, as the server applies them.
 */
export function AckStatus({ item }: { item: SyncedItem }) {
  const { t } = useTranslation();
  const { cell, session } = useAuthenticated();
  const { snapshot } = useRecordSync();
  const graph = useItemGraph();
  const partyName = usePartyName();
  const typeName = useTypeName();
  const format = useFormatters();
  const envelope = item.signed?.envelope;
  // What cannot be acknowledged (an acknowledgment, the cell's escalation) asks nothing of anyone.
  if (!envelope || !mayAnswer('ack', envelope.type).allowed) return null;
  // What its type says it no longer asks (a notice amended or cancelled) is owed by no one.
  const released = webItemType(envelope.type)?.released?.(item.id, graph, snapshot.members) ?? false;
  const requirement = released ? undefined : requirementOf(envelope, cell.rules);
  const consent = asksConsentOf(envelope);
  const acks = acknowledgmentsOf(item.id, graph, snapshot.members);
  const authorParty = authorPartyOf(item, snapshot.members);
  const audience = session.compartments.find((compartment) => compartment.id === item.compartment)?.parties ?? [];
  // A finding is owed by the party whose item it checked, not by everyone the cell wrote to.
  const subject = envelope.references[0] === undefined ? undefined : graph.byId.get(envelope.references[0]);
  const kindOf = (party: string) => cell.parties.find((candidate) => candidate.id === party)?.kind;
  const owing =
    requirement && authorParty
      ? partiesOwing(envelope.type, audience, kindOf, authorParty === CELL_AUTHOR ? null : authorParty, subject ? authorPartyOf(subject, snapshot.members) : undefined, subject?.signed?.envelope.type, envelope.payload)
      : [];
  const parties = [...new Set([...owing, ...acks.keys()])];
  if (parties.length === 0) return null;
  const replied = new Set(
    requirement?.kind === 'reply' ? answersOfType(item.id, graph, requirement.type).map((reply) => authorPartyOf(reply, snapshot.members)) : [],
  );
  const escalated = new Set(
    answersOfType(item.id, graph, 'escalation').flatMap((escalation) => {
      const payload = EscalationPayload.safeParse(escalation.signed?.envelope.payload);
      return payload.success ? [payload.data.party] : [];
    }),
  );
  // Some party still owes what the rule asks: the deadline the cell set, from when it received the item.
  const awaited = owing.some((party) => {
    if (requirement?.kind === 'reply') return !replied.has(party);
    const ack = acks.get(party);
    return requirement !== undefined && !(ack && ackLevelMeets(ack.level, requirement.level));
  });
  const receivedAt = Date.parse(item.receivedAt);
  const dueAt = requirement && awaited && Number.isFinite(receivedAt) ? new Date(obligationDueAt(envelope, receivedAt, requirement.withinMs)).toISOString() : undefined;
  const title =
    requirement?.kind === 'reply'
      ? t('ackStatus.replyRequired', { type: typeName(requirement.type) })
      : requirement
        ? consent
          ? t('deescalation.consent.required', { level: t(`items.ackLevels.${requirement.level}`) })
          : t('ackStatus.ackRequired', { level: t(`items.ackLevels.${requirement.level}`) })
        : t('ackStatus.given');
  return (
    <div
      className="ack-status"
      data-testid="ack-status"
      data-required={requirement ? (requirement.kind === 'ack' ? requirement.level : requirement.type) : ''}
      data-due-at={dueAt ?? ''}
      data-consent={consent ? 'requested' : undefined}
    >
      <p className="ack-status-title">
        {title}
        {dueAt && (
          <span className="ack-status-deadline" data-testid="ack-status-deadline">
            {' · '}
            <time dateTime={dueAt}>{t('countdown.dueAt', { time: format.dateTime(dueAt) })}</time>
          </span>
        )}
      </p>
      <ul className="ack-status-list">
        {parties.map((party) => {
          const ack = acks.get(party);
          const answered = replied.has(party);
          return (
            <li key={party} data-party={party} data-level={ack?.level ?? 'none'} data-replied={answered} data-escalated={escalated.has(party)}>
              <span className="ack-status-party">{partyName(party)}</span>
              {ack ? (
                <AckLevelBadge level={ack.level} consent={consent} />
              ) : answered ? (
                <span className="ack-level ack-level-accepted">{t('ackStatus.replied')}</span>
              ) : (
                owing.includes(party) && <span className="ack-level ack-level-awaited">{t('ackStatus.awaited')}</span>
              )}
              {answered && ack && <span className="ack-level ack-level-accepted">{t('ackStatus.replied')}</span>}
              {escalated.has(party) && <span className="tag tag-escalated">{t('ackStatus.escalated')}</span>}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
