import { describe, expect, it } from 'vitest';
import { closedRows, filterRows, filtersFrom, openByStage, withFilter, type BoardRow } from '../src/features/disputes/dispute-board.ts';
import { disputeStatistics, median, periodStart, type DisputeFacts } from '../src/features/disputes/dispute-statistics.ts';
import { formatSpan } from '../src/features/disputes/durations.ts';

/** The board's rows, filters and order, and the statistics its charts draw: computed here, from the record. */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.parse('2026-03-18T12:00:00.000Z');

function row(id: string, state: BoardRow['state'], options: Partial<BoardRow> = {}): BoardRow {
  return { id, subject: id, language: 'en', track: 'deescalation', state, raiser: 'sy', respondents: ['il'], openedAt: NOW - DAY, ageMs: DAY, closedAt: undefined, next: undefined, ...options };
}

describe('the dispute board', () => {
  const due = (leftMs: number) => ({ dueAt: NOW + leftMs, leftMs, overdue: leftMs <= 0, escalated: false, awaiting: ['il'] });
  const rows = [
    row('calm', 'notice', { next: due(2 * DAY) }),
    row('late', 'notice', { next: due(-HOUR) }),
    row('waiting', 'notice', { openedAt: NOW - 5 * DAY }),
    row('soon', 'notice', { next: due(HOUR) }),
    row('talks', 'negotiation', { track: 'diplomatic' }),
    row('done-early', 'resolved', { closedAt: NOW - 3 * DAY }),
    row('done-late', 'referred', { closedAt: NOW - DAY }),
  ];

  it('puts open disputes in their stage’s column, the overdue first, then the soonest due, then those awaiting the supervisor', () => {
    const columns = openByStage(rows);
    expect(columns.map((column) => column.stage)).toEqual(['notice', 'negotiation', 'facilitation', 'resolution']);
    expect(columns[0]?.rows.map((each) => each.id)).toEqual(['late', 'soon', 'calm', 'waiting']);
    expect(columns[1]?.rows.map((each) => each.id)).toEqual(['talks']);
  });

  it('lists closed disputes below, the latest closed first', () => {
    expect(closedRows(rows).map((each) => each.id)).toEqual(['done-late', 'done-early']);
  });

  it('filters by track, by stage or outcome, and by open or closed', () => {
    expect(filterRows(rows, { status: 'all', track: 'diplomatic' }).map((each) => each.id)).toEqual(['talks']);
    expect(filterRows(rows, { status: 'all', state: 'referred' }).map((each) => each.id)).toEqual(['done-late']);
    expect(filterRows(rows, { status: 'open' })).toHaveLength(5);
    expect(filterRows(rows, { status: 'closed' }).map((each) => each.id)).toEqual(['done-early', 'done-late']);
  });

  it('keeps its filters in the address, dropping what is not a track, a state or a status', () => {
    expect(filtersFrom(new URLSearchParams('track=diplomatic&state=facilitation&status=open'))).toEqual({ track: 'diplomatic', state: 'facilitation', status: 'open' });
    expect(filtersFrom(new URLSearchParams('track=war&state=won&status=maybe'))).toEqual({ status: 'all' });
    expect(withFilter(new URLSearchParams('track=general'), 'status', 'all').toString()).toBe('track=general');
    expect(withFilter(new URLSearchParams('track=general'), 'track', '').toString()).toBe('');
    expect(withFilter(new URLSearchParams(), 'state', 'notice').toString()).toBe('state=notice');
  });
});

describe('the statistics over time', () => {
  const facts = (openedDaysAgo: number, closedDaysAgo?: number, outcome?: DisputeFacts['outcome'], reached: DisputeFacts['reached'] = ['notice']): DisputeFacts => ({
    openedAt: NOW - openedDaysAgo * DAY,
    closedAt: closedDaysAgo === undefined ? undefined : NOW - closedDaysAgo * DAY,
    outcome,
    reached,
  });

  it('starts weeks on Monday and months on the 1st, in UTC', () => {
    // 18 March 2026 is a Wednesday.
    expect(new Date(periodStart(NOW, 'week')).toISOString()).toBe('2026-03-16T00:00:00.000Z');
    expect(new Date(periodStart(Date.parse('2026-03-15T23:59:00.000Z'), 'week')).toISOString()).toBe('2026-03-09T00:00:00.000Z');
    expect(new Date(periodStart(NOW, 'month')).toISOString()).toBe('2026-03-01T00:00:00.000Z');
  });

  it('counts by week over a short span: opened, resolved, ended otherwise, every week shown, the median time to resolution', () => {
    const statistics = disputeStatistics([facts(16, 9, 'resolved', ['notice', 'facilitation', 'resolution']), facts(10, 2, 'resolved', ['notice', 'resolution']), facts(3, 1, 'unresolved', ['notice', 'negotiation']), facts(1)], NOW);
    expect(statistics.unit).toBe('week');
    // Opened on Monday 2 and Sunday 8 March, Sunday 15 and Tuesday 17; closed on the 9th, 16th and 17th.
    expect(statistics.periods.map((period) => new Date(period.start).toISOString().slice(0, 10))).toEqual(['2026-03-02', '2026-03-09', '2026-03-16']);
    expect(statistics.periods.map((period) => [period.opened, period.resolved, period.ended])).toEqual([
      [2, 0, 0],
      [1, 1, 0],
      [1, 1, 1],
    ]);
    expect(statistics.medianResolutionMs).toBe(7.5 * DAY);
    expect(statistics.periods[1]?.medianResolutionMs).toBe(7 * DAY);
    expect(statistics.periods[2]?.medianResolutionMs).toBe(8 * DAY);
    expect(statistics.periods[0]?.medianResolutionMs).toBeUndefined();
    expect(Object.fromEntries(statistics.reached.map(({ step, count }) => [step, count]))).toEqual({ notice: 4, negotiation: 1, facilitation: 1, resolution: 2, resolved: 2, unresolved: 1, referred: 0 });
  });

  it('counts by month once the span passes twelve weeks', () => {
    const statistics = disputeStatistics([facts(120, 100, 'resolved'), facts(5)], NOW);
    expect(statistics.unit).toBe('month');
    expect(statistics.periods.map((period) => new Date(period.start).toISOString().slice(0, 7))).toEqual(['2025-11', '2025-12', '2026-01', '2026-02', '2026-03']);
    expect(statistics.periods.map((period) => period.opened)).toEqual([1, 0, 0, 0, 1]);
  });

  it('has no median without a resolution, and one period for a cell with no dispute', () => {
    expect(disputeStatistics([facts(2, 1, 'referred')], NOW).medianResolutionMs).toBeUndefined();
    expect(disputeStatistics([], NOW)).toMatchObject({ unit: 'week', total: 0, periods: [{ opened: 0, resolved: 0, ended: 0 }] });
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
  });

  it('says a span in its largest unit, in the reader’s language', () => {
    expect(formatSpan(3 * DAY, 'en')).toBe('3 days');
    expect(formatSpan(1.5 * DAY, 'en')).toBe('1.5 days');
    expect(formatSpan(5 * HOUR, 'en')).toBe('5 hours');
    expect(formatSpan(90_000, 'en')).toBe('2 minutes');
    expect(formatSpan(40_400, 'en')).toBe('40 seconds');
    expect(formatSpan(3 * DAY, 'ar')).toMatch(/أيام/);
  });
});
