import L from 'leaflet';
import type { BaseMap } from './base-map.ts';
import { geomanOf, polygonDrawing } from './geoman.ts';
import type { LonLatBounds, MapFeature } from './map-feature.ts';
import { drawnPolygon, featureStyle, layerOf, MAP_LAYERS, toLatLngBounds, type MapLayerKey } from './map-layers.ts';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Panes stack by z-index in map.css: the base map, then each layer in MAP_LAYERS order, then drawing. */
const paneName = (layer: MapLayerKey | 'base' | 'drawing') => `fc-${layer}`;

export interface MapViewOptions {
  bounds: LonLatBounds;
  rtl: boolean;
  zoomInTitle: string;
  zoomOutTitle: string;
  /** Unique in the page: the notices' hatching is an SVG pattern found by id. */
  hatchId: string;
  onSelect(id: string): void;
}

export interface DrawHandlers {
  onVertices(count: number): void;
  onIntersect(): void;
  onDrawn(area: { type: 'Polygon'; coordinates: number[][][] }): void;
}

interface Shown {
  feature: MapFeature;
  layer: L.Path;
}

/** Same drawing: a feature rebuilt by the caller with equal content keeps its layer. */
function sameDrawing(a: MapFeature, b: MapFeature): boolean {
  if (a === b) return true;
  return (
    a.kind === b.kind &&
    a.status === b.status &&
    a.rule === b.rule &&
    a.label === b.label &&
    (a.geometry === b.geometry || JSON.stringify(a.geometry) === JSON.stringify(b.geometry))
  );
}

function tooltipContent(label: string): HTMLElement {
  // An element, not a string: Leaflet puts strings in as HTML, and labels are what members typed.
  const span = document.createElement('span');
  span.dir = 'auto';
  span.textContent = label;
  return span;
}

/**
 * The Leaflet side of the map: panes, the base map, one layer per feature (kept across updates,
 * so moving the time slider only adds and removes), and Geoman's polygon drawing.
 */
export class MapView {
  readonly map: L.Map;
  private readonly options: MapViewOptions;
  private readonly renderers = new Map<string, L.Renderer>();
  private readonly shown = new Map<string, Shown>();
  private zoom: L.Control.Zoom | undefined;
  private drawing: { handlers: DrawHandlers; off: () => void } | undefined;
  private fittedWithSize: boolean;
  private destroyed = false;

  constructor(container: HTMLElement, options: MapViewOptions) {
    this.options = options;
    this.map = L.map(container, {
      zoomControl: false,
      attributionControl: false,
      minZoom: 3,
      maxZoom: 16,
      zoomSnap: 0.5,
      maxBounds: [
        [-89, -200],
        [89, 200],
      ],
      maxBoundsViscosity: 0.8,
      pmIgnore: true,
    });
    // Panes and renderers wait for the map to have a view before they are added.
    this.map.fitBounds(toLatLngBounds(options.bounds));
    this.fittedWithSize = this.map.getSize().x > 0;
    for (const name of ['base', ...MAP_LAYERS, 'drawing'] as const) {
      const pane = paneName(name);
      this.map.createPane(pane);
      const renderer = L.svg({ pane, padding: 0.5 });
      this.map.addLayer(renderer);
      this.renderers.set(pane, renderer);
    }
    this.addHatchPattern();
    L.control.attribution({ prefix: false, position: 'bottomright' }).addAttribution('Natural Earth').addTo(this.map);
    this.setDirection(options.rtl, options.zoomInTitle, options.zoomOutTitle);
  }

  /** After the container changed size; a map first laid out at no size is fitted again. */
  resized(): void {
    this.map.invalidateSize();
    if (!this.fittedWithSize && this.map.getSize().x > 0) {
      this.fittedWithSize = true;
      this.map.fitBounds(toLatLngBounds(this.options.bounds));
    }
  }

  /** The zoom buttons sit at the inline start: top left, or top right for Arabic and Hebrew. */
  setDirection(rtl: boolean, zoomInTitle: string, zoomOutTitle: string): void {
    this.zoom?.remove();
    this.zoom = L.control.zoom({ position: rtl ? 'topright' : 'topleft', zoomInTitle, zoomOutTitle }).addTo(this.map);
  }

  private addHatchPattern(): void {
    const svg = this.map.getPane(paneName('notices'))?.querySelector('svg');
    if (svg == null) return;
    const defs = document.createElementNS(SVG_NS, 'defs');
    const pattern = document.createElementNS(SVG_NS, 'pattern');
    pattern.setAttribute('id', this.options.hatchId);
    pattern.setAttribute('patternUnits', 'userSpaceOnUse');
    pattern.setAttribute('width', '9');
    pattern.setAttribute('height', '9');
    pattern.setAttribute('patternTransform', 'rotate(45)');
    const ground = document.createElementNS(SVG_NS, 'rect');
    ground.setAttribute('width', '9');
    ground.setAttribute('height', '9');
    ground.setAttribute('class', 'map-hatch-ground');
    const line = document.createElementNS(SVG_NS, 'rect');
    line.setAttribute('width', '3.5');
    line.setAttribute('height', '9');
    line.setAttribute('class', 'map-hatch-line');
    pattern.append(ground, line);
    defs.append(pattern);
    svg.prepend(defs);
  }

  setBaseMap(base: BaseMap): void {
    const renderer = this.renderers.get(paneName('base'));
    const options = { pane: paneName('base'), interactive: false, pmIgnore: true, ...(renderer ? { renderer } : {}) };
    L.geoJSON(base.land, { ...options, style: () => ({ className: 'map-land', weight: 0.8, fillOpacity: 1 }) }).addTo(this.map);
    L.geoJSON(base.borders, { ...options, style: () => ({ className: 'map-border', weight: 1, fill: false }) }).addTo(this.map);
  }

  /** Draws exactly these features; returns how many are on the map. */
  setFeatures(features: readonly MapFeature[]): number {
    const next = new Map<string, MapFeature>();
    features.forEach((feature, index) => {
      // Ids are item ids, unique per kind; the index only separates a caller's duplicates.
      const key = `${feature.kind}:${feature.id}`;
      next.set(next.has(key) ? `${key}#${index}` : key, feature);
    });
    for (const [key, shown] of this.shown) {
      const wanted = next.get(key);
      if (wanted === undefined || !sameDrawing(shown.feature, wanted)) {
        shown.layer.remove();
        this.shown.delete(key);
      }
    }
    for (const [key, feature] of next) {
      if (this.shown.has(key)) continue;
      const layer = this.layerFor(feature);
      if (layer === undefined) continue;
      layer.addTo(this.map);
      this.shown.set(key, { feature, layer });
    }
    return this.shown.size;
  }

  private layerFor(feature: MapFeature): L.Path | undefined {
    const style = featureStyle(feature);
    const pane = paneName(layerOf(feature));
    const renderer = this.renderers.get(pane);
    const options: L.PathOptions = {
      pane,
      ...(renderer ? { renderer } : {}),
      className: style.className,
      weight: style.weight,
      fill: style.fill,
      fillOpacity: style.fillOpacity,
      bubblingMouseEvents: false,
      pmIgnore: true,
      ...(style.dashArray === undefined ? {} : { dashArray: style.dashArray }),
      // Leaflet writes fillColor into the SVG fill attribute, which takes a pattern reference.
      ...(style.hatch ? { fillColor: `url(#${this.options.hatchId})` } : {}),
    };
    const { geometry } = feature;
    let layer: L.Path;
    try {
      if (geometry.type === 'Point') {
        const [lon, lat] = geometry.coordinates;
        layer = L.circleMarker([lat, lon], { ...options, radius: style.radius ?? 7 });
      } else {
        const latLngs = L.GeoJSON.coordsToLatLngs(geometry.coordinates, geometry.type === 'Polygon' ? 1 : 2) as L.LatLngExpression[][];
        layer = L.polygon(latLngs, options);
      }
    } catch {
      // A malformed geometry is left out rather than taking the whole map down.
      return undefined;
    }
    layer.bindTooltip(() => tooltipContent(feature.label), { sticky: true, direction: 'top', className: 'map-tooltip' });
    layer.on('click', () => {
      if (this.drawing === undefined) this.options.onSelect(feature.id);
    });
    return layer;
  }

  /** Outlines the feature the list has focus on, so a keyboard user sees where it is. */
  highlight(id: string | undefined): void {
    for (const { feature, layer } of this.shown.values()) {
      const element = layer.getElement();
      if (element === undefined) continue;
      const on = feature.id === id;
      element.classList.toggle('map-shape-highlight', on);
      if (on) layer.bringToFront();
    }
  }

  fitBounds(bounds: LonLatBounds): void {
    this.map.fitBounds(toLatLngBounds(bounds));
  }

  async startDrawing(handlers: DrawHandlers): Promise<void> {
    this.stopDrawing();
    // Clicks on shapes place corners from now on, even while Geoman is still loading.
    const drawing = { handlers, off: () => {} };
    this.drawing = drawing;
    this.map.getContainer().classList.add('map-drawing');
    let pm: L.PM.PMMap;
    try {
      pm = await geomanOf(this.map);
    } catch (error) {
      this.stopDrawing(false);
      throw error;
    }
    // Cancelled, or started again, while Geoman was loading.
    if (this.destroyed || this.drawing !== drawing) return;
    const onDrawStart = (event: { workingLayer: L.Layer }) => {
      const working = event.workingLayer as L.Polyline;
      const count = () => handlers.onVertices((working.getLatLngs() as L.LatLng[]).length);
      working.on('pm:vertexadded pm:vertexremoved', count);
      count();
    };
    const onCreate = (event: { layer: L.Layer }) => {
      const polygon = event.layer as L.Polygon;
      const geoJson = polygon.toGeoJSON(7).geometry;
      polygon.remove();
      this.stopDrawing(false);
      const ring = geoJson.type === 'Polygon' ? geoJson.coordinates[0] : undefined;
      const area = ring === undefined ? undefined : drawnPolygon(ring);
      if (area !== undefined) handlers.onDrawn(area);
    };
    const onIntersect = () => handlers.onIntersect();
    this.map.on('pm:drawstart', onDrawStart);
    this.map.on('pm:create', onCreate);
    this.map.on('pm:intersect', onIntersect);
    drawing.off = () => {
      this.map.off('pm:drawstart', onDrawStart);
      this.map.off('pm:create', onCreate);
      this.map.off('pm:intersect', onIntersect);
    };
    pm.setGlobalOptions({ panes: { layerPane: paneName('drawing'), vertexPane: 'markerPane', markerPane: 'markerPane' } });
    pm.enableDraw('Polygon', {
      allowSelfIntersection: false,
      // The steps are said beside the map, in the member's language; Geoman has no Arabic or Hebrew.
      tooltips: false,
      snappable: true,
      continueDrawing: false,
      templineStyle: { className: 'map-draw-line', weight: 3 },
      hintlineStyle: { className: 'map-draw-hint', weight: 2, dashArray: '5 5' },
      pathOptions: { className: 'map-draw-area' },
    });
  }

  finishDrawing(): void {
    if (this.drawing !== undefined && this.map.pm !== undefined) polygonDrawing(this.map.pm)._finishShape();
  }

  undoVertex(): void {
    if (this.drawing === undefined || this.map.pm === undefined) return;
    const drawing = this.drawing;
    polygonDrawing(this.map.pm)._removeLastVertex();
    // Removing the only corner ends Geoman's drawing; start again rather than leave the mode.
    if (!this.map.pm.globalDrawModeEnabled()) void this.startDrawing(drawing.handlers);
  }

  stopDrawing(disable = true): void {
    if (this.drawing === undefined) return;
    this.drawing.off();
    this.drawing = undefined;
    this.map.getContainer().classList.remove('map-drawing');
    if (disable) this.map.pm?.disableDraw();
  }

  destroy(): void {
    this.destroyed = true;
    this.stopDrawing();
    this.map.remove();
  }
}
