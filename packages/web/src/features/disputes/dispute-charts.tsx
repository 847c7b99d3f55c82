import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { RTL_LANGUAGES } from '@fusion-cell/protocol';
import { useFormatters } from '../../i18n/format.ts';
import { scaleTicks } from '../register/register-chart-data.ts';
import type { DisputeStatistics, PeriodUnit } from './dispute-statistics.ts';
import { formatSpan } from './durations.ts';
import { useStateName } from './state-names.ts';

const HEIGHT = 200;
const PLOT_TOP = 12;
const PLOT_BOTTOM = 168;
const AXIS = 40;
const END_MARGIN = 12;
const BAR = 12;
const GAP = 2;
const GROUP_MARGIN = 14;

/** A period by its first day (a week) or its month, in the reader's language; UTC, as the periods are counted. */
function usePeriodName(unit: PeriodUnit): (start: number) => string {
  const format = useFormatters();
  return useMemo(() => {
    const words = new Intl.DateTimeFormat(format.language, unit === 'week' ? { day: 'numeric', month: 'short', timeZone: 'UTC' } : { month: 'short', year: 'numeric', timeZone: 'UTC' });
    return (start: number) => words.format(start);
  }, [format.language, unit]);
}

interface Series {
  key: string;
  label: string;
  /** One per period; undefined where the period has no value (no dispute resolved in it, for a median). */
  values: readonly (number | undefined)[];
}

/**
 * Columns per period, one per series side by side, drawn as SVG by hand: no script or style
 * inline, so the page's strict policy holds. Periods run in reading order (right to left in
 * Arabic and Hebrew), the scale on the side reading starts from. The same numbers are in a table
 * for screen readers, and each column says its value on hover.
 */
function ColumnChart({ testId, title, summary, periods, series, value, periodName, periodHeading }: { testId: string; title: string; summary: string; periods: readonly number[]; series: readonly Series[]; value: (amount: number | undefined) => string; periodName: (start: number) => string; periodHeading: string }) {
  const format = useFormatters();
  const titleId = useId();
  const descId = useId();
  const rtl = RTL_LANGUAGES.has(format.language);
  const max = Math.max(0, ...series.flatMap((each) => each.values.flatMap((amount) => amount ?? [])));
  const ticks = scaleTicks(max);
  const top = ticks[ticks.length - 1] ?? 1;
  const step = series.length * (BAR + GAP) + GROUP_MARGIN;
  const width = AXIS + periods.length * step + END_MARGIN;
  const y = (amount: number) => PLOT_BOTTOM - (amount / top) * (PLOT_BOTTOM - PLOT_TOP);
  const groupStart = (index: number) => (rtl ? width - AXIS - step * (index + 1) + GROUP_MARGIN / 2 : AXIS + step * index + GROUP_MARGIN / 2);
  const barX = (index: number, position: number) => groupStart(index) + (rtl ? series.length - 1 - position : position) * (BAR + GAP);
  const axisX = rtl ? width - AXIS : AXIS;
  // Labels thin out when periods are many, so none overlaps the next.
  const labelEvery = Math.max(1, Math.ceil(44 / step));
  return (
    <figure className="dispute-chart" data-testid={testId} data-periods={periods.length}>
      <figcaption className="dispute-chart-caption">{title}</figcaption>
      {series.length > 1 && (
        <ul className="dispute-legend">
          {series.map((each) => (
            <li key={each.key}>
              <span className={`dispute-swatch dispute-fill-${each.key}`} aria-hidden="true" />
              {each.label}
            </li>
          ))}
        </ul>
      )}
      <div className="dispute-chart-scroll">
        <svg className="dispute-svg" viewBox={`0 0 ${width} ${HEIGHT}`} width={width} height={HEIGHT} role="img" aria-labelledby={`${titleId} ${descId}`}>
          <title id={titleId}>{title}</title>
          <desc id={descId}>{summary}</desc>
          {ticks.map((tick) => (
            <g key={tick}>
              <line x1={rtl ? 0 : axisX} x2={rtl ? axisX : width} y1={y(tick)} y2={y(tick)} className={tick === 0 ? 'dispute-baseline' : 'dispute-gridline'} />
              <text x={rtl ? axisX + 6 : axisX - 6} y={y(tick)} dy="0.35em" textAnchor={rtl ? 'start' : 'end'} className="dispute-axis-text">
                {format.number(tick)}
              </text>
            </g>
          ))}
          {periods.map((start, index) => (
            <g key={start} data-period={new Date(start).toISOString()}>
              {series.map((each, position) => {
                const amount = each.values[index];
                const height = y(0) - y(amount ?? 0);
                return (
                  <rect key={each.key} x={barX(index, position)} y={y(amount ?? 0)} width={BAR} height={Math.max(height, (amount ?? 0) > 0 ? 1 : 0)} className={`dispute-fill-${each.key}`} data-series={each.key} data-value={amount ?? ''}>
                    <title>{`${periodName(start)} — ${each.label}: ${value(amount)}`}</title>
                  </rect>
                );
              })}
              {index % labelEvery === 0 && (
                <text x={groupStart(index) + (step - GROUP_MARGIN) / 2} y={PLOT_BOTTOM + 20} textAnchor="middle" className="dispute-axis-text">
                  {periodName(start)}
                </text>
              )}
            </g>
          ))}
        </svg>
      </div>
      <div className="visually-hidden">
        <table>
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">{periodHeading}</th>
              {series.map((each) => (
                <th scope="col" key={each.key}>
                  {each.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {periods.map((start, index) => (
              <tr key={start}>
                <th scope="row">{periodName(start)}</th>
                {series.map((each) => (
                  <td key={each.key}>{value(each.values[index])}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}

/** How many disputes reached each stage, then each outcome: a bar per step, its number beside it, in a table. */
function ReachedChart({ statistics }: { statistics: DisputeStatistics }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const stateName = useStateName();
  const captionId = useId();
  const rtl = RTL_LANGUAGES.has(format.language);
  const max = Math.max(1, ...statistics.reached.map((entry) => entry.count));
  return (
    <figure className="dispute-chart" data-testid="dispute-chart-reached" aria-labelledby={captionId}>
      <figcaption id={captionId} className="dispute-chart-caption">
        {t('disputes.stats.reached')}
      </figcaption>
      <table className="dispute-bars">
        <thead className="visually-hidden">
          <tr>
            <th scope="col">{t('disputes.stats.step')}</th>
            <th scope="col">{t('disputes.stats.bar')}</th>
            <th scope="col">{t('disputes.stats.count')}</th>
          </tr>
        </thead>
        <tbody>
          {statistics.reached.map(({ step, count }) => {
            const share = (count / max) * 100;
            return (
              <tr key={step} data-testid={`dispute-reached-${step}`} data-count={count}>
                <th scope="row">{stateName(step)}</th>
                <td className="dispute-bar-cell">
                  <svg className="dispute-bar" viewBox="0 0 100 20" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                    <rect x={0} y={0} width={100} height={20} className="dispute-bar-track" />
                    {count > 0 && <rect x={rtl ? 100 - share : 0} y={2} width={Math.max(share, 0.8)} height={16} className={`dispute-fill-step dispute-fill-step-${step}`} />}
                  </svg>
                </td>
                <td className="dispute-bar-number">{format.number(count)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </figure>
  );
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** The unit the median chart counts in: what its largest value reads well in. */
function durationUnit(max: number): { unit: 'second' | 'minute' | 'hour' | 'day'; size: number } {
  if (max >= 2 * DAY_MS) return { unit: 'day', size: DAY_MS };
  if (max >= 2 * HOUR_MS) return { unit: 'hour', size: HOUR_MS };
  if (max >= 2 * MINUTE_MS) return { unit: 'minute', size: MINUTE_MS };
  return { unit: 'second', size: 1000 };
}

/**
 * The disputes over time, as charts: opened, resolved and ended without resolution per week (or
 * month, over a longer span); the median time from opening to resolution per period, and over
 * all; how many reached each stage and each outcome.
 */
export function DisputeCharts({ statistics }: { statistics: DisputeStatistics }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const headingId = useId();
  const periodName = usePeriodName(statistics.unit);
  const periods = statistics.periods.map((period) => period.start);
  const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);
  const opened = statistics.periods.map((period) => period.opened);
  const resolved = statistics.periods.map((period) => period.resolved);
  const ended = statistics.periods.map((period) => period.ended);
  const medians = statistics.periods.map((period) => period.medianResolutionMs);
  const { unit, size } = durationUnit(Math.max(0, ...medians.flatMap((median) => median ?? [])));
  const inUnit = new Intl.NumberFormat(format.language, { style: 'unit', unit, unitDisplay: 'long', maximumFractionDigits: 1 });
  const periodHeading = t(statistics.unit === 'week' ? 'disputes.stats.week' : 'disputes.stats.month');
  return (
    <section className="dispute-section dispute-stats" aria-labelledby={headingId} data-testid="dispute-stats" data-unit={statistics.unit} data-total={statistics.total}>
      <h2 id={headingId}>{t('disputes.stats.heading')}</h2>
      <p className="hint">{t(statistics.unit === 'week' ? 'disputes.stats.byWeek' : 'disputes.stats.byMonth')}</p>
      <div className="dispute-charts">
        <ColumnChart
          testId="dispute-chart-flow"
          title={t('disputes.stats.flow')}
          summary={t('disputes.stats.flowSummary', { opened: format.number(sum(opened)), resolved: format.number(sum(resolved)), ended: format.number(sum(ended)) })}
          periods={periods}
          series={[
            { key: 'opened', label: t('disputes.stats.opened'), values: opened },
            { key: 'resolved', label: t('disputes.stats.resolved'), values: resolved },
            { key: 'ended', label: t('disputes.stats.ended'), values: ended },
          ]}
          value={(amount) => format.number(amount ?? 0)}
          periodName={periodName}
          periodHeading={periodHeading}
        />
        <div className="dispute-median" data-testid="dispute-median" data-median-ms={statistics.medianResolutionMs ?? ''}>
          <p className="dispute-median-figure">
            {statistics.medianResolutionMs === undefined ? t('disputes.stats.noResolution') : t('disputes.stats.median', { span: formatSpan(statistics.medianResolutionMs, format.language) })}
          </p>
          {statistics.medianResolutionMs !== undefined && (
            <ColumnChart
              testId="dispute-chart-median"
              title={t('disputes.stats.medianChart')}
              summary={t('disputes.stats.median', { span: formatSpan(statistics.medianResolutionMs, format.language) })}
              periods={periods}
              series={[{ key: 'median', label: t('disputes.stats.medianSeries'), values: medians.map((median) => (median === undefined ? undefined : median / size)) }]}
              value={(amount) => (amount === undefined ? t('disputes.stats.noneResolved') : inUnit.format(amount))}
              periodName={periodName}
              periodHeading={periodHeading}
            />
          )}
        </div>
        <ReachedChart statistics={statistics} />
      </div>
    </section>
  );
}
