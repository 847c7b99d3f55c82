import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../i18n/format.ts';
import { LEGEND_ORDER, type LayerToggles, type MapLayerKey } from './map-layers.ts';

/** The layer toggles with what each would show in the chosen window, and the zones' colour key. */
export function MapLegend({
  layers,
  counts,
  open,
  onOpenChange,
  onToggle,
}: {
  layers: LayerToggles;
  counts: Record<MapLayerKey, number>;
  open: boolean;
  onOpenChange(open: boolean): void;
  onToggle(layer: MapLayerKey, on: boolean): void;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <details className="map-legend" open={open} onToggle={(event) => onOpenChange(event.currentTarget.open)} data-testid="map-legend">
      <summary>{t('map.layers.heading')}</summary>
      <ul className="map-legend-layers">
        {LEGEND_ORDER.map((layer) => (
          <li key={layer}>
            <label className="checkbox map-legend-row">
              <input type="checkbox" checked={layers[layer]} onChange={(event) => onToggle(layer, event.currentTarget.checked)} data-testid={`map-layer-${layer}`} />
              <span className={`map-swatch map-swatch-${layer}`} aria-hidden="true" />
              <span className="map-legend-name">{t(`map.layers.${layer}`)}</span>
              <span className="map-count" data-testid={`map-count-${layer}`}>
                {format.number(counts[layer])}
              </span>
            </label>
          </li>
        ))}
      </ul>
      <p className="map-legend-key">
        <span className="map-legend-key-item">
          <span className="map-swatch map-swatch-rule map-rule-no-forces" aria-hidden="true" />
          {t('map.rules.no-forces')}
        </span>
        <span className="map-legend-key-item">
          <span className="map-swatch map-swatch-rule map-rule-limited-forces" aria-hidden="true" />
          {t('map.rules.limited-forces')}
        </span>
      </p>
    </details>
  );
}
