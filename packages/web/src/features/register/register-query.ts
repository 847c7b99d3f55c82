import { REGISTER_STATUSES, type RegisterStatus } from '@fusion-cell/protocol';

/** The register's filters as the page's address holds them: dates as the date inputs give them, `YYYY-MM-DD`. */
export interface RegisterFilters {
  party?: string;
  status?: RegisterStatus;
  from?: string;
  to?: string;
}

export const FILTER_PARAMS = ['party', 'status', 'from', 'to'] as const;

const PARTY = /^[a-z][a-z0-9-]{0,39}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const isStatus = (value: string | null): value is RegisterStatus => value !== null && (REGISTER_STATUSES as readonly string[]).includes(value);

/** The filters an address asks for; what the server would refuse is dropped rather than sent. */
export function filtersFrom(search: URLSearchParams): RegisterFilters {
  const party = search.get('party');
  const status = search.get('status');
  const from = search.get('from');
  const to = search.get('to');
  return {
    ...(party !== null && PARTY.test(party) ? { party } : {}),
    ...(isStatus(status) ? { status } : {}),
    ...(from !== null && localDayStart(from) !== undefined ? { from } : {}),
    ...(to !== null && localDayStart(to) !== undefined ? { to } : {}),
  };
}

/** The start of a calendar day in the reader's time zone, epoch ms; undefined for anything but a real date. */
export function localDayStart(date: string): number | undefined {
  const match = DATE.exec(date);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const start = new Date(year, month - 1, day);
  if (start.getFullYear() !== year || start.getMonth() !== month - 1 || start.getDate() !== day) return undefined;
  return start.getTime();
}

/** The day after, at its start: "on or before the 5th" is "before the 6th began", whatever the day's length. */
function nextLocalDayStart(date: string): number | undefined {
  const start = localDayStart(date);
  if (start === undefined) return undefined;
  const day = new Date(start);
  return new Date(day.getFullYear(), day.getMonth(), day.getDate() + 1).getTime();
}

/**
 * The API's query for these filters: days in the reader's time zone as instants, the end
 * inclusive of its whole day (the API's `to` is exclusive).
 */
export function registerQuery(filters: RegisterFilters, format: 'json' | 'csv' = 'json'): string {
  const query = new URLSearchParams();
  if (filters.party !== undefined) query.set('party', filters.party);
  if (filters.status !== undefined) query.set('status', filters.status);
  const from = filters.from === undefined ? undefined : localDayStart(filters.from);
  const to = filters.to === undefined ? undefined : nextLocalDayStart(filters.to);
  if (from !== undefined) query.set('from', new Date(from).toISOString());
  if (to !== undefined) query.set('to', new Date(to).toISOString());
  if (format === 'csv') query.set('format', 'csv');
  return query.toString();
}

export const REGISTER_PATH = '/api/v1/deescalation/register';

/** The item types whose entries change the register: a new one in the record means the server's register moved. */
export const REGISTER_TYPES: ReadonlySet<string> = new Set(['incident.report', 'violation.position', 'violation.verdict']);
