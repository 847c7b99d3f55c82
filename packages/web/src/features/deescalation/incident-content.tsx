import { useTranslation } from 'react-i18next';
import type { Evidence, IncidentReportPayload, Place, ViolationPositionPayload, ViolationVerdictPayload } from '@fusion-cell/protocol';
import { attachmentUrl } from '../../api/attachments.ts';
import { usePartyName } from '../../components/use-names.ts';
import { useFormatters } from '../../i18n/format.ts';
import { Field, FreeText } from '../items/free-text.tsx';
import { AreaSummary } from '../items/hotline-content.tsx';
import './deescalation.css';

const KIB = 1024;
const MIB = 1024 * 1024;

/** A file's size as people read it: bytes, kilobytes or megabytes, in the reader's digits. */
export function formatFileSize(bytes: number, language: string): string {
  const unit = bytes >= MIB ? 'megabyte' : bytes >= KIB ? 'kilobyte' : 'byte';
  const value = unit === 'megabyte' ? bytes / MIB : unit === 'kilobyte' ? bytes / KIB : bytes;
  // Bytes spelled out ("66 bytes"): their short form has no plural in every language.
  return new Intl.NumberFormat(language, { style: 'unit', unit, unitDisplay: unit === 'byte' ? 'long' : 'short', maximumFractionDigits: value < 10 && unit !== 'byte' ? 1 : 0 }).format(value);
}

/** Evidence named by an item: each file a download, with its type and size; its hash in its title. */
export function EvidenceList({ evidence }: { evidence: readonly Evidence[] | undefined }) {
  const { t } = useTranslation();
  const format = useFormatters();
  if (evidence === undefined || evidence.length === 0) return null;
  return (
    <Field label={t('deescalation.evidence.heading')} testId="evidence-list">
      <ul className="deesc-list deesc-evidence">
        {evidence.map((file) => (
          <li key={file.sha256} data-sha256={file.sha256}>
            <a href={attachmentUrl(file.sha256)} download={file.name} title={t('deescalation.evidence.hash', { sha256: file.sha256 })} data-testid="evidence-link">
              <bdi>{file.name}</bdi>
            </a>{' '}
            <span className="hint">{t('deescalation.evidence.file', { type: t(`deescalation.mediaTypes.${file.mediaType}`), size: formatFileSize(file.size, format.language) })}</span>
          </li>
        ))}
      </ul>
    </Field>
  );
}

/** Where an incident happened: a point by its coordinates, an area by its shape. */
function PlaceSummary({ place }: { place: Place }) {
  const { t } = useTranslation();
  const format = useFormatters();
  if (place.type !== 'Point') return <AreaSummary area={place} />;
  const [longitude, latitude] = place.coordinates;
  const degrees = (value: number) => new Intl.NumberFormat(format.language, { maximumFractionDigits: 5 }).format(value);
  return (
    <Field label={t('deescalation.incident.place')} testId="item-area">
      <p>{t('deescalation.incident.point', { latitude: degrees(latitude), longitude: degrees(longitude) })}</p>
    </Field>
  );
}

/**
 * An incident: whether it alleges a violation (then it is an entry of the register, with the
 * article and the party alleged responsible), what happened in its own language, when in the
 * reader's time zone, where, and the evidence as downloads.
 */
export function IncidentContent({ payload }: { payload: IncidentReportPayload }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const partyName = usePartyName();
  return (
    <div className={`item-fields item-incident${payload.violation ? ' item-incident-violation' : ''}`} data-testid="incident-content" data-violation={payload.violation}>
      {payload.violation && (
        <p className="deesc-badges">
          <span className="tag tag-violation" data-testid="incident-violation">
            <span aria-hidden="true">⚑ </span>
            {t('deescalation.incident.violation')}
          </span>
        </p>
      )}
      <FreeText text={payload.what} language={payload.language} testId="incident-what" className="item-title" />
      <Field label={t('deescalation.incident.occurredAt')} testId="incident-occurred-at">
        <p>
          <time dateTime={payload.occurredAt}>{format.dateTime(payload.occurredAt)}</time>
        </p>
      </Field>
      <PlaceSummary place={payload.place} />
      {payload.article !== undefined && (
        <Field label={t('deescalation.incident.article')} testId="incident-article">
          <FreeText text={payload.article} language={undefined} />
        </Field>
      )}
      {payload.allegedParty !== undefined && (
        <Field label={t('deescalation.incident.allegedParty')} testId="incident-alleged-party">
          <p data-party={payload.allegedParty}>{partyName(payload.allegedParty)}</p>
        </Field>
      )}
      <EvidenceList evidence={payload.evidence} />
    </div>
  );
}

/** A side's position on a register entry: acknowledged, contested with its reason, or remedied with evidence. */
export function PositionContent({ payload }: { payload: ViolationPositionPayload }) {
  const { t } = useTranslation();
  return (
    <div className={`item-fields item-position item-position-${payload.status}`} data-testid="position-content" data-status={payload.status}>
      <p className="item-title">
        <span className={`ack-level deesc-status-${payload.status}`} data-testid="position-status">
          {t(`deescalation.positions.${payload.status}`)}
        </span>
      </p>
      {payload.reason !== undefined && (
        <Field label={t('items.fields.reason')}>
          <FreeText text={payload.reason} language={payload.language} testId="position-reason" />
        </Field>
      )}
      <EvidenceList evidence={payload.evidence} />
    </div>
  );
}

/** The supervisor's verdict on a register entry, with its findings. */
export function VerdictContent({ payload }: { payload: ViolationVerdictPayload }) {
  const { t } = useTranslation();
  return (
    <div className={`item-fields item-verdict item-verdict-${payload.verdict}`} data-testid="verdict-content" data-verdict={payload.verdict}>
      <p className="item-title">
        <span className={`ack-level deesc-status-${payload.verdict}`} data-testid="verdict-status">
          {t(`deescalation.verdicts.${payload.verdict}`)}
        </span>
      </p>
      <Field label={t('deescalation.verdict.findings')}>
        <FreeText text={payload.findings} language={payload.language} testId="verdict-findings" />
      </Field>
      <EvidenceList evidence={payload.evidence} />
    </div>
  );
}
