import { useTranslation } from 'react-i18next';
import type { StixImportSummary, StixProblem, StixReportNote } from '@fusion-cell/protocol';
import { TlpLabel } from '../intelligence/tlp-marking.tsx';

/** The counts by STIX type, most first, as a two-column table. */
function CountTable({ counts, caption, testId }: { counts: Record<string, number>; caption: string; testId: string }) {
  const { t } = useTranslation();
  const rows = Object.entries(counts).sort(([, a], [, b]) => b - a);
  return (
    <table className="stix-counts" data-testid={testId}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('stix.summary.type')}</th>
          <th scope="col">{t('stix.summary.count')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 ? (
          <tr>
            <td colSpan={2}>{t('stix.summary.noneOfThese')}</td>
          </tr>
        ) : (
          rows.map(([type, count]) => (
            <tr key={type} data-type={type}>
              <td>
                <code dir="ltr">{type}</code>
              </td>
              <td>{count}</td>
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}

function NoteText({ note }: { note: StixReportNote }) {
  const { t } = useTranslation();
  switch (note.code) {
    case 'language-fallback':
      return <>{t('stix.notes.languageFallback', { lang: note.lang, language: t(`language.names.${note.language}`) })}</>;
    case 'title-cut':
      return <>{t('stix.notes.titleCut')}</>;
    case 'unmarked':
      return <>{t('stix.notes.unmarked', { tlp: `TLP:${note.tlp}` })}</>;
    case 'too-large':
      return <>{t('stix.notes.tooLarge', { count: note.objects })}</>;
  }
}

/** What the import would do: the reports it enters, and what it keeps and skips, by type. */
export function StixSummary({ summary }: { summary: StixImportSummary }) {
  const { t } = useTranslation();
  const skipped = summary.skipped;
  return (
    <section className="stix-summary" data-testid="stix-summary" data-reports={summary.reports.length} aria-live="polite">
      <h3>{t('stix.summary.heading', { reports: summary.reports.length, objects: summary.objects })}</h3>
      {summary.reports.length === 0 ? (
        <p className="hint" data-testid="stix-no-reports">
          {t('stix.summary.noReports')}
        </p>
      ) : (
        <ol className="stix-report-list" data-testid="stix-report-list">
          {summary.reports.map((report) => (
            <li key={report.stixId} data-testid="stix-report" data-stix-id={report.stixId}>
              <TlpLabel tlp={report.tlp} testId="stix-report-tlp" />
              <span className="stix-report-title" lang={report.language} dir="auto">
                {report.title}
              </span>
              <span className="hint">{t('stix.summary.keptWith', { count: report.kept })}</span>
              {report.notes.length > 0 && (
                <ul className="stix-notes">
                  {report.notes.map((note, index) => (
                    <li key={index} data-testid="stix-note" data-code={note.code}>
                      <NoteText note={note} />
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      )}
      <div className="stix-count-tables">
        <CountTable counts={summary.mapped} caption={t('stix.summary.mapped')} testId="stix-mapped" />
        <CountTable counts={summary.kept} caption={t('stix.summary.kept')} testId="stix-kept" />
        <table className="stix-counts" data-testid="stix-skipped">
          <caption>{t('stix.summary.skipped')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('stix.summary.type')}</th>
              <th scope="col">{t('stix.summary.count')}</th>
              <th scope="col">{t('stix.summary.why')}</th>
            </tr>
          </thead>
          <tbody>
            {skipped.length === 0 ? (
              <tr>
                <td colSpan={3}>{t('stix.summary.noneOfThese')}</td>
              </tr>
            ) : (
              skipped.map((entry) => (
                <tr key={`${entry.type} ${entry.reason}`} data-type={entry.type} data-reason={entry.reason}>
                  <td>
                    <code dir="ltr">{entry.type}</code>
                  </td>
                  <td>{entry.count}</td>
                  <td>{t(`stix.skipReasons.${entry.reason === 'too-large' ? 'tooLarge' : entry.reason}`)}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** Why the bundle is refused: the object and property at fault, then the rule in the specification's words. */
export function StixRefusal({ problems }: { problems: StixProblem[] }) {
  const { t } = useTranslation();
  const [first] = problems;
  if (!first) return null;
  const object = first.objectId ?? (first.index !== undefined ? `objects[${first.index}]` : t('stix.refusal.theBundle'));
  return (
    <div className="message message-error" role="alert" data-testid="stix-refusal" data-object={first.objectId ?? ''} data-property={first.property ?? ''}>
      <p className="message-title">{t('stix.refusal.title')}</p>
      <dl className="stix-refusal-facts">
        <dt>{t('stix.refusal.object')}</dt>
        <dd>
          <code dir="ltr" data-testid="stix-refusal-object">
            {object}
          </code>
        </dd>
        {first.property !== undefined && (
          <>
            <dt>{t('stix.refusal.property')}</dt>
            <dd>
              <code dir="ltr" data-testid="stix-refusal-property">
                {first.property}
              </code>
            </dd>
          </>
        )}
        <dt>{t('stix.refusal.rule')}</dt>
        <dd dir="ltr" lang="en" data-testid="stix-refusal-message">
          {first.message}
        </dd>
      </dl>
      {problems.length > 1 && <p>{t('stix.refusal.more', { count: problems.length - 1 })}</p>}
      <p className="hint">{t('stix.refusal.nothing')}</p>
    </div>
  );
}
