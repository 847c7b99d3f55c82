import { useCallback, useEffect, useId, useMemo, useRef, useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { RTL_LANGUAGES } from '@fusion-cell/protocol';
import { useLanguage } from '../../i18n/use-language.ts';
import { loadBaseMap } from './base-map.ts';
import type { LonLatBounds, MapFeature, TimeWindow } from './map-feature.ts';
import { MapDrawToolbar, type DrawPhase } from './map-draw-toolbar.tsx';
import { MapFeatureList } from './map-feature-list.tsx';
import { DEFAULT_LAYERS, layerCounts, LEVANT_BOUNDS, visibleFeatures, type LayerToggles } from './map-layers.ts';
import { MapLegend } from './map-legend.tsx';
import { MapTimeSlider } from './map-time-slider.tsx';
import { MapView } from './map-view.ts';
import 'leaflet/dist/leaflet.css';
import '@geoman-io/leaflet-geoman-free/dist/leaflet-geoman.css';
import './map.css';

export interface DeescalationMapProps {
  features: readonly MapFeature[];
  /** The time window the slider chose; notices outside it are hidden; zones always shown. */
  window: TimeWindow;
  onWindowChange(window: TimeWindow): void;
  /** The range the slider spans (e.g. 14 days back to 30 days ahead). */
  range: TimeWindow;
  onSelect(id: string): void;
  /** When set, the user draws one polygon; the map calls onDrawn with it (RFC 7946 [lon,lat], closed ring) and leaves drawing mode. */
  drawing?: { onDrawn(area: { type: 'Polygon'; coordinates: number[][][] }): void; onCancel(): void };
  /** [[west, south], [east, north]] in degrees, fitted on first show; defaults to the Levant. `featureBounds(features)` computes it. */
  initialBounds?: LonLatBounds;
}

type BaseMapState = 'loading' | 'loaded' | 'failed';

/**
 * The de-escalation map: agreed zones by state and rule, activity notices in the chosen time
 * window, incidents and flagged findings, over an offline base map of country outlines. Beside
 * it, the layer toggles, the time window and a list of what it shows, which also follow the
 * page's direction; the map itself stays left-to-right, since coordinates do not mirror.
 */
export function DeescalationMap(props: DeescalationMapProps): JSX.Element {
  const { features, range, onWindowChange, drawing } = props;
  const timeWindow = props.window;
  const { t } = useTranslation();
  const language = useLanguage();
  const rtl = RTL_LANGUAGES.has(language);
  const hatchId = `map-hatch-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const canvasHint = useId();

  const [layers, setLayers] = useState<LayerToggles>(DEFAULT_LAYERS);
  // Open beside a wide map; folded on a phone, where it would push the map off the screen.
  const [legendOpen, setLegendOpen] = useState(() => globalThis.matchMedia?.('(min-width: 48rem)').matches ?? true);
  const [baseMap, setBaseMap] = useState<BaseMapState>('loading');
  const [baseMapAttempt, setBaseMapAttempt] = useState(0);
  const [draw, setDraw] = useState<DrawPhase>({ phase: 'idle' });

  const visible = useMemo(() => visibleFeatures(features, timeWindow, layers, language), [features, timeWindow, layers, language]);
  const counts = useMemo(() => layerCounts(features, timeWindow), [features, timeWindow]);

  const canvasRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<MapView | undefined>(undefined);
  // Leaflet's handlers are bound once; they read the caller's latest callbacks from here.
  const callbacks = useRef({ onSelect: props.onSelect, drawing });
  useEffect(() => {
    callbacks.current = { onSelect: props.onSelect, drawing };
  });
  // Only the first bounds count: the map is not refitted under a member who has panned.
  const initialBounds = useRef(props.initialBounds ?? LEVANT_BOUNDS);
  const titles = useRef({ rtl, zoomIn: t('map.zoomIn'), zoomOut: t('map.zoomOut') });

  useEffect(() => {
    const canvas = canvasRef.current;
    if (canvas === null) return;
    const view = new MapView(canvas, {
      bounds: initialBounds.current,
      rtl: titles.current.rtl,
      zoomInTitle: titles.current.zoomIn,
      zoomOutTitle: titles.current.zoomOut,
      hatchId,
      onSelect: (id) => callbacks.current.onSelect(id),
    });
    viewRef.current = view;
    const observer = new ResizeObserver(() => view.resized());
    observer.observe(canvas);
    return () => {
      observer.disconnect();
      view.destroy();
      viewRef.current = undefined;
    };
  }, [hatchId]);

  useEffect(() => {
    viewRef.current?.setDirection(rtl, t('map.zoomIn'), t('map.zoomOut'));
  }, [rtl, t]);

  useEffect(() => {
    let current = true;
    setBaseMap('loading');
    loadBaseMap().then(
      (base) => {
        if (!current) return;
        viewRef.current?.setBaseMap(base);
        setBaseMap('loaded');
      },
      () => {
        if (current) setBaseMap('failed');
      },
    );
    return () => {
      current = false;
    };
  }, [baseMapAttempt]);

  useEffect(() => {
    const view = viewRef.current;
    const canvas = canvasRef.current;
    if (view === undefined || canvas === null) return;
    // Read by tests and by whoever measures how long a large record takes to draw.
    canvas.dataset.shown = String(view.setFeatures(visible));
  }, [visible]);

  const cancelDrawing = useCallback(() => {
    viewRef.current?.stopDrawing();
    setDraw({ phase: 'idle' });
    callbacks.current.drawing?.onCancel();
  }, []);

  const startDrawing = useCallback(() => {
    const view = viewRef.current;
    if (view === undefined) return;
    setDraw({ phase: 'loading' });
    view
      .startDrawing({
        onVertices: (vertices) => setDraw({ phase: 'drawing', vertices, crossing: false }),
        onIntersect: () => setDraw((state) => (state.phase === 'drawing' ? { ...state, crossing: true } : state)),
        onDrawn: (area) => {
          setDraw({ phase: 'idle' });
          callbacks.current.drawing?.onDrawn(area);
        },
      })
      .catch(() => setDraw({ phase: 'failed' }));
  }, []);

  const drawingOffered = drawing !== undefined;
  const drawingActive = draw.phase === 'drawing' || draw.phase === 'loading';
  // The caller withdrew drawing (another view, the form closed): leave the mode quietly.
  useEffect(() => {
    if (!drawingOffered && drawingActive) {
      viewRef.current?.stopDrawing();
      setDraw({ phase: 'idle' });
    }
  }, [drawingOffered, drawingActive]);

  useEffect(() => {
    if (!drawingActive) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') cancelDrawing();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [drawingActive, cancelDrawing]);

  const highlight = useCallback((id: string | undefined) => viewRef.current?.highlight(id), []);

  return (
    <section className="fusion-map" aria-label={t('map.region')} data-testid="deescalation-map" data-base-map={baseMap}>
      {(drawingOffered || baseMap !== 'loaded') && (
        <div className="map-toolbar">
          {drawingOffered && (
            <MapDrawToolbar
              state={draw}
              onStart={startDrawing}
              onFinish={() => viewRef.current?.finishDrawing()}
              onUndo={() => viewRef.current?.undoVertex()}
              onCancel={cancelDrawing}
            />
          )}
          {baseMap === 'loading' && <p className="hint map-base-status">{t('map.baseMap.loading')}</p>}
          {baseMap === 'failed' && (
            <p className="message message-warning map-base-status" role="status">
              {t('map.baseMap.failed')}{' '}
              <button type="button" className="button" onClick={() => setBaseMapAttempt((attempt) => attempt + 1)}>
                {t('map.baseMap.retry')}
              </button>
            </p>
          )}
        </div>
      )}
      <div className="map-layout">
        <div className="map-main">
          <div
            ref={canvasRef}
            // Static: Leaflet adds its own classes to this element, which a changing className would wipe.
            className="map-canvas"
            dir="ltr"
            role="region"
            aria-label={t('map.canvas')}
            aria-describedby={canvasHint}
            data-testid="map-canvas"
          />
          <p id={canvasHint} className="visually-hidden">
            {t('map.canvasHint')}
          </p>
          <MapTimeSlider range={range} window={timeWindow} onWindowChange={onWindowChange} />
        </div>
        <div className="map-side">
          <MapLegend layers={layers} counts={counts} open={legendOpen} onOpenChange={setLegendOpen} onToggle={(layer, on) => setLayers((current) => ({ ...current, [layer]: on }))} />
          <MapFeatureList features={visible} onSelect={(id) => callbacks.current.onSelect(id)} onHighlight={highlight} />
        </div>
      </div>
    </section>
  );
}
