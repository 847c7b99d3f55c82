import { DISPUTE_OUTCOMES, DISPUTE_STAGES, type DisputeOutcome, type DisputeStage } from '@fusion-cell/protocol';
import type { DisputeRecord } from './dispute-record.ts';

/** What the statistics read of one dispute. */
export interface DisputeFacts {
  openedAt: number;
  closedAt: number | undefined;
  outcome: DisputeOutcome | undefined;
  reached: readonly DisputeStage[];
}

export function factsOf(record: DisputeRecord): DisputeFacts {
  const closing = record.closing;
  return {
    openedAt: Date.parse(record.item.receivedAt),
    closedAt: closing ? Date.parse(closing.item.receivedAt) : undefined,
    outcome: closing?.payload.outcome,
    reached: record.steps.map((step) => step.stage),
  };
}

export type PeriodUnit = 'week' | 'month';

/** One week or month: the disputes opened in it, resolved in it, ended otherwise in it, and how long those resolved took. */
export interface PeriodCounts {
  /** Its first instant, UTC (epoch ms): a Monday for a week, the 1st for a month. */
  start: number;
  opened: number;
  resolved: number;
  /** Closed as unresolved or referred. */
  ended: number;
  /** The median time from opening to resolution of those resolved in it (ms). */
  medianResolutionMs: number | undefined;
}

export interface DisputeStatistics {
  unit: PeriodUnit;
  periods: PeriodCounts[];
  total: number;
  /** Across every dispute resolved, from opening to resolution (ms). */
  medianResolutionMs: number | undefined;
  /** How many disputes reached each stage (a skipped stage is not reached), then each outcome. */
  reached: { step: DisputeStage | DisputeOutcome; count: number }[];
}

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
/** Up to this many weeks of history are counted by week; beyond, by month, so a chart stays readable. */
export const WEEKS_BEFORE_MONTHS = 12;

/** The first instant of the week (Monday, UTC) or month holding `at`. */
export function periodStart(at: number, unit: PeriodUnit): number {
  const date = new Date(at);
  if (unit === 'month') return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
  const midnight = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  // getUTCDay: Sunday is 0; a week starts on Monday.
  return midnight - ((date.getUTCDay() + 6) % 7) * DAY_MS;
}

function nextPeriod(start: number, unit: PeriodUnit): number {
  if (unit === 'week') return start + WEEK_MS;
  const date = new Date(start);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
}

/** The middle value, or the mean of the two middle ones; undefined for none. */
export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/**
 * The disputes over time, from the week (or month) the first was opened to the one holding
 * `now`, every period counted, empty ones too: by week over up to twelve weeks, by month over
 * a longer span.
 */
export function disputeStatistics(disputes: readonly DisputeFacts[], now: number): DisputeStatistics {
  const first = Math.min(now, ...disputes.map((dispute) => dispute.openedAt));
  const unit: PeriodUnit = now - periodStart(first, 'week') <= WEEKS_BEFORE_MONTHS * WEEK_MS ? 'week' : 'month';
  const periods: PeriodCounts[] = [];
  const durations: number[][] = [];
  for (let start = periodStart(first, unit); start <= now; start = nextPeriod(start, unit)) {
    periods.push({ start, opened: 0, resolved: 0, ended: 0, medianResolutionMs: undefined });
    durations.push([]);
  }
  const slot = (at: number) => periods.findIndex((period, index) => at >= period.start && at < (periods[index + 1]?.start ?? Number.POSITIVE_INFINITY));
  for (const dispute of disputes) {
    const opened = periods[slot(dispute.openedAt)];
    if (opened) opened.opened += 1;
    if (dispute.closedAt === undefined) continue;
    const index = slot(dispute.closedAt);
    const closed = periods[index];
    if (!closed) continue;
    if (dispute.outcome === 'resolved') {
      closed.resolved += 1;
      durations[index]?.push(dispute.closedAt - dispute.openedAt);
    } else closed.ended += 1;
  }
  periods.forEach((period, index) => (period.medianResolutionMs = median(durations[index] ?? [])));
  return {
    unit,
    periods,
    total: disputes.length,
    medianResolutionMs: median(durations.flat()),
    reached: [
      ...DISPUTE_STAGES.map((step) => ({ step, count: disputes.filter((dispute) => dispute.reached.includes(step)).length })),
      ...DISPUTE_OUTCOMES.map((step) => ({ step, count: disputes.filter((dispute) => dispute.outcome === step).length })),
    ],
  };
}
