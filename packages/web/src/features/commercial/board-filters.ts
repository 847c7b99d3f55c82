import { SECTORS, type PipelineFilters, type Sector } from '@fusion-cell/protocol';

/** The filters the board and the pipeline share, as the page's address holds them: `sector`, `party`, `q`. */
export const FILTER_PARAMS = ['sector', 'party', 'q'] as const;
export type FilterParam = (typeof FILTER_PARAMS)[number];

const PARTY = /^[a-z][a-z0-9-]{0,39}$/;
const isSector = (value: string | null): value is Sector => value !== null && (SECTORS as readonly string[]).includes(value);

/** The filters an address asks for; what is not a sector or a party id is dropped. */
export function filtersFrom(search: URLSearchParams): PipelineFilters {
  const sector = search.get('sector');
  const party = search.get('party');
  const text = search.get('q')?.trim() ?? '';
  return {
    ...(isSector(sector) ? { sector } : {}),
    ...(party !== null && PARTY.test(party) ? { party } : {}),
    ...(text !== '' ? { text: text.slice(0, 200) } : {}),
  };
}

/** The address's parameters with a change applied; an empty value removes its parameter. */
export function withFilters(current: URLSearchParams, change: Partial<Record<FilterParam, string>>): URLSearchParams {
  const next = new URLSearchParams(current);
  for (const [param, value] of Object.entries(change)) {
    if (value === undefined || value === '') next.delete(param);
    else next.set(param, value);
  }
  return next;
}
