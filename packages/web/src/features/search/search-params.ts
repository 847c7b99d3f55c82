import { CREDIBILITY_GRADES, RELIABILITY_GRADES } from '@fusion-cell/protocol';
import { localDayStart } from '../register/register-query.ts';

/**
 * What the search page's address holds (`/search?q=…&type=…`): the words, and the filters as the
 * API takes them, except the dates, kept as the date inputs give them (`YYYY-MM-DD`, the
 * reader's days). A link to a search is a search.
 */
export const SEARCH_PARAMS = ['q', 'type', 'track', 'party', 'compartment', 'tlp', 'reliability', 'credibility', 'from', 'to'] as const;
export type SearchParam = (typeof SEARCH_PARAMS)[number];
export type SearchPageQuery = Partial<Record<SearchParam, string>>;

export const SEARCH_PATH = '/api/v1/search';

export function pageQueryFrom(search: URLSearchParams): SearchPageQuery {
  const query: SearchPageQuery = {};
  for (const param of SEARCH_PARAMS) {
    const value = search.get(param)?.trim();
    if (value) query[param] = value;
  }
  return query;
}

/** Whether anything was asked: the page searches only then. */
export function asksAnything(query: SearchPageQuery): boolean {
  return SEARCH_PARAMS.some((param) => query[param] !== undefined);
}

/** Whether filters (not only words) are set. */
export function hasFilters(query: SearchPageQuery): boolean {
  return SEARCH_PARAMS.some((param) => param !== 'q' && query[param] !== undefined);
}

/** The day after a date's, at its start: "received on or before the 5th" is "before the 6th began". */
function nextLocalDayStart(date: string): number | undefined {
  const start = localDayStart(date);
  if (start === undefined) return undefined;
  const day = new Date(start);
  return new Date(day.getFullYear(), day.getMonth(), day.getDate() + 1).getTime();
}

/**
 * The API's query for a page's: dates as instants (the end inclusive of its day), the rest as it
 * is — the server checks every value and names the one it refuses. A date that is no date is
 * left out rather than sent.
 */
export function apiQuery(query: SearchPageQuery, cursor?: string): string {
  const params = new URLSearchParams();
  for (const param of SEARCH_PARAMS) {
    const value = query[param];
    if (value === undefined || param === 'from' || param === 'to') continue;
    params.set(param, value);
  }
  const from = query.from === undefined ? undefined : localDayStart(query.from);
  const to = query.to === undefined ? undefined : nextLocalDayStart(query.to);
  if (from !== undefined) params.set('from', new Date(from).toISOString());
  if (to !== undefined) params.set('to', new Date(to).toISOString());
  if (cursor !== undefined) params.set('cursor', cursor);
  return params.toString();
}

/**
 * Grades are offered as "this or better": B asks for A and B. The value shown for a list is its
 * worst grade when the list is every grade up to it, and nothing otherwise.
 */
export function gradesUpTo<Grade extends string | number>(grades: readonly Grade[], worst: Grade): string {
  return grades.slice(0, grades.indexOf(worst) + 1).join(',');
}

export function worstGradeOf<Grade extends string | number>(grades: readonly Grade[], list: string | undefined): Grade | undefined {
  if (list === undefined) return undefined;
  const asked = list.split(',');
  const worst = grades[asked.length - 1];
  return worst !== undefined && gradesUpTo(grades, worst) === list ? worst : undefined;
}

export const RELIABILITY = RELIABILITY_GRADES;
export const CREDIBILITY = CREDIBILITY_GRADES;
