import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../i18n/format.ts';
import type { MapFeature } from './map-feature.ts';
import { layerOf } from './map-layers.ts';

const STATUSES = ['in-force', 'proposed', 'superseded', 'active', 'cancelled', 'amended', 'reported', 'flagged'] as const;
type KnownStatus = (typeof STATUSES)[number];
const isKnownStatus = (status: string): status is KnownStatus => (STATUSES as readonly string[]).includes(status);

/**
 * Every feature the map shows, as buttons: the map's shapes cannot take keyboard focus, so this
 * is how a keyboard or screen reader user reaches them. Focus or hover outlines the shape.
 */
export function MapFeatureList({ features, onSelect, onHighlight }: { features: readonly MapFeature[]; onSelect(id: string): void; onHighlight(id: string | undefined): void }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const headingId = useId();
  const when = useMemo(() => new Intl.DateTimeFormat(format.language, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }), [format.language]);
  const time = (feature: MapFeature): string | undefined => {
    if (feature.kind === 'notice' && feature.window !== undefined) return when.formatRange(feature.window.from, Math.max(feature.window.from, feature.window.to));
    if ((feature.kind === 'incident' || feature.kind === 'report') && feature.at !== undefined) return when.format(feature.at);
    return undefined;
  };
  return (
    <section className="map-list" aria-labelledby={headingId} data-testid="map-list">
      <h3 id={headingId} className="map-list-heading">
        {t('map.list.heading')} <span className="map-count">{format.number(features.length)}</span>
      </h3>
      {features.length === 0 ? (
        <p className="hint">{t('map.list.empty')}</p>
      ) : (
        <ul className="map-list-items">
          {features.map((feature, index) => {
            const at = time(feature);
            const meta = [
              t(`map.kinds.${feature.kind}`),
              ...(feature.kind === 'zone' && feature.rule !== undefined ? [t(`map.rules.${feature.rule}`)] : []),
              isKnownStatus(feature.status) ? t(`map.statuses.${feature.status}`) : feature.status,
              ...(at === undefined ? [] : [at]),
            ];
            return (
              <li key={`${feature.kind}:${feature.id}:${index}`}>
                <button
                  type="button"
                  className="map-list-button"
                  onClick={() => onSelect(feature.id)}
                  onFocus={() => onHighlight(feature.id)}
                  onBlur={() => onHighlight(undefined)}
                  onMouseEnter={() => onHighlight(feature.id)}
                  onMouseLeave={() => onHighlight(undefined)}
                  data-testid={`map-item-${feature.id}`}
                >
                  <span className={`map-swatch map-swatch-${layerOf(feature)}${feature.rule === undefined ? '' : ` map-rule-${feature.rule}`}`} aria-hidden="true" />
                  <span className="map-list-text">
                    <bdi className="map-list-label">{feature.label}</bdi>
                    <span className="map-list-meta">{meta.join(' · ')}</span>
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
