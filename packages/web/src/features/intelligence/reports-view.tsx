import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { CREDIBILITY_GRADES, RELIABILITY_GRADES, RTL_LANGUAGES, TLP_LEVELS } from '@fusion-cell/protocol';
import { useCompartmentName, usePartyName } from '../../components/use-names.ts';
import { useFormatters } from '../../i18n/format.ts';
import { useRecordSync } from '../../sync/record-sync-context.ts';
import { useAuthenticated } from '../auth/session-context.ts';
import { shortLabel } from '../deescalation-map/map-features.ts';
import { useItemGraph } from '../items/item-graph.ts';
import { ThreadItem } from '../tracks/thread-item.tsx';
import { itemInThread } from '../tracks/track-views.ts';
import { REPORT_FILTER_PARAMS, reportFiltersFrom, reportMatches, reportRows, type ReportFilters, type ReportRow } from './report-data.ts';
import { OpinionBadge } from './report-content.tsx';
import { Grades, TlpLabel } from './tlp-marking.tsx';
import '../register/register.css';

/**
 * The intelligence track's reports, from every compartment of the member's party as verified in
 * this browser: filtered by marking, grades, party and time (the filters kept in the address),
 * each row with its marking and grades first. A report opened shows beside the list as in its
 * thread, with what the reader may do with it: acknowledge it, give an opinion.
 */
export function ReportsView() {
  const { t } = useTranslation();
  const format = useFormatters();
  const headingId = useId();
  const [search, setSearch] = useSearchParams();
  const graph = useItemGraph();
  const { snapshot } = useRecordSync();
  const rows = useMemo(() => reportRows(graph, snapshot.members), [graph, snapshot.members]);
  const filters = reportFiltersFrom(search);
  const shown = rows.filter((row) => reportMatches(row, filters));
  const filtered = REPORT_FILTER_PARAMS.some((param) => search.has(param));
  const opened = search.get('report');
  const openedItem = opened === null ? undefined : graph.byId.get(opened);

  const setParams = (change: Record<string, string>) =>
    setSearch(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [param, value] of Object.entries(change)) {
          if (value === '') next.delete(param);
          else next.set(param, value);
        }
        return next;
      },
      { replace: true },
    );

  return (
    <section className="intel-reports" aria-labelledby={headingId} data-testid="intel-reports">
      <div className="intel-reports-list">
        <h2 id={headingId}>{t('intelligence.reports.heading')}</h2>
        <p className="hint">{t('intelligence.reports.lead')}</p>
        <ReportFilterForm filters={filters} filtered={filtered} onChange={setParams} onClear={() => setParams(Object.fromEntries(REPORT_FILTER_PARAMS.map((param) => [param, ''])))} />
        <p role="status" data-testid="intel-reports-count" data-count={shown.length}>
          {t('intelligence.reports.count', { count: shown.length, formatted: format.number(shown.length) })}
        </p>
        {shown.length === 0 ? (
          <p className="hint" data-testid="intel-reports-empty">
            {filtered ? t('intelligence.reports.empty') : t('intelligence.reports.emptyAll')}
          </p>
        ) : (
          <ol className="intel-report-rows">
            {shown.map((row) => (
              <ReportRowView key={row.id} row={row} open={row.id === opened} onOpen={() => setParams({ report: row.id })} />
            ))}
          </ol>
        )}
      </div>
      {openedItem && (
        <aside className="intel-report-panel" aria-label={t('intelligence.reports.opened')} data-testid="intel-report-panel">
          <p className="intel-report-panel-actions">
            <Link to={itemInThread(openedItem.compartment, openedItem.id)} data-testid="intel-report-in-thread">
              {t('intelligence.reports.inThread')}
            </Link>{' '}
            <button type="button" className="button button-small" onClick={() => setParams({ report: '' })} data-testid="intel-report-close">
              {t('deescalationPage.map.panel.close')}
            </button>
          </p>
          <ol className="thread">
            <ThreadItem item={openedItem} members={snapshot.members} graph={graph} />
          </ol>
        </aside>
      )}
    </section>
  );
}

/** One report in the list: marking and grades before anything it says. */
function ReportRowView({ row, open, onOpen }: { row: ReportRow; open: boolean; onOpen(): void }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const partyName = usePartyName();
  const compartmentName = useCompartmentName();
  const { session } = useAuthenticated();
  const compartment = session.compartments.find((candidate) => candidate.id === row.compartment);
  return (
    <li className={open ? 'intel-report-row intel-report-row-open' : 'intel-report-row'} data-testid={`intel-report-row-${row.id}`} data-tlp={row.payload.tlp}>
      <p className="intel-report-row-marking">
        <TlpLabel tlp={row.payload.tlp} testId="intel-row-tlp" />
        <Grades reliability={row.payload.reliability} credibility={row.payload.credibility} compact />
      </p>
      <button type="button" className="button-link intel-report-row-title" aria-pressed={open} onClick={onOpen} lang={row.payload.language} dir={RTL_LANGUAGES.has(row.payload.language) ? 'rtl' : 'ltr'} data-testid="intel-report-open">
        {shortLabel(row.payload.title, 140)}
      </button>
      <p className="hint intel-report-row-meta">
        {t('intelligence.reports.meta', {
          party: row.party === undefined ? t('thread.unknownAuthor') : partyName(row.party),
          time: format.dateTime(row.payload.informationTime),
          compartment: compartment ? compartmentName(compartment) : row.compartment,
        })}
      </p>
      {row.opinions.length > 0 && (
        <ul className="intel-opinions intel-opinions-inline">
          {row.opinions.map((entry) => (
            <li key={entry.party} data-party={entry.party} data-opinion={entry.opinion}>
              {partyName(entry.party)}: <OpinionBadge opinion={entry.opinion} />
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

function ReportFilterForm({ filters, filtered, onChange, onClear }: { filters: ReportFilters; filtered: boolean; onChange(change: Record<string, string>): void; onClear(): void }) {
  const { t } = useTranslation();
  const { cell } = useAuthenticated();
  const partyName = usePartyName();
  const id = useId();
  const select = (param: keyof ReportFilters, label: string, options: ReadonlyArray<{ value: string; label: string }>) => (
    <div className="filter-field">
      <label htmlFor={`${id}-${param}`}>{label}</label>
      <select id={`${id}-${param}`} value={String(filters[param] ?? '')} onChange={(event) => onChange({ [param]: event.currentTarget.value })} data-testid={`intel-filter-${param}`}>
        <option value="">{t('register.filters.any')}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <fieldset className="filter-bar intel-filters" data-testid="intel-filters">
      <legend>{t('register.filters.heading')}</legend>
      {select('tlp', t('intelligence.reports.filters.tlp'), TLP_LEVELS.map((tlp) => ({ value: tlp, label: `TLP:${tlp}` })))}
      {select('reliability', t('intelligence.grades.reliability'), RELIABILITY_GRADES.map((grade) => ({ value: grade, label: `${grade} — ${t(`intelligence.grades.reliabilityValues.${grade}`)}` })))}
      {select(
        'credibility',
        t('intelligence.reports.filters.credibility'),
        CREDIBILITY_GRADES.map((grade) => ({ value: String(grade), label: `${grade} — ${t(`intelligence.grades.credibilityValues.${String(grade) as '1'}`)}` })),
      )}
      {select(
        'party',
        t('intelligence.reports.filters.party'),
        cell.parties.filter((party) => party.kind !== 'observer').map((party) => ({ value: party.id, label: partyName(party.id) })),
      )}
      <div className="filter-field">
        <label htmlFor={`${id}-from`}>{t('intelligence.reports.filters.from')}</label>
        <input id={`${id}-from`} type="date" value={filters.from ?? ''} max={filters.to} onChange={(event) => onChange({ from: event.currentTarget.value })} data-testid="intel-filter-from" />
      </div>
      <div className="filter-field">
        <label htmlFor={`${id}-to`}>{t('intelligence.reports.filters.to')}</label>
        <input id={`${id}-to`} type="date" value={filters.to ?? ''} min={filters.from} onChange={(event) => onChange({ to: event.currentTarget.value })} data-testid="intel-filter-to" />
      </div>
      {filtered && (
        <button type="button" className="button button-small register-clear" onClick={onClear} data-testid="intel-filter-clear">
          {t('register.filters.clear')}
        </button>
      )}
    </fieldset>
  );
}
