import { useCallback, useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { REGISTER_STATUSES, RegisterView as RegisterViewSchema, RTL_LANGUAGES, type Language, type RegisterEntryView, type RegisterStatus } from '@fusion-cell/protocol';
import { apiRequest } from '../../api/client.ts';
import { useApiResource } from '../../api/use-api-resource.ts';
import { ErrorMessage } from '../../components/error-message.tsx';
import { usePartyName } from '../../components/use-names.ts';
import { useFormatters } from '../../i18n/format.ts';
import { useRecordSync } from '../../sync/record-sync-context.ts';
import { useAuthenticated } from '../auth/session-context.ts';
import { shortLabel } from '../deescalation-map/map-features.ts';
import { itemInThread } from '../tracks/track-views.ts';
import { RegisterChartView } from './register-chart.tsx';
import { registerChart } from './register-chart-data.ts';
import { FILTER_PARAMS, filtersFrom, REGISTER_PATH, REGISTER_TYPES, registerQuery, type RegisterFilters } from './register-query.ts';
import './register.css';

/** How many entries of the register's types the record holds here: when it grows, the server's register has moved. */
function useRegisterItemCount(): number {
  const { snapshot } = useRecordSync();
  return useMemo(() => {
    let count = 0;
    for (const items of snapshot.items.values()) for (const item of items) if (REGISTER_TYPES.has(item.signed?.envelope.type ?? '')) count += 1;
    return count;
  }, [snapshot.items]);
}

/**
 * The violation register as the server computes it over the compartments the member reads:
 * filters kept in the address, the entries with each party's status, a CSV of the same query,
 * and the counts by month and status for each party alleged responsible.
 */
export function RegisterView() {
  const { t } = useTranslation();
  const format = useFormatters();
  const headingId = useId();
  const [search, setSearch] = useSearchParams();
  const filters = filtersFrom(search);
  const query = registerQuery(filters);
  const recordCount = useRegisterItemCount();
  // Asked again whenever the record brings an incident, a position or a verdict.
  const load = useCallback(() => apiRequest('GET', `${REGISTER_PATH}?${query}`, RegisterViewSchema), [query, recordCount]);
  const register = useApiResource(load);
  const chart = useMemo(() => (register.data ? registerChart(register.data.counts, register.data.parties) : undefined), [register.data]);
  const filtered = FILTER_PARAMS.some((param) => search.has(param));

  const setFilters = (change: Partial<Record<keyof RegisterFilters, string>>) =>
    setSearch(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [param, value] of Object.entries(change)) {
          if (value === undefined || value === '') next.delete(param);
          else next.set(param, value);
        }
        return next;
      },
      { replace: true },
    );

  return (
    <section className="register-view" aria-labelledby={headingId} aria-busy={register.loading} data-testid="register-view" data-loading={register.loading} data-query={query}>
      <h2 id={headingId}>{t('register.heading')}</h2>
      <p className="hint register-lead">{t('register.lead')}</p>
      <RegisterFilterForm filters={filters} filtered={filtered} onChange={setFilters} onClear={() => setFilters(Object.fromEntries(FILTER_PARAMS.map((param) => [param, ''])))} />
      <p className="register-download">
        <a className="button" href={`${REGISTER_PATH}?${registerQuery(filters, 'csv')}`} download="violation-register.csv" data-testid="register-csv">
          {t('register.download')}
        </a>{' '}
        <span className="hint">{t('register.downloadHint')}</span>
      </p>
      {register.error && <ErrorMessage error={register.error} testId="register-error" />}
      {register.data === undefined ? (
        register.loading && (
          <p className="hint" role="status">
            {t('register.loading')}
          </p>
        )
      ) : (
        <>
          <p className="register-count" role="status" data-testid="register-count" data-count={register.data.entries.length}>
            {t('register.count', { count: format.number(register.data.entries.length) })}
          </p>
          <RegisterTable entries={register.data.entries} parties={register.data.parties} empty={filtered ? t('register.empty') : t('register.emptyAll')} />
          {chart && <RegisterChartView chart={chart} />}
        </>
      )}
    </section>
  );
}

function RegisterFilterForm({ filters, filtered, onChange, onClear }: { filters: RegisterFilters; filtered: boolean; onChange(change: Partial<Record<keyof RegisterFilters, string>>): void; onClear(): void }) {
  const { t } = useTranslation();
  const { cell } = useAuthenticated();
  const partyName = usePartyName();
  const id = useId();
  return (
    <fieldset className="filter-bar" data-testid="register-filters">
      <legend>{t('register.filters.heading')}</legend>
      <div className="filter-field">
        <label htmlFor={`${id}-party`}>{t('register.filters.party')}</label>
        <select id={`${id}-party`} value={filters.party ?? ''} onChange={(event) => onChange({ party: event.currentTarget.value })} data-testid="register-filter-party">
          <option value="">{t('register.filters.any')}</option>
          {cell.parties
            .filter((party) => party.kind !== 'observer')
            .map((party) => (
              <option key={party.id} value={party.id}>
                {partyName(party.id)}
              </option>
            ))}
        </select>
      </div>
      <div className="filter-field">
        <label htmlFor={`${id}-status`}>{t('register.filters.status')}</label>
        <select id={`${id}-status`} value={filters.status ?? ''} onChange={(event) => onChange({ status: event.currentTarget.value })} data-testid="register-filter-status">
          <option value="">{t('register.filters.any')}</option>
          {REGISTER_STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(`register.statuses.${status}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="filter-field">
        <label htmlFor={`${id}-from`}>{t('register.filters.from')}</label>
        <input id={`${id}-from`} type="date" value={filters.from ?? ''} max={filters.to} onChange={(event) => onChange({ from: event.currentTarget.value })} data-testid="register-filter-from" />
      </div>
      <div className="filter-field">
        <label htmlFor={`${id}-to`}>{t('register.filters.to')}</label>
        <input id={`${id}-to`} type="date" value={filters.to ?? ''} min={filters.from} onChange={(event) => onChange({ to: event.currentTarget.value })} data-testid="register-filter-to" />
      </div>
      {filtered && (
        <button type="button" className="button button-small register-clear" onClick={onClear} data-testid="register-filter-clear">
          {t('register.filters.clear')}
        </button>
      )}
    </fieldset>
  );
}

function RegisterTable({ entries, parties, empty }: { entries: readonly RegisterEntryView[]; parties: readonly string[]; empty: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const partyName = usePartyName();
  const columns = 6 + parties.length;
  return (
    <div className="table-scroll">
      <table className="data-table register-table" data-testid="register-table">
        <caption className="visually-hidden">{t('register.table.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('register.table.occurred')}</th>
            <th scope="col">{t('register.table.what')}</th>
            <th scope="col">{t('register.table.article')}</th>
            <th scope="col">{t('register.table.alleged')}</th>
            <th scope="col">{t('register.table.reporting')}</th>
            {parties.map((party) => (
              <th scope="col" key={party} data-party={party}>
                <span className="visually-hidden">{t('register.table.statusOf')} </span>
                {partyName(party)}
              </th>
            ))}
            <th scope="col">{t('register.table.status')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.length === 0 && (
            <tr>
              <td colSpan={columns}>{empty}</td>
            </tr>
          )}
          {entries.map((entry) => {
            const thread = itemInThread(entry.compartment, entry.incident);
            return (
              <tr key={entry.incident} data-testid={`register-entry-${entry.incident}`} data-status={entry.status}>
                <td className="register-time">
                  <time dateTime={entry.occurredAt}>{format.dateTime(entry.occurredAt)}</time>
                </td>
                <td className="register-what">
                  <Link to={thread} lang={entry.language} dir={RTL_LANGUAGES.has(entry.language as Language) ? 'rtl' : 'ltr'} title={entry.what} data-testid="register-entry-link">
                    {shortLabel(entry.what, 140)}
                  </Link>
                </td>
                <td>{entry.article === undefined ? <span className="register-muted">{t('register.table.noArticle')}</span> : <bdi>{entry.article}</bdi>}</td>
                <td>{entry.allegedParty === undefined ? <span className="register-muted">{t('register.unattributed')}</span> : partyName(entry.allegedParty)}</td>
                <td>{partyName(entry.reportedBy)}</td>
                {parties.map((party) => {
                  const status = entry.parties[party];
                  return (
                    <td key={party} data-party={party} data-status={status?.status ?? ''}>
                      {status === undefined ? <span className="register-muted">{t('register.table.notStated')}</span> : <PartyStatusCell status={status.status} text={status.text} />}
                    </td>
                  );
                })}
                <td data-testid="register-entry-status">
                  <StatusBadge status={entry.status} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** A status in its colour and, always, its word. */
export function StatusBadge({ status }: { status: RegisterStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`register-badge register-fill-${status}`} data-status={status}>
      {t(`register.statuses.${status}`)}
    </span>
  );
}

/** A party's status; a contest's reason or a verdict's findings on hover, and in full when opened. */
function PartyStatusCell({ status, text }: { status: RegisterStatus; text: string | undefined }) {
  const { t } = useTranslation();
  if (text === undefined) return <StatusBadge status={status} />;
  return (
    <details className="register-reason">
      <summary title={text}>
        <StatusBadge status={status} />
        <span className="register-reason-label">{t(status === 'verified' || status === 'not-verified' ? 'register.table.findings' : 'register.table.reason')}</span>
      </summary>
      <p dir="auto" className="register-reason-text">
        {text}
      </p>
    </details>
  );
}
