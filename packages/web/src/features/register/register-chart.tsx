import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { REGISTER_STATUSES, RTL_LANGUAGES } from '@fusion-cell/protocol';
import { usePartyName } from '../../components/use-names.ts';
import { useFormatters } from '../../i18n/format.ts';
import { scaleTicks, UNATTRIBUTED, type PartyChart, type RegisterChart } from './register-chart-data.ts';

const HEIGHT = 200;
const PLOT_TOP = 12;
const PLOT_BOTTOM = 168;
const AXIS = 40;
const STEP = 52;
const BAR = 30;
const END_MARGIN = 12;
/** A segment this tall or taller says its count inside it, so the chart reads without telling colours apart. */
const LABELLED_SEGMENT = 16;

function usePeriodName(): (period: string) => string {
  const format = useFormatters();
  return useMemo(() => {
    const month = new Intl.DateTimeFormat(format.language, { month: 'short', year: 'numeric', timeZone: 'UTC' });
    return (period: string) => {
      const [year = 1970, number = 1] = period.split('-').map(Number);
      return month.format(Date.UTC(year, number - 1, 1));
    };
  }, [format.language]);
}

/** The register's counts as one stacked bar chart per party alleged responsible, with the colour key once above them. */
export function RegisterChartView({ chart }: { chart: RegisterChart }) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <section className="register-chart" aria-labelledby={headingId} data-testid="register-chart">
      <h3 id={headingId}>{t('register.chart.heading')}</h3>
      {chart.charts.length === 0 ? (
        <p className="hint">{t('register.chart.empty')}</p>
      ) : (
        <>
          <ul className="register-legend" aria-label={t('register.chart.legend')}>
            {REGISTER_STATUSES.map((status) => (
              <li key={status}>
                <span className={`register-swatch register-fill-${status}`} aria-hidden="true" />
                {t(`register.statuses.${status}`)}
              </li>
            ))}
          </ul>
          <div className="register-charts">
            {chart.charts.map((party) => (
              <PartyBars key={party.party} party={party} max={chart.max} />
            ))}
          </div>
        </>
      )}
    </section>
  );
}

/**
 * One party's bars, drawn as SVG by hand: no script or style inline, so the page's strict
 * policy holds. Months run in reading order, right to left in Arabic and Hebrew, the scale on
 * the side reading starts from. The same numbers are in a table for screen readers.
 */
function PartyBars({ party, max }: { party: PartyChart; max: number }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const partyName = usePartyName();
  const periodName = usePeriodName();
  const titleId = useId();
  const descId = useId();
  const rtl = RTL_LANGUAGES.has(format.language);
  const name = party.party === UNATTRIBUTED ? t('register.unattributed') : partyName(party.party);
  const ticks = scaleTicks(max);
  const top = ticks[ticks.length - 1] ?? 1;
  const width = AXIS + party.bars.length * STEP + END_MARGIN;
  const y = (value: number) => PLOT_BOTTOM - (value / top) * (PLOT_BOTTOM - PLOT_TOP);
  // The bar's centre: from the scale outwards, whichever side the scale is on.
  const centre = (index: number) => (rtl ? width - AXIS - STEP * index - STEP / 2 : AXIS + STEP * index + STEP / 2);
  const axisX = rtl ? width - AXIS : AXIS;
  const first = party.bars[0]?.period ?? '';
  const last = party.bars[party.bars.length - 1]?.period ?? '';

  return (
    <figure className="register-party-chart" data-testid={`register-chart-${party.party}`} data-total={party.total}>
      <figcaption className="register-party-caption">{t('register.chart.party', { party: name })}</figcaption>
      <svg className="register-svg" viewBox={`0 0 ${width} ${HEIGHT}`} width={width} height={HEIGHT} role="img" aria-labelledby={`${titleId} ${descId}`}>
        <title id={titleId}>{t('register.chart.title', { party: name })}</title>
        <desc id={descId}>{t('register.chart.summary', { total: format.number(party.total), from: periodName(first), to: periodName(last) })}</desc>
        {ticks.map((tick) => (
          <g key={tick} className="register-tick">
            <line x1={rtl ? 0 : axisX} x2={rtl ? axisX : width} y1={y(tick)} y2={y(tick)} className={tick === 0 ? 'register-baseline' : 'register-gridline'} />
            <text x={rtl ? axisX + 6 : axisX - 6} y={y(tick)} dy="0.35em" textAnchor={rtl ? 'start' : 'end'} className="register-axis-text">
              {format.number(tick)}
            </text>
          </g>
        ))}
        {party.bars.map((bar, index) => (
          <g key={bar.period} data-period={bar.period} data-total={bar.total}>
            {bar.segments.map((segment) => {
              const height = y(segment.from) - y(segment.to);
              const words = `${periodName(bar.period)} — ${t(`register.statuses.${segment.status}`)}: ${format.number(segment.count)}`;
              return (
                <g key={segment.status} data-status={segment.status} data-count={segment.count}>
                  <rect x={centre(index) - BAR / 2} y={y(segment.to)} width={BAR} height={height} className={`register-fill-${segment.status} register-segment`}>
                    <title>{words}</title>
                  </rect>
                  {height >= LABELLED_SEGMENT && (
                    <text x={centre(index)} y={y(segment.to) + height / 2} dy="0.35em" textAnchor="middle" className={`register-segment-text register-text-${segment.status}`} aria-hidden="true">
                      {format.number(segment.count)}
                    </text>
                  )}
                </g>
              );
            })}
            <text x={centre(index)} y={PLOT_BOTTOM + 20} textAnchor="middle" className="register-axis-text">
              {periodName(bar.period)}
            </text>
          </g>
        ))}
      </svg>
      {/* A table does not shrink to the hiding class's single pixel: its wrapper does. */}
      <div className="visually-hidden">
        <table>
          <caption>{t('register.chart.title', { party: name })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('register.chart.month')}</th>
              {REGISTER_STATUSES.map((status) => (
                <th scope="col" key={status}>
                  {t(`register.statuses.${status}`)}
                </th>
              ))}
              <th scope="col">{t('register.chart.total')}</th>
            </tr>
          </thead>
          <tbody>
            {party.bars.map((bar) => (
              <tr key={bar.period}>
                <th scope="row">{periodName(bar.period)}</th>
                {REGISTER_STATUSES.map((status) => (
                  <td key={status}>{format.number(bar.segments.find((segment) => segment.status === status)?.count ?? 0)}</td>
                ))}
                <td>{format.number(bar.total)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
