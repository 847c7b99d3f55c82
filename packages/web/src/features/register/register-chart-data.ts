import { REGISTER_STATUSES, type RegisterCount, type RegisterStatus } from '@fusion-cell/protocol';

/** One status's part of a bar: its count and where it sits in the stack, counted from the bottom. */
export interface BarSegment {
  status: RegisterStatus;
  count: number;
  from: number;
  to: number;
}

export interface ChartBar {
  /** `YYYY-MM`, the month the incidents occurred in. */
  period: string;
  total: number;
  /** Statuses in the register's order, bottom first; only those with entries. */
  segments: BarSegment[];
}

export interface PartyChart {
  /** The party alleged responsible, or `unattributed`. */
  party: string;
  total: number;
  bars: ChartBar[];
}

export interface RegisterChart {
  /** Every month from the first to the last with an entry, none skipped: a quiet month is a finding too. */
  periods: string[];
  /** The scale's top, shared by every party's chart so their bars compare. */
  max: number;
  charts: PartyChart[];
}

export const UNATTRIBUTED = 'unattributed';

function nextPeriod(period: string): string {
  const [year = 0, month = 1] = period.split('-').map(Number);
  return month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
}

/** Months from first to last, inclusive; a span past this many months is cut at its end rather than drawn illegibly. */
const MAX_PERIODS = 120;

function periodsBetween(first: string, last: string): string[] {
  const periods = [first];
  while (periods[periods.length - 1] !== last && periods.length < MAX_PERIODS) periods.push(nextPeriod(periods[periods.length - 1] ?? last));
  return periods;
}

/**
 * The register's counts as stacked bars: one chart per party alleged responsible (in the cell's
 * order, the unattributed last), one bar per month, one segment per status.
 */
export function registerChart(counts: readonly RegisterCount[], partyOrder: readonly string[]): RegisterChart {
  const periods = counts.map((count) => count.period).sort();
  const first = periods[0];
  const last = periods[periods.length - 1];
  if (first === undefined || last === undefined) return { periods: [], max: 0, charts: [] };
  const months = periodsBetween(first, last);
  const rank = (party: string) => (party === UNATTRIBUTED ? Number.MAX_SAFE_INTEGER : partyOrder.includes(party) ? partyOrder.indexOf(party) : partyOrder.length);
  const parties = [...new Set(counts.map((count) => count.party))].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  let max = 0;
  const charts = parties.map((party) => {
    const bars = months.map((period) => {
      let total = 0;
      const segments: BarSegment[] = [];
      for (const status of REGISTER_STATUSES) {
        const count = counts.filter((entry) => entry.party === party && entry.period === period && entry.status === status).reduce((sum, entry) => sum + entry.count, 0);
        if (count === 0) continue;
        segments.push({ status, count, from: total, to: total + count });
        total += count;
      }
      max = Math.max(max, total);
      return { period, total, segments };
    });
    return { party, total: bars.reduce((sum, bar) => sum + bar.total, 0), bars };
  });
  return { periods: months, max, charts };
}

/** The scale's ticks: a round step giving at most about five lines, the top at or above `max`. */
export function scaleTicks(max: number): number[] {
  if (max <= 0) return [0, 1];
  const rough = max / 4;
  const magnitude = 10 ** Math.floor(Math.log10(Math.max(1, rough)));
  const step = [1, 2, 5, 10].map((factor) => factor * magnitude).find((candidate) => candidate >= rough) ?? 10 * magnitude;
  const top = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let tick = 0; tick <= top; tick += step) ticks.push(tick);
  return ticks;
}
