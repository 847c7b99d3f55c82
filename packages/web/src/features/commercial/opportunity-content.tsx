import { useTranslation } from 'react-i18next';
import type { InterestPayload, OpportunityMovePayload, OpportunityPayload, PipelineEntry } from '@fusion-cell/protocol';
import type { Envelope } from '@fusion-cell/record';
import { usePartyName } from '../../components/use-names.ts';
import { useFormatters } from '../../i18n/format.ts';
import { itemOfEnvelope } from '../deescalation/notice-state.ts';
import { Field, FreeText } from '../items/free-text.tsx';
import { useItemGraph } from '../items/item-graph.ts';
import { useMoney } from './money.ts';
import { useOpportunityEntry } from './pipeline-state.ts';
import { StatusBadge } from './status-badge.tsx';
import './commercial.css';

/** Where a location is, in words: a point by its coordinates, an area by how many parts it has. */
function LocationLine({ location }: { location: NonNullable<OpportunityPayload['location']> }) {
  const { t } = useTranslation();
  const format = useFormatters();
  if (location.type === 'Point') {
    const [longitude, latitude] = location.coordinates;
    return <p>{t('commercial.opportunity.point', { latitude: format.number(latitude), longitude: format.number(longitude) })}</p>;
  }
  return <p>{t('items.areaPolygons', { count: location.type === 'Polygon' ? 1 : location.coordinates.length })}</p>;
}

/**
 * An opportunity as its fields say it, for any reader: its status in the pipeline (when known),
 * its sector, title, value and what is sought; the description in its own language; whom to
 * contact, where, and the interests expressed so far.
 */
export function OpportunityView({ payload, entry }: { payload: OpportunityPayload; entry: PipelineEntry | undefined }) {
  const { t } = useTranslation();
  const money = useMoney();
  const format = useFormatters();
  const partyName = usePartyName();
  return (
    <div className="item-fields item-opportunity" data-testid="opportunity-content" data-status={entry?.status ?? ''} data-sector={payload.sector}>
      <p className="opportunity-line">
        {entry && <StatusBadge status={entry.status} />}
        <span className="opportunity-sector" data-testid="opportunity-sector">
          {t(`commercial.sectors.${payload.sector}`)}
        </span>
      </p>
      <FreeText text={payload.title} language={payload.language} testId="opportunity-title" className="item-title" />
      <Field label={t('commercial.opportunity.value')} testId="opportunity-value">
        <p data-min={payload.value.min} data-max={payload.value.max} data-currency={payload.value.currency}>
          <bdi>{money.range(payload.value)}</bdi>
        </p>
      </Field>
      <FreeText text={payload.description} language={payload.language} testId="opportunity-description" />
      <Field label={t('commercial.opportunity.sought')} testId="opportunity-sought">
        <FreeText text={payload.sought} language={payload.language} />
      </Field>
      <Field label={t('commercial.opportunity.contact')} testId="opportunity-contact">
        <p>{partyName(payload.contactParty)}</p>
      </Field>
      {payload.location && (
        <Field label={t('commercial.opportunity.location')} testId="opportunity-location">
          <LocationLine location={payload.location} />
        </Field>
      )}
      {entry && entry.interests.length > 0 && (
        <p className="hint" data-testid="opportunity-interests" data-count={entry.interests.length}>
          {t('commercial.opportunity.interests', { count: format.number(entry.interests.length), parties: format.list([...new Set(entry.interests.map((interest) => partyName(interest.party)))]) })}
        </p>
      )}
    </div>
  );
}

/** An opportunity in a thread: its status computed from the record verified here. */
export function OpportunityContent({ payload, envelope }: { payload: OpportunityPayload; envelope: Envelope }) {
  const graph = useItemGraph();
  const id = itemOfEnvelope(graph, envelope)?.id ?? '';
  const entry = useOpportunityEntry(id);
  return <OpportunityView payload={payload} entry={entry} />;
}

/** An expression of interest, under the opportunity: what the party has in mind, in its own language. */
export function InterestContent({ payload }: { payload: InterestPayload }) {
  const { t } = useTranslation();
  return (
    <div className="item-fields" data-testid="interest-content">
      <p className="item-title">{t('commercial.interest.title')}</p>
      <FreeText text={payload.note} language={payload.language} testId="interest-note" />
    </div>
  );
}

/** A move of the pipeline by the proposer's party, under the opportunity: where to, and why. */
export function MoveContent({ payload }: { payload: OpportunityMovePayload }) {
  const { t } = useTranslation();
  return (
    <div className="item-fields" data-testid="move-content" data-to={payload.to}>
      <p className="opportunity-line">
        <span className="item-title">{t('commercial.move.title')}</span> <StatusBadge status={payload.to} testId="move-status" />
      </p>
      {payload.note !== undefined && <FreeText text={payload.note} language={payload.language} testId="move-note" />}
    </div>
  );
}
