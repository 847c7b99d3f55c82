import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { PIPELINE_STATUSES, RTL_LANGUAGES, type PipelineSummary, type PipelineTotal } from '@fusion-cell/protocol';
import { useFormatters } from '../../i18n/format.ts';
import { useCurrencyName, useMoney } from './money.ts';
import { StatusBadge } from './status-badge.tsx';

/**
 * One bar, drawn as SVG in a box the table cell stretches: no script or style inline, so the
 * page's strict policy holds, and it grows from the side reading starts from. `to` and `from`
 * are shares of the scale, 0 to 1; a lighter part runs on to `reach` (a value range's top).
 */
function Bar({ to, reach = to, status }: { to: number; reach?: number; status: string }) {
  const format = useFormatters();
  const rtl = RTL_LANGUAGES.has(format.language);
  const x = (share: number, width: number) => (rtl ? 100 - share * 100 - width : share * 100);
  const solid = Math.max(to * 100, to > 0 ? 0.8 : 0);
  const light = Math.max((reach - to) * 100, 0);
  return (
    <svg className="pipeline-bar" viewBox="0 0 100 20" preserveAspectRatio="none" aria-hidden="true" focusable="false">
      <rect x={0} y={0} width={100} height={20} className="pipeline-bar-track" />
      {light > 0 && <rect x={x(to, light)} y={2} width={light} height={16} className={`pipeline-bar-range pipeline-fill-${status}`} />}
      {solid > 0 && <rect x={x(0, solid)} y={2} width={solid} height={16} className={`pipeline-fill-${status}`} />}
    </svg>
  );
}

/** How many opportunities stand at each status, in the pipeline's order, those with none included. */
function CountChart({ summary }: { summary: PipelineSummary }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const captionId = useId();
  const max = Math.max(1, ...summary.counts.map((count) => count.count));
  return (
    <figure className="pipeline-figure" data-testid="pipeline-counts" aria-labelledby={captionId}>
      <figcaption id={captionId} className="pipeline-figure-caption">
        {t('commercial.chart.counts')}
      </figcaption>
      <table className="pipeline-bars">
        <thead className="visually-hidden">
          <tr>
            <th scope="col">{t('commercial.chart.status')}</th>
            <th scope="col">{t('commercial.chart.bar')}</th>
            <th scope="col">{t('commercial.chart.count')}</th>
          </tr>
        </thead>
        <tbody>
          {summary.counts.map(({ status, count }) => (
            <tr key={status} data-testid={`pipeline-count-${status}`} data-status={status} data-count={count}>
              <th scope="row">
                <StatusBadge status={status} testId="pipeline-count-status" />
              </th>
              <td className="pipeline-bar-cell">
                <Bar to={count / max} status={status} />
              </td>
              <td className="pipeline-number">{format.number(count)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

/** What the opportunities of each status are worth in one currency: the sum of the ranges' lower ends, and on to their upper ends. */
function ValueChart({ currency, totals }: { currency: string; totals: readonly PipelineTotal[] }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const money = useMoney();
  const currencyName = useCurrencyName();
  const captionId = useId();
  const top = Math.max(1, ...totals.map((total) => total.max));
  const ordered = PIPELINE_STATUSES.flatMap((status) => totals.filter((total) => total.status === status));
  return (
    <figure className="pipeline-figure" data-testid={`pipeline-value-${currency}`} data-currency={currency} aria-labelledby={captionId}>
      <figcaption id={captionId} className="pipeline-figure-caption">
        {t('commercial.chart.values', { currency: currencyName(currency), code: currency })}
      </figcaption>
      <table className="pipeline-bars">
        <thead className="visually-hidden">
          <tr>
            <th scope="col">{t('commercial.chart.status')}</th>
            <th scope="col">{t('commercial.chart.bar')}</th>
            <th scope="col">{t('commercial.chart.total')}</th>
          </tr>
        </thead>
        <tbody>
          {ordered.map((total) => (
            <tr key={total.status} data-status={total.status} data-count={total.count} data-min={total.min} data-max={total.max}>
              <th scope="row">
                <StatusBadge status={total.status} testId="pipeline-value-status" />
              </th>
              <td className="pipeline-bar-cell">
                <Bar to={total.min / top} reach={total.max / top} status={total.status} />
              </td>
              <td className="pipeline-number">
                <bdi title={money.range(total)}>{money.range(total, true)}</bdi>
                <span className="hint pipeline-number-count">{t('commercial.chart.of', { count: format.number(total.count) })}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

/** The pipeline as charts: the count at each status, then the value at each status in each currency (never added across currencies). */
export function PipelineChart({ summary }: { summary: PipelineSummary }) {
  const { t } = useTranslation();
  const headingId = useId();
  const currencies = [...new Set(summary.totals.map((total) => total.currency))];
  return (
    <section className="pipeline-chart" aria-labelledby={headingId} data-testid="pipeline-chart">
      <h3 id={headingId}>{t('commercial.chart.heading')}</h3>
      <CountChart summary={summary} />
      {currencies.length === 0 ? (
        <p className="hint">{t('commercial.chart.noValues')}</p>
      ) : (
        <>
          <p className="hint">{t('commercial.chart.valuesHint')}</p>
          <div className="pipeline-value-charts">
            {currencies.map((currency) => (
              <ValueChart key={currency} currency={currency} totals={summary.totals.filter((total) => total.currency === currency)} />
            ))}
          </div>
        </>
      )}
    </section>
  );
}
