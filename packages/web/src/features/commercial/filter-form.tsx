import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { SECTORS, type PipelineFilters } from '@fusion-cell/protocol';
import { usePartyName } from '../../components/use-names.ts';
import { useAuthenticated } from '../auth/session-context.ts';
import { FILTER_PARAMS, filtersFrom, withFilters, type FilterParam } from './board-filters.ts';

/** The board's and the pipeline's filters, kept in the address so a filtered view can be shared and reopened. */
export function usePipelineFilters(): { filters: PipelineFilters; filtered: boolean; text: string; set(change: Partial<Record<FilterParam, string>>): void } {
  const [search, setSearch] = useSearchParams();
  return {
    filters: filtersFrom(search),
    filtered: FILTER_PARAMS.some((param) => search.has(param)),
    text: search.get('q') ?? '',
    set: (change) => setSearch((current) => withFilters(current, change), { replace: true }),
  };
}

/** Sector, proposing party and words to find; the clear button when any is set. */
export function FilterForm() {
  const { t } = useTranslation();
  const { cell } = useAuthenticated();
  const partyName = usePartyName();
  const id = useId();
  const { filters, filtered, text, set } = usePipelineFilters();
  return (
    <fieldset className="filter-bar" data-testid="pipeline-filters">
      <legend>{t('commercial.filters.heading')}</legend>
      <div className="filter-field filter-field-wide">
        <label htmlFor={`${id}-q`}>{t('commercial.filters.text')}</label>
        <input id={`${id}-q`} type="search" value={text} maxLength={200} onChange={(event) => set({ q: event.currentTarget.value })} data-testid="pipeline-filter-text" />
      </div>
      <div className="filter-field">
        <label htmlFor={`${id}-sector`}>{t('commercial.filters.sector')}</label>
        <select id={`${id}-sector`} value={filters.sector ?? ''} onChange={(event) => set({ sector: event.currentTarget.value })} data-testid="pipeline-filter-sector">
          <option value="">{t('commercial.filters.any')}</option>
          {SECTORS.map((sector) => (
            <option key={sector} value={sector}>
              {t(`commercial.sectors.${sector}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="filter-field">
        <label htmlFor={`${id}-party`}>{t('commercial.filters.party')}</label>
        <select id={`${id}-party`} value={filters.party ?? ''} onChange={(event) => set({ party: event.currentTarget.value })} data-testid="pipeline-filter-party">
          <option value="">{t('commercial.filters.any')}</option>
          {cell.parties
            .filter((party) => party.kind !== 'observer')
            .map((party) => (
              <option key={party.id} value={party.id}>
                {partyName(party.id)}
              </option>
            ))}
        </select>
      </div>
      {filtered && (
        <button type="button" className="button button-small pipeline-clear" onClick={() => set({ sector: '', party: '', q: '' })} data-testid="pipeline-filter-clear">
          {t('commercial.filters.clear')}
        </button>
      )}
    </fieldset>
  );
}
