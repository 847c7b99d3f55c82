import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DisputeClosePayload, DisputeResolutionPayload, DisputeResponsePayload, DisputeStagePayload, DisputeStageProposalPayload, DisputeCaucusPayload, EscalationPayload, parseCompartmentId, Track, type DisputePayload } from '@fusion-cell/protocol';
import { CELL_AUTHOR } from '@fusion-cell/record';
import { usePartyName } from '../../components/use-names.ts';
import { useFormatters } from '../../i18n/format.ts';
import { useRecordSync } from '../../sync/record-sync-context.ts';
import type { SyncedItem } from '../../sync/sync-types.ts';
import { FreeText } from '../items/free-text.tsx';
import { authorPartyOf } from '../items/item-graph.ts';
import { itemInThread } from '../tracks/track-views.ts';
import { timelineOf, type DisputeRecord } from './dispute-record.ts';
import { useStateName } from './state-names.ts';

interface EntryWords {
  what: string;
  text?: { text: string; language: DisputePayload['language'] | undefined } | undefined;
}

/** What an entry says, in a line, and the free text it carries. */
function useEntryWords(record: DisputeRecord): (item: SyncedItem) => EntryWords {
  const { t } = useTranslation();
  const partyName = usePartyName();
  const stateName = useStateName();
  const { snapshot } = useRecordSync();
  const versionOf = (id: string) => record.resolutions.findIndex((version) => version.id === id) + 1;
  return (item) => {
    const envelope = item.signed?.envelope;
    const party = authorPartyOf(item, snapshot.members);
    const who = party === undefined || party === CELL_AUTHOR ? t('thread.cell') : partyName(party);
    const payload = envelope?.payload ?? {};
    switch (envelope?.type) {
      case 'dispute':
        return { what: t('disputes.timeline.raised', { party: who }), text: { text: record.payload.statement, language: record.payload.language } };
      case 'dispute.response': {
        const response = DisputeResponsePayload.safeParse(payload);
        return { what: t('disputes.timeline.responded', { party: who }), text: response.success ? { text: response.data.position, language: response.data.language } : undefined };
      }
      case 'dispute.stage.proposal': {
        const proposal = DisputeStageProposalPayload.safeParse(payload);
        return proposal.success ? { what: t('disputes.timeline.proposed', { party: who, stage: stateName(proposal.data.to) }), text: { text: proposal.data.reason, language: proposal.data.language } } : { what: who };
      }
      case 'dispute.stage': {
        const stage = DisputeStagePayload.safeParse(payload);
        if (!stage.success) return { what: who };
        return { what: t('disputes.timeline.moved', { party: who, stage: stateName(stage.data.to) }), text: stage.data.reason === undefined ? undefined : { text: stage.data.reason, language: stage.data.language } };
      }
      case 'dispute.close': {
        const close = DisputeClosePayload.safeParse(payload);
        if (!close.success) return { what: who };
        return { what: t('disputes.timeline.closed', { party: who, outcome: stateName(close.data.outcome) }), text: close.data.reason === undefined ? undefined : { text: close.data.reason, language: close.data.language } };
      }
      case 'dispute.resolution': {
        const version = DisputeResolutionPayload.safeParse(payload);
        return { what: t('disputes.timeline.version', { party: who, number: versionOf(item.id) }), text: version.success ? { text: version.data.amendment ?? version.data.text, language: version.data.language } : undefined };
      }
      case 'document.sign':
        return { what: t('disputes.timeline.signed', { party: who, number: versionOf(envelope.references[0] ?? '') }) };
      case 'escalation': {
        const escalation = EscalationPayload.safeParse(payload);
        return { what: t('disputes.timeline.escalated', { party: escalation.success ? partyName(escalation.data.party) : '' }) };
      }
      case 'dispute.caucus': {
        const caucus = DisputeCaucusPayload.safeParse(payload);
        return { what: t('disputes.timeline.caucus', { party: who }), text: caucus.success ? { text: caucus.data.text, language: caucus.data.language } : undefined };
      }
      default:
        return { what: who };
    }
  };
}

/**
 * The dispute's history: every step of its process in the order the cell received it, each
 * with when, who and what it said, linked to where it reads in full. Caucus messages are among
 * them only for a reader of that caucus, and marked private.
 */
export function DisputeTimeline({ record }: { record: DisputeRecord }) {
  const { t } = useTranslation();
  const headingId = useId();
  const format = useFormatters();
  const partyName = usePartyName();
  const words = useEntryWords(record);
  const entries = timelineOf(record);
  return (
    <section className="dispute-section dispute-timeline" aria-labelledby={headingId} data-testid="dispute-timeline" data-count={entries.length}>
      <h2 id={headingId}>{t('disputes.timeline.heading')}</h2>
      <ol className="dispute-timeline-list">
        {entries.map((item) => {
          const envelope = item.signed?.envelope;
          const caucus = envelope?.type === 'dispute.caucus';
          const owner = parseCompartmentId(item.compartment).owner;
          const track = Track.safeParse(envelope?.track);
          const { what, text } = words(item);
          return (
            <li key={item.id} className={caucus ? 'dispute-timeline-entry dispute-timeline-private' : 'dispute-timeline-entry'} data-testid="timeline-entry" data-type={envelope?.type} data-item={item.id} data-compartment={item.compartment}>
              <p className="dispute-timeline-head">
                <time dateTime={item.receivedAt}>{format.dateTime(item.receivedAt)}</time>
                {caucus && (
                  <span className="tag dispute-private-tag" data-testid="timeline-private">
                    {t('disputes.timeline.private', { side: partyName(owner ?? '') })}
                  </span>
                )}
              </p>
              <p className="dispute-timeline-what">
                {track.success ? (
                  <Link to={{ pathname: `/tracks/${track.data}`, ...itemInThread(item.compartment, item.id) }} data-testid="timeline-entry-link">
                    {what}
                  </Link>
                ) : (
                  what
                )}
              </p>
              {text && <FreeText text={text.text} language={text.language} className="item-free-text dispute-timeline-text" />}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
