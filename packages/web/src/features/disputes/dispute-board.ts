import { DISPUTE_STAGES, DISPUTE_STATES, disputeIsOpen, TRACKS, type DisputeStage, type DisputeState, type Track } from '@fusion-cell/protocol';
import { isOverdue, type DisputeDeadline } from './dispute-deadline.ts';
import { closedAt, type DisputeRecord } from './dispute-record.ts';

/** One dispute as the board lists it. */
export interface BoardRow {
  id: string;
  subject: string;
  language: DisputeRecord['payload']['language'];
  track: Track;
  state: DisputeState;
  raiser: string | undefined;
  respondents: readonly string[];
  openedAt: number;
  /** How long it has been open, or was open until it closed (ms). */
  ageMs: number;
  closedAt: number | undefined;
  /** The response owed in its current stage, while one is awaited. */
  next: { dueAt: number; leftMs: number; overdue: boolean; escalated: boolean; awaiting: readonly string[] } | undefined;
}

/** A dispute on the board at `now`. */
export function boardRow(record: DisputeRecord, deadline: DisputeDeadline | undefined, now: number): BoardRow {
  const openedAt = Date.parse(record.item.receivedAt);
  const closed = closedAt(record);
  const closedMs = closed === undefined ? undefined : Date.parse(closed);
  const awaited = deadline !== undefined && deadline.awaiting.length > 0;
  return {
    id: record.id,
    subject: record.payload.subject,
    language: record.payload.language,
    track: record.track,
    state: record.state,
    raiser: record.raiser,
    respondents: record.respondents,
    openedAt,
    ageMs: Math.max(0, (closedMs ?? now) - openedAt),
    closedAt: closedMs,
    next: awaited
      ? {
          dueAt: deadline.dueAt,
          leftMs: deadline.dueAt - now,
          overdue: isOverdue(deadline, now),
          escalated: deadline.escalated.some((escalation) => deadline.awaiting.includes(escalation.party)),
          awaiting: deadline.awaiting,
        }
      : undefined,
  };
}

export type StatusFilter = 'open' | 'closed' | 'all';
export const STATUS_FILTERS: readonly StatusFilter[] = ['open', 'closed', 'all'];

/** What the board shows: a track, a stage or outcome, open or closed disputes. */
export interface BoardFilters {
  track?: Track;
  state?: DisputeState;
  status: StatusFilter;
}

/** The board's filters as the page's address holds them (`track`, `state`, `status`); anything else is dropped. */
export function filtersFrom(search: URLSearchParams): BoardFilters {
  const track = TRACKS.find((candidate) => candidate === search.get('track'));
  const state = DISPUTE_STATES.find((candidate) => candidate === search.get('state'));
  const status = STATUS_FILTERS.find((candidate) => candidate === search.get('status')) ?? 'all';
  return { ...(track ? { track } : {}), ...(state ? { state } : {}), status };
}

/** The address's parameters with one filter changed; an empty value (or the default status) removes it. */
export function withFilter(current: URLSearchParams, name: 'track' | 'state' | 'status', value: string): URLSearchParams {
  const next = new URLSearchParams(current);
  if (value === '' || (name === 'status' && value === 'all')) next.delete(name);
  else next.set(name, value);
  return next;
}

export function filterRows(rows: readonly BoardRow[], filters: BoardFilters): BoardRow[] {
  return rows.filter((row) => {
    if (filters.track !== undefined && row.track !== filters.track) return false;
    if (filters.state !== undefined && row.state !== filters.state) return false;
    if (filters.status === 'open') return disputeIsOpen(row.state);
    if (filters.status === 'closed') return !disputeIsOpen(row.state);
    return true;
  });
}

/**
 * Open disputes in a column per stage, the most pressing first: overdue, then the soonest
 * deadline, then those awaiting only the supervisor's decision, oldest first.
 */
export function openByStage(rows: readonly BoardRow[]): { stage: DisputeStage; rows: BoardRow[] }[] {
  const pressing = (row: BoardRow) => row.next?.dueAt ?? Number.POSITIVE_INFINITY;
  return DISPUTE_STAGES.map((stage) => ({
    stage,
    rows: rows.filter((row) => row.state === stage).sort((a, b) => pressing(a) - pressing(b) || a.openedAt - b.openedAt),
  }));
}

/** Closed disputes, the latest closed first. */
export function closedRows(rows: readonly BoardRow[]): BoardRow[] {
  return rows.filter((row) => !disputeIsOpen(row.state)).sort((a, b) => (b.closedAt ?? 0) - (a.closedAt ?? 0));
}
