import type { LonLatBounds, MapFeature, MapGeometry, TimeWindow } from './map-feature.ts';

/** The legend's toggles, in the order the legend lists them and the map stacks them (last on top). */
export const MAP_LAYERS = ['zones-superseded', 'zones-proposed', 'zones-in-force', 'notices', 'findings', 'reports', 'incidents'] as const;
export type MapLayerKey = (typeof MAP_LAYERS)[number];
export type LayerToggles = Record<MapLayerKey, boolean>;

/** Superseded zones are history: shown only when asked for, so they never pass for a live line. */
export const DEFAULT_LAYERS: LayerToggles = {
  'zones-in-force': true,
  'zones-proposed': true,
  'zones-superseded': false,
  notices: true,
  incidents: true,
  findings: true,
  reports: true,
};

/** The legend lists what is in force first: that is what the watch acts on. */
export const LEGEND_ORDER: readonly MapLayerKey[] = ['zones-in-force', 'zones-proposed', 'zones-superseded', 'notices', 'incidents', 'findings', 'reports'];

/** About lon 34–37.5, lat 31–34.5: Lebanon, the Golan, northern Israel and southern Syria. */
export const LEVANT_BOUNDS: LonLatBounds = [
  [34, 31],
  [37.5, 34.5],
];

const HOUR = 3_600_000;

export function layerOf(feature: MapFeature): MapLayerKey {
  switch (feature.kind) {
    case 'zone':
      if (feature.status === 'in-force') return 'zones-in-force';
      if (feature.status === 'superseded') return 'zones-superseded';
      // A state this map does not know is never drawn as in force.
      return 'zones-proposed';
    case 'notice':
      return 'notices';
    case 'incident':
      return 'incidents';
    case 'finding':
      return 'findings';
    case 'report':
      return 'reports';
  }
}

/**
 * Whether the feature belongs in the chosen window. Zones and findings hold whatever the
 * window; a notice shows when its activity overlaps it, an incident when it happened in it.
 * One without its time is shown rather than silently dropped.
 */
export function isInWindow(feature: MapFeature, window: TimeWindow): boolean {
  if (feature.kind === 'notice' && feature.window !== undefined) return feature.window.from <= window.to && feature.window.to >= window.from;
  if ((feature.kind === 'incident' || feature.kind === 'report') && feature.at !== undefined) return feature.at >= window.from && feature.at <= window.to;
  return true;
}

/** What the map draws and the list offers, in the legend's order, labels alphabetical within a layer. */
export function visibleFeatures(features: readonly MapFeature[], window: TimeWindow, layers: LayerToggles, language = 'en'): MapFeature[] {
  const collator = new Intl.Collator(language);
  const rank = (feature: MapFeature) => LEGEND_ORDER.indexOf(layerOf(feature));
  return features
    .filter((feature) => layers[layerOf(feature)] && isInWindow(feature, window))
    .sort((a, b) => rank(a) - rank(b) || collator.compare(a.label, b.label));
}

/** Per toggle, how many features it would show in the chosen window, whether it is on or not. */
export function layerCounts(features: readonly MapFeature[], window: TimeWindow): Record<MapLayerKey, number> {
  const counts = Object.fromEntries(MAP_LAYERS.map((layer) => [layer, 0])) as Record<MapLayerKey, number>;
  for (const feature of features) if (isInWindow(feature, window)) counts[layerOf(feature)] += 1;
  return counts;
}

/**
 * How a feature is drawn. Colours live in map.css under these classes (one place for the map and
 * its legend, and a dark palette); what SVG attributes carry (dashes, widths, opacity) is here.
 */
export interface FeatureStyle {
  className: string;
  weight: number;
  dashArray?: string;
  fill: boolean;
  fillOpacity: number;
  /** Filled with the notice hatching rather than a flat colour. */
  hatch: boolean;
  /** Circle markers, for points. */
  radius?: number;
}

export function featureStyle(feature: MapFeature): FeatureStyle {
  const point = feature.geometry.type === 'Point';
  const base = `map-shape map-shape-${feature.kind}`;
  switch (feature.kind) {
    case 'zone': {
      const rule = feature.rule === 'limited-forces' ? 'map-rule-limited-forces' : 'map-rule-no-forces';
      const layer = layerOf(feature);
      const className = `${base} map-${layer} ${rule}`;
      if (layer === 'zones-in-force') return { className, weight: 2, fill: true, fillOpacity: 0.35, hatch: false, ...(point ? { radius: 8 } : {}) };
      if (layer === 'zones-proposed') return { className, weight: 2.5, dashArray: '8 6', fill: true, fillOpacity: 0.08, hatch: false, ...(point ? { radius: 8 } : {}) };
      return { className, weight: 1.5, dashArray: '2 6', fill: true, fillOpacity: 0.04, hatch: false, ...(point ? { radius: 8 } : {}) };
    }
    case 'notice': {
      // An amended notice was replaced by a later one; a cancelled one no longer holds.
      const current = feature.status === 'active';
      const className = `${base} ${current ? 'map-notice-active' : 'map-notice-past'}`;
      if (point) return { className, weight: 2, fill: true, fillOpacity: current ? 0.8 : 0.2, hatch: false, radius: 7, ...(current ? {} : { dashArray: '3 4' }) };
      if (current) return { className: `${className} map-hatched`, weight: 2, fill: true, fillOpacity: 1, hatch: true };
      return { className, weight: 1.5, dashArray: '3 5', fill: true, fillOpacity: 0.06, hatch: false };
    }
    case 'incident':
      return point ? { className: base, weight: 2, fill: true, fillOpacity: 0.85, hatch: false, radius: 7 } : { className: base, weight: 2, fill: true, fillOpacity: 0.3, hatch: false };
    case 'report':
      // A report's location: drawn lighter than an incident, which is what the watch acts on.
      return point ? { className: base, weight: 2, fill: true, fillOpacity: 0.7, hatch: false, radius: 6 } : { className: base, weight: 2, dashArray: '4 3', fill: true, fillOpacity: 0.15, hatch: false };
    case 'finding':
      // An outline only: it sits over its subject, which must stay readable under it.
      return point ? { className: base, weight: 3, fill: false, fillOpacity: 0, hatch: false, radius: 13 } : { className: base, weight: 4, dashArray: '10 5', fill: false, fillOpacity: 0, hatch: false };
  }
}

function eachPosition(geometry: MapGeometry, visit: (position: number[]) => void): void {
  if (geometry.type === 'Point') visit(geometry.coordinates);
  else if (geometry.type === 'Polygon') for (const ring of geometry.coordinates) for (const position of ring) visit(position);
  else for (const polygon of geometry.coordinates) for (const ring of polygon) for (const position of ring) visit(position);
}

/**
 * The bounds holding every feature, for `initialBounds`; undefined when there is nothing to fit.
 * A lone point gets a margin, so fitting to it does not zoom in to the last level.
 */
export function featureBounds(features: readonly MapFeature[], margin = 0.05): LonLatBounds | undefined {
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  for (const feature of features) {
    eachPosition(feature.geometry, ([lon, lat]) => {
      if (lon === undefined || lat === undefined || !Number.isFinite(lon) || !Number.isFinite(lat)) return;
      west = Math.min(west, lon);
      east = Math.max(east, lon);
      south = Math.min(south, lat);
      north = Math.max(north, lat);
    });
  }
  if (west > east) return undefined;
  return [
    [Math.max(-180, west - margin), Math.max(-90, south - margin)],
    [Math.min(180, east + margin), Math.min(90, north + margin)],
  ];
}

/** Leaflet's order: [[south, west], [north, east]]. */
export function toLatLngBounds([[west, south], [east, north]]: LonLatBounds): [[number, number], [number, number]] {
  return [
    [south, west],
    [north, east],
  ];
}

/** Twice the signed area; positive when the ring runs counterclockwise (x east, y north). */
function signedArea(ring: readonly number[][]): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i += 1) {
    const [x1 = 0, y1 = 0] = ring[i] ?? [];
    const [x2 = 0, y2 = 0] = ring[i + 1] ?? [];
    sum += x1 * y2 - x2 * y1;
  }
  return sum;
}

/**
 * A drawn outer ring as an RFC 7946 polygon: [lon, lat] positions, closed on exactly its first
 * position, counterclockwise as RFC 7946 §3.1.6 advises, with repeated clicks on one spot dropped.
 * Undefined when fewer than three distinct corners remain.
 */
export function drawnPolygon(ring: readonly number[][]): { type: 'Polygon'; coordinates: number[][][] } | undefined {
  const positions: [number, number][] = [];
  for (const [lon, lat] of ring) {
    if (lon === undefined || lat === undefined || !Number.isFinite(lon) || !Number.isFinite(lat)) continue;
    const last = positions[positions.length - 1];
    if (last !== undefined && last[0] === lon && last[1] === lat) continue;
    positions.push([lon, lat]);
  }
  const first = positions[0];
  const last = positions[positions.length - 1];
  if (first !== undefined && last !== undefined && positions.length > 1 && first[0] === last[0] && first[1] === last[1]) positions.pop();
  if (first === undefined || positions.length < 3) return undefined;
  const closed = [...positions, [first[0], first[1]]];
  return { type: 'Polygon', coordinates: [signedArea(closed) < 0 ? closed.reverse() : closed] };
}

/** The slider works in whole hours from the start of its range. */
export function hoursFrom(range: TimeWindow, at: number): number {
  const span = Math.max(0, Math.round((range.to - range.from) / HOUR));
  return Math.min(span, Math.max(0, Math.round((at - range.from) / HOUR)));
}

export function sliderSpan(range: TimeWindow): number {
  return hoursFrom(range, range.to);
}

/** The window after one of its ends moved: the other end is pushed along, never crossed. */
export function moveWindowEnd(range: TimeWindow, window: TimeWindow, end: 'from' | 'to', hours: number): TimeWindow {
  const at = Math.min(range.to, Math.max(range.from, range.from + hours * HOUR));
  if (end === 'from') return { from: at, to: Math.max(at, window.to) };
  return { from: Math.min(at, window.from), to: at };
}
