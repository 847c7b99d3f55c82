import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ITEM_TYPE_LIST, TLP_LEVELS, TRACKS } from '@fusion-cell/protocol';
import { useMediaQuery } from '../../components/use-media-query.ts';
import { useCompartmentName, usePartyName } from '../../components/use-names.ts';
import { useAuthenticated } from '../auth/session-context.ts';
import { useTypeName } from '../items/type-names.ts';
import { CREDIBILITY, gradesUpTo, hasFilters, RELIABILITY, worstGradeOf, type SearchPageQuery, type SearchParam } from './search-params.ts';

/** The party of the cell's own items (findings, escalations). */
export const CELL_PARTY = '@cell';

interface Option {
  value: string;
  label: string;
}

function FilterSelect({ param, label, value, options, onChange }: { param: SearchParam; label: string; value: string | undefined; options: readonly Option[]; onChange(value: string): void }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="search-filter">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value ?? ''} onChange={(event) => onChange(event.currentTarget.value)} data-testid={`search-filter-${param}`}>
        <option value="">{t('search.filters.any')}</option>
        {/* A value from a shared link that the list does not offer is kept, not silently dropped. */}
        {value !== undefined && !options.some((option) => option.value === value) && <option value={value}>{value}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * The filters: what kind of item, where, by whom, how it is marked and graded, and when the cell
 * received it. Each change searches again at once; on a phone they fold away under one line.
 */
export function SearchFilters({ query, onChange }: { query: SearchPageQuery; onChange(change: SearchPageQuery): void }) {
  const { t } = useTranslation();
  const { cell, session } = useAuthenticated();
  const typeName = useTypeName();
  const partyName = usePartyName();
  const compartmentName = useCompartmentName();
  const wide = useMediaQuery('(min-width: 48rem)');
  const id = useId();
  const filtered = hasFilters(query);
  const set = (param: SearchParam) => (value: string) => onChange({ [param]: value });

  const types = useMemo(
    () => ITEM_TYPE_LIST.map((definition) => ({ value: definition.type, label: typeName(definition.type) })).sort((one, other) => one.label.localeCompare(other.label)),
    [typeName],
  );
  const tracks = TRACKS.filter((track) => cell.tracks.includes(track)).map((track) => ({ value: track, label: t(`tracks.${track}.name`) }));
  const parties = [...cell.parties.map((party) => ({ value: party.id, label: partyName(party.id) })), { value: CELL_PARTY, label: t('search.cellParty') }];
  const compartments = session.compartments.map((compartment) => ({ value: compartment.id, label: compartmentName(compartment) }));
  const markings = TLP_LEVELS.map((tlp) => ({ value: tlp, label: `TLP:${tlp}` }));
  const reliability = RELIABILITY.map((grade) => ({ value: grade, label: t('search.filters.orBetter', { grade: `${grade} — ${t(`intelligence.grades.reliabilityValues.${grade}`)}` }) }));
  const credibility = CREDIBILITY.map((grade) => ({ value: String(grade), label: t('search.filters.orBetter', { grade: `${grade} — ${t(`intelligence.grades.credibilityValues.${String(grade) as '1'}`)}` }) }));

  return (
    <details className="search-filters" open={wide || filtered} data-testid="search-filters">
      <summary>{filtered ? t('search.filters.headingSet') : t('search.filters.heading')}</summary>
      <div className="search-filter-grid">
        <FilterSelect param="type" label={t('search.filters.type')} value={query.type} options={types} onChange={set('type')} />
        <FilterSelect param="track" label={t('search.filters.track')} value={query.track} options={tracks} onChange={set('track')} />
        <FilterSelect param="compartment" label={t('search.filters.compartment')} value={query.compartment} options={compartments} onChange={set('compartment')} />
        <FilterSelect param="party" label={t('search.filters.party')} value={query.party} options={parties} onChange={set('party')} />
        <FilterSelect param="tlp" label={t('search.filters.tlp')} value={query.tlp} options={markings} onChange={set('tlp')} />
        <FilterSelect
          param="reliability"
          label={t('search.filters.reliability')}
          value={worstGradeOf(RELIABILITY, query.reliability) ?? query.reliability}
          options={reliability}
          onChange={(grade) => onChange({ reliability: grade === '' ? '' : gradesUpTo(RELIABILITY, grade as (typeof RELIABILITY)[number]) })}
        />
        <FilterSelect
          param="credibility"
          label={t('search.filters.credibility')}
          value={query.credibility === undefined ? undefined : String(worstGradeOf(CREDIBILITY, query.credibility) ?? query.credibility)}
          options={credibility}
          onChange={(grade) => onChange({ credibility: grade === '' ? '' : gradesUpTo(CREDIBILITY, Number(grade) as (typeof CREDIBILITY)[number]) })}
        />
        <div className="search-filter">
          <label htmlFor={`${id}-from`}>{t('search.filters.from')}</label>
          <input id={`${id}-from`} type="date" value={query.from ?? ''} max={query.to} onChange={(event) => onChange({ from: event.currentTarget.value })} data-testid="search-filter-from" />
        </div>
        <div className="search-filter">
          <label htmlFor={`${id}-to`}>{t('search.filters.to')}</label>
          <input id={`${id}-to`} type="date" value={query.to ?? ''} min={query.from} onChange={(event) => onChange({ to: event.currentTarget.value })} data-testid="search-filter-to" />
        </div>
      </div>
      {filtered && (
        <button
          type="button"
          className="button button-small search-clear"
          onClick={() => onChange({ type: '', track: '', compartment: '', party: '', tlp: '', reliability: '', credibility: '', from: '', to: '' })}
          data-testid="search-filter-clear"
        >
          {t('search.filters.clear')}
        </button>
      )}
    </details>
  );
}
