import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DisputeCaucusPayload, DisputeClosePayload, DisputePayload, DisputeResolutionPayload, DisputeResponsePayload, DisputeStagePayload, DisputeStageProposalPayload } from '@fusion-cell/protocol';
import type { Envelope } from '@fusion-cell/record';
import { usePartyName } from '../../components/use-names.ts';
import { useFormatters } from '../../i18n/format.ts';
import { EvidenceList } from '../deescalation/incident-content.tsx';
import { Field, FreeText } from '../items/free-text.tsx';
import { disputePath, useIsShown } from './dispute-links.ts';
import { useStateName } from './state-names.ts';
import { disputeOfItem, useDisputeIndex } from './use-disputes.ts';
import './disputes.css';

/** A link to the dispute an item belongs to, by its subject; the subject in its own language. */
export function DisputeLink({ item, testId = 'dispute-link' }: { item: string; testId?: string }) {
  const { t } = useTranslation();
  const record = disputeOfItem(useDisputeIndex(), item);
  const shown = useIsShown(record?.id);
  // On the dispute's own page, it would point to where the reader already is.
  if (!record || shown) return null;
  return (
    <p className="dispute-link-line">
      <Link to={disputePath(record.id)} data-testid={testId} data-dispute={record.id}>
        {t('disputes.content.about')}{' '}
        <bdi lang={record.payload.language} dir="auto">
          {record.payload.subject}
        </bdi>
      </Link>
    </p>
  );
}

/** A dispute: what is disputed, between whom, the raiser's position and evidence, and a link to its page. */
export function DisputeContent({ payload, envelope }: { payload: DisputePayload; envelope: Envelope }) {
  const { t } = useTranslation();
  const partyName = usePartyName();
  const format = useFormatters();
  // The view is given the envelope: its dispute is the one read from that very envelope.
  const record = [...useDisputeIndex().disputes.values()].find((candidate) => candidate.item.signed?.envelope === envelope);
  const shown = useIsShown(record?.id);
  return (
    <div className="item-dispute" data-testid="dispute-content" data-respondents={payload.respondents.join(' ')}>
      <p className="item-title" lang={payload.language} dir="auto" data-testid="dispute-subject">
        {payload.subject}
      </p>
      <p className="hint" data-testid="dispute-respondents-line">
        {t('disputes.content.respondents', { parties: format.list(payload.respondents.map(partyName)), items: format.number(envelope.references.length) })}
      </p>
      <FreeText text={payload.statement} language={payload.language} testId="dispute-statement" />
      <EvidenceList evidence={payload.evidence} />
      {record && !shown && (
        <p className="dispute-link-line">
          <Link to={disputePath(record.id)} data-testid="dispute-open">
            {t('disputes.content.open')}
          </Link>
        </p>
      )}
    </div>
  );
}

/** A side's response or position: what it says, with its evidence. */
export function ResponseContent({ payload, envelope }: { payload: DisputeResponsePayload; envelope: Envelope }) {
  return (
    <div className="item-dispute-response" data-testid="dispute-response-content">
      <FreeText text={payload.position} language={payload.language} testId="dispute-position" />
      <EvidenceList evidence={payload.evidence} />
      <DisputeLink item={envelope.references[0] ?? ''} />
    </div>
  );
}

/** A side's proposal to move on: to which stage, and why. */
export function ProposalContent({ payload, envelope }: { payload: DisputeStageProposalPayload; envelope: Envelope }) {
  const { t } = useTranslation();
  const stateName = useStateName();
  return (
    <div className="item-dispute-proposal" data-testid="dispute-proposal-content" data-to={payload.to}>
      <p className="item-title">{t('disputes.content.proposes', { stage: stateName(payload.to) })}</p>
      <FreeText text={payload.reason} language={payload.language} />
      <DisputeLink item={envelope.references[0] ?? ''} />
    </div>
  );
}

/** The supervisor's decision: the stage the dispute moved to, whether it accepted a proposal, and why. */
export function StageContent({ payload, envelope }: { payload: DisputeStagePayload; envelope: Envelope }) {
  const { t } = useTranslation();
  const stateName = useStateName();
  return (
    <div className="item-dispute-stage" data-testid="dispute-stage-content" data-to={payload.to}>
      <p className="item-title">
        {t('disputes.content.movedTo', { stage: stateName(payload.to) })}
        {envelope.references[1] !== undefined && <span className="hint"> · {t('disputes.content.acceptsProposal')}</span>}
      </p>
      <p className="hint">{t(`disputes.stageExplained.${payload.to}`)}</p>
      {payload.reason !== undefined && <FreeText text={payload.reason} language={payload.language} />}
      <DisputeLink item={envelope.references[0] ?? ''} />
    </div>
  );
}

/** How the dispute ended: its outcome, where it was referred, and why. */
export function CloseContent({ payload, envelope }: { payload: DisputeClosePayload; envelope: Envelope }) {
  const { t } = useTranslation();
  return (
    <div className="item-dispute-close" data-testid="dispute-close-content" data-outcome={payload.outcome}>
      <p className="item-title">
        <span className={`tag dispute-outcome dispute-outcome-${payload.outcome}`}>{t(`disputes.outcomes.${payload.outcome}`)}</span> {t(`disputes.content.closed.${payload.outcome}`)}
      </p>
      {payload.referredTo !== undefined && (
        <Field label={t('fields.referredTo')}>
          <p dir="auto">{payload.referredTo}</p>
        </Field>
      )}
      {payload.reason !== undefined && <FreeText text={payload.reason} language={payload.language} />}
      <DisputeLink item={envelope.references[0] ?? ''} />
    </div>
  );
}

/** A caucus message, marked as private to the supervisor and the side whose caucus it is in. */
export function CaucusContent({ payload, envelope }: { payload: DisputeCaucusPayload; envelope: Envelope }) {
  const { t } = useTranslation();
  return (
    <div className="item-dispute-caucus" data-testid="dispute-caucus-content">
      <p className="dispute-private" data-testid="dispute-private">
        {t('disputes.caucus.marker')}
      </p>
      <FreeText text={payload.text} language={payload.language} testId="dispute-caucus-text" />
      <EvidenceList evidence={payload.evidence} />
      <DisputeLink item={envelope.references[0] ?? ''} />
    </div>
  );
}

/** A version of the resolution: what it changes, its text. Its signatures show under it. */
export function ResolutionContent({ payload }: { payload: DisputeResolutionPayload }) {
  const { t } = useTranslation();
  return (
    <div className="item-dispute-resolution" data-testid="dispute-resolution-content">
      {payload.amendment !== undefined && (
        <Field label={t('disputes.resolution.amendment')} testId="dispute-resolution-amendment-note">
          <FreeText text={payload.amendment} language={payload.language} />
        </Field>
      )}
      <FreeText text={payload.text} language={payload.language} testId="dispute-resolution-text-view" />
      <DisputeLink item={payload.dispute} />
    </div>
  );
}
