import { useTranslation } from 'react-i18next';
import type { IntelOpinionPayload, IntelReportPayload, IntelRfiClosePayload, IntelRfiPayload, IntelRfiReplyPayload, Place } from '@fusion-cell/protocol';
import { usePartyName } from '../../components/use-names.ts';
import { useFormatters } from '../../i18n/format.ts';
import { useRecordSync } from '../../sync/record-sync-context.ts';
import { EvidenceList } from '../deescalation/incident-content.tsx';
import { useItemGraph } from '../items/item-graph.ts';
import { Field, FreeText } from '../items/free-text.tsx';
import { opinionsOf } from './report-data.ts';
import { Grades, TlpLabel } from './tlp-marking.tsx';

/** Where the information holds: a point by its coordinates, an area by its shape. */
function LocationSummary({ location }: { location: Place }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const degrees = (value: number) => new Intl.NumberFormat(format.language, { maximumFractionDigits: 5 }).format(value);
  const words =
    location.type === 'Point'
      ? t('intelligence.report.point', { latitude: degrees(location.coordinates[1]), longitude: degrees(location.coordinates[0]) })
      : t('intelligence.report.area', { count: location.type === 'Polygon' ? 1 : location.coordinates.length });
  return (
    <Field label={t('intelligence.report.location')} testId="intel-location">
      <p>{words}</p>
    </Field>
  );
}

/** Each party's current opinion of the report, with how many earlier ones the record keeps. */
export function ReportOpinions({ reportId }: { reportId: string }) {
  const { t } = useTranslation();
  const graph = useItemGraph();
  const { snapshot } = useRecordSync();
  const partyName = usePartyName();
  const opinions = opinionsOf(reportId, graph, snapshot.members);
  if (opinions.length === 0) return null;
  return (
    <Field label={t('intelligence.report.opinions')} testId="intel-opinions">
      <ul className="intel-opinions">
        {opinions.map((entry) => (
          <li key={entry.party} data-party={entry.party} data-opinion={entry.opinion} data-testid={`intel-opinion-${entry.party}`}>
            <OpinionBadge opinion={entry.opinion} /> {partyName(entry.party)}
            {entry.earlier > 0 && <span className="hint"> · {t('intelligence.report.earlierOpinions', { count: entry.earlier })}</span>}
          </li>
        ))}
      </ul>
    </Field>
  );
}

/** What a marking asks of the reader, where it narrows what they may do with the report. */
function HandlingNote({ tlp }: { tlp: IntelReportPayload['tlp'] }) {
  const { t } = useTranslation();
  if (tlp !== 'RED' && tlp !== 'AMBER+STRICT') return null;
  return (
    <p className="intel-handling" role="note" data-testid="intel-handling" data-tlp={tlp}>
      {t(tlp === 'RED' ? 'intelligence.report.redNote' : 'intelligence.report.strictNote')}
    </p>
  );
}

/**
 * A report: its marking first, with what it means, then the grades of its source and of the
 * information, and only then what it says — the title, summary and body in their language, when
 * the information holds, where, its caveats and evidence. Opinions and acknowledgments show
 * under it, as every answer does.
 */
export function ReportContent({ payload }: { payload: IntelReportPayload }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <div className={`item-fields intel-report intel-report-${payload.tlp === 'AMBER+STRICT' ? 'amber-strict' : payload.tlp.toLowerCase()}`} data-testid="intel-report-content" data-tlp={payload.tlp}>
      <div className="intel-marking" data-testid="intel-marking">
        <TlpLabel tlp={payload.tlp} explain />
        <Grades reliability={payload.reliability} credibility={payload.credibility} />
      </div>
      <HandlingNote tlp={payload.tlp} />
      <FreeText text={payload.title} language={payload.language} testId="intel-title" className="item-title" />
      <Field label={t('intelligence.report.summary')}>
        <FreeText text={payload.summary} language={payload.language} testId="intel-summary" />
      </Field>
      <Field label={t('intelligence.report.informationTime')} testId="intel-information-time">
        <p>
          <time dateTime={payload.informationTime}>{format.dateTime(payload.informationTime)}</time>
        </p>
      </Field>
      {payload.location && <LocationSummary location={payload.location} />}
      {payload.caveats !== undefined && payload.caveats.length > 0 && (
        <Field label={t('intelligence.report.caveats')} testId="intel-caveats">
          <ul className="intel-caveats">
            {payload.caveats.map((caveat) => (
              <li key={caveat} lang={payload.language} dir="auto">
                {caveat}
              </li>
            ))}
          </ul>
        </Field>
      )}
      <Field label={t('intelligence.report.body')}>
        <FreeText text={payload.body} language={payload.language} testId="intel-body" />
      </Field>
      <EvidenceList evidence={payload.evidence} />
      {payload.stix !== undefined && payload.stix.length > 0 && <p className="hint">{t('intelligence.report.stix', { count: payload.stix.length })}</p>}
    </div>
  );
}

/** An opinion on the agreement scale, in words and a colour that never stands alone. */
export function OpinionBadge({ opinion }: { opinion: IntelOpinionPayload['opinion'] }) {
  const { t } = useTranslation();
  return (
    <span className={`intel-opinion intel-opinion-${opinion}`} data-opinion={opinion}>
      {t(`intelligence.opinions.${opinion}`)}
    </span>
  );
}

export function OpinionContent({ payload }: { payload: IntelOpinionPayload }) {
  return (
    <div className="item-fields" data-testid="intel-opinion-content" data-opinion={payload.opinion}>
      <p>
        <OpinionBadge opinion={payload.opinion} />
      </p>
      <FreeText text={payload.explanation} language={payload.language} testId="intel-opinion-explanation" />
    </div>
  );
}

/** A request for information: its priority, when the reply is due when it says so, and the question. */
export function RfiContent({ payload }: { payload: IntelRfiPayload }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <div className="item-fields" data-testid="intel-rfi-content" data-priority={payload.priority}>
      <p>
        <span className={`tag intel-priority intel-priority-${payload.priority}`}>{t(`intelligence.rfi.priorities.${payload.priority}`)}</span>
      </p>
      <Field label={t('items.fields.question')}>
        <FreeText text={payload.question} language={payload.language} testId="intel-rfi-question" />
      </Field>
      {payload.replyDue !== undefined && (
        <Field label={t('intelligence.rfi.replyDue')} testId="intel-rfi-reply-due">
          <p>
            <time dateTime={payload.replyDue}>{format.dateTime(payload.replyDue)}</time>
          </p>
        </Field>
      )}
    </div>
  );
}

export function RfiReplyContent({ payload }: { payload: IntelRfiReplyPayload }) {
  const { t } = useTranslation();
  return (
    <div className="item-fields">
      <Field label={t('items.fields.answer')}>
        <FreeText text={payload.answer} language={payload.language} testId="reply-answer" />
      </Field>
      <EvidenceList evidence={payload.evidence} />
    </div>
  );
}

export function RfiCloseContent({ payload }: { payload: IntelRfiClosePayload }) {
  const { t } = useTranslation();
  return (
    <div className="item-fields" data-testid="intel-rfi-close-content" data-outcome={payload.outcome}>
      <p>
        <strong>{t(`intelligence.rfi.closed.${payload.outcome}`)}</strong>
      </p>
      {payload.note !== undefined && <FreeText text={payload.note} language={payload.language} testId="intel-rfi-close-note" />}
    </div>
  );
}
