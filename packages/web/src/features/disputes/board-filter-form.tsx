import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { DISPUTE_STATES } from '@fusion-cell/protocol';
import { useAuthenticated } from '../auth/session-context.ts';
import { filtersFrom, STATUS_FILTERS, withFilter, type BoardFilters } from './dispute-board.ts';
import { useStateName } from './state-names.ts';

/** The board's filters, kept in the address so a filtered board can be shared and reopened. */
export function useBoardFilters(): { filters: BoardFilters; set(name: 'track' | 'state' | 'status', value: string): void } {
  const [search, setSearch] = useSearchParams();
  return { filters: filtersFrom(search), set: (name, value) => setSearch((current) => withFilter(current, name, value), { replace: true }) };
}

/** Track, stage or outcome, open or closed. */
export function BoardFilterForm() {
  const { t } = useTranslation();
  const id = useId();
  const { cell } = useAuthenticated();
  const stateName = useStateName();
  const { filters, set } = useBoardFilters();
  return (
    <fieldset className="filter-bar" data-testid="dispute-filters">
      <legend>{t('disputes.board.filters.legend')}</legend>
      <div className="filter-field">
        <label htmlFor={`${id}-track`}>{t('disputes.board.filters.track')}</label>
        <select id={`${id}-track`} value={filters.track ?? ''} onChange={(event) => set('track', event.currentTarget.value)} data-testid="dispute-filter-track">
          <option value="">{t('disputes.board.filters.anyTrack')}</option>
          {cell.tracks.map((track) => (
            <option key={track} value={track}>
              {t(`tracks.${track}.name`)}
            </option>
          ))}
        </select>
      </div>
      <div className="filter-field">
        <label htmlFor={`${id}-state`}>{t('disputes.board.filters.state')}</label>
        <select id={`${id}-state`} value={filters.state ?? ''} onChange={(event) => set('state', event.currentTarget.value)} data-testid="dispute-filter-state">
          <option value="">{t('disputes.board.filters.anyState')}</option>
          {DISPUTE_STATES.map((state) => (
            <option key={state} value={state}>
              {stateName(state)}
            </option>
          ))}
        </select>
      </div>
      <div className="filter-field">
        <label htmlFor={`${id}-status`}>{t('disputes.board.filters.status')}</label>
        <select id={`${id}-status`} value={filters.status} onChange={(event) => set('status', event.currentTarget.value)} data-testid="dispute-filter-status">
          {STATUS_FILTERS.map((status) => (
            <option key={status} value={status}>
              {t(`disputes.board.filters.statuses.${status}`)}
            </option>
          ))}
        </select>
      </div>
    </fieldset>
  );
}
