import { describe, expect, it } from 'vitest';
import type { MapFeature } from '../src/features/map/map-feature.ts';
import {
  DEFAULT_LAYERS,
  drawnPolygon,
  featureBounds,
  featureStyle,
  hoursFrom,
  isInWindow,
  layerCounts,
  layerOf,
  LEVANT_BOUNDS,
  moveWindowEnd,
  sliderSpan,
  toLatLngBounds,
  visibleFeatures,
  type LayerToggles,
} from '../src/features/map/map-layers.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2026, 5, 1, 12);

const square = (lon: number, lat: number, size = 0.1): MapFeature['geometry'] => ({
  type: 'Polygon',
  coordinates: [
    [
      [lon, lat],
      [lon + size, lat],
      [lon + size, lat + size],
      [lon, lat + size],
      [lon, lat],
    ],
  ],
});

const zone = (id: string, status: string, rule: MapFeature['rule'] = 'no-forces'): MapFeature => ({ id, kind: 'zone', status, rule, label: id, geometry: square(35.7, 33) });
const notice = (id: string, from: number, to: number, status = 'active'): MapFeature => ({ id, kind: 'notice', status, label: id, window: { from, to }, geometry: square(35.6, 33.2) });
const incident = (id: string, at: number): MapFeature => ({ id, kind: 'incident', status: 'reported', label: id, at, geometry: { type: 'Point', coordinates: [35.8, 33.1] } });
const finding = (id: string): MapFeature => ({ id, kind: 'finding', status: 'flagged', label: id, geometry: square(35.6, 33.2) });

const FEATURES: MapFeature[] = [
  zone('z-in-force', 'in-force'),
  zone('z-proposed', 'proposed', 'limited-forces'),
  zone('z-superseded', 'superseded'),
  notice('n-now', NOW - HOUR, NOW + HOUR),
  notice('n-next-week', NOW + 7 * DAY, NOW + 8 * DAY),
  notice('n-cancelled', NOW - HOUR, NOW + HOUR, 'cancelled'),
  incident('i-yesterday', NOW - DAY),
  incident('i-now', NOW),
  finding('f-overlap'),
];

const TODAY = { from: NOW - 12 * HOUR, to: NOW + 12 * HOUR };
const ids = (features: readonly MapFeature[]) => features.map((feature) => feature.id);

describe('which features the map shows', () => {
  it('sorts each feature into its legend toggle by kind and state', () => {
    expect(FEATURES.map(layerOf)).toEqual(['zones-in-force', 'zones-proposed', 'zones-superseded', 'notices', 'notices', 'notices', 'incidents', 'incidents', 'findings']);
  });

  it('never draws a zone in an unknown state as in force', () => {
    expect(layerOf(zone('z', 'initialled'))).toBe('zones-proposed');
  });

  it('shows a notice whose activity overlaps the window, ends included', () => {
    expect(isInWindow(notice('n', NOW, NOW + HOUR), { from: NOW + HOUR, to: NOW + 2 * HOUR })).toBe(true);
    expect(isInWindow(notice('n', NOW, NOW + HOUR), { from: NOW + HOUR + 1, to: NOW + 2 * HOUR })).toBe(false);
    expect(isInWindow(notice('n', NOW - DAY, NOW + DAY), TODAY)).toBe(true);
  });

  it('shows an incident that happened in the window, and zones and findings whatever the window', () => {
    expect(isInWindow(incident('i', NOW - DAY), TODAY)).toBe(false);
    expect(isInWindow(incident('i', NOW), TODAY)).toBe(true);
    expect(isInWindow(zone('z', 'in-force'), { from: 0, to: 1 })).toBe(true);
    expect(isInWindow(finding('f'), { from: 0, to: 1 })).toBe(true);
  });

  it('keeps a notice or incident without its time rather than hiding it', () => {
    expect(isInWindow({ ...notice('n', 0, 0), window: undefined }, TODAY)).toBe(true);
    expect(isInWindow({ ...incident('i', 0), at: undefined }, TODAY)).toBe(true);
  });

  it('hides superseded zones until asked for, and applies the toggles and the window together', () => {
    expect(ids(visibleFeatures(FEATURES, TODAY, DEFAULT_LAYERS))).toEqual(['z-in-force', 'z-proposed', 'n-cancelled', 'n-now', 'i-now', 'f-overlap']);
    const onlyHistory: LayerToggles = { ...DEFAULT_LAYERS, 'zones-in-force': false, 'zones-proposed': false, 'zones-superseded': true, notices: false, findings: false };
    expect(ids(visibleFeatures(FEATURES, TODAY, onlyHistory))).toEqual(['z-superseded', 'i-now']);
  });

  it('counts what each toggle would show in the window, whether it is on or not', () => {
    expect(layerCounts(FEATURES, TODAY)).toEqual({ 'zones-in-force': 1, 'zones-proposed': 1, 'zones-superseded': 1, notices: 2, incidents: 1, findings: 1, reports: 0 });
    expect(layerCounts(FEATURES, { from: NOW + 7 * DAY, to: NOW + 7 * DAY }).notices).toBe(1);
  });
});

describe('how a feature is drawn', () => {
  it('fills zones in force solidly, dashes proposed ones and leaves superseded ones faint', () => {
    const inForce = featureStyle(zone('z', 'in-force'));
    const proposed = featureStyle(zone('z', 'proposed'));
    const superseded = featureStyle(zone('z', 'superseded'));
    expect(inForce.dashArray).toBeUndefined();
    expect(proposed.dashArray).toBeDefined();
    expect(superseded.dashArray).toBeDefined();
    expect(inForce.fillOpacity).toBeGreaterThan(proposed.fillOpacity);
    expect(proposed.fillOpacity).toBeGreaterThan(superseded.fillOpacity);
    expect(superseded.className).toContain('map-zones-superseded');
  });

  it('colours zones by their rule', () => {
    expect(featureStyle(zone('z', 'in-force', 'no-forces')).className).toContain('map-rule-no-forces');
    expect(featureStyle(zone('z', 'in-force', 'limited-forces')).className).toContain('map-rule-limited-forces');
  });

  it('hatches active notices, and leaves cancelled or amended ones faint and dashed', () => {
    expect(featureStyle(notice('n', 0, 1))).toMatchObject({ hatch: true, className: expect.stringContaining('map-hatched') });
    for (const status of ['cancelled', 'amended']) {
      const style = featureStyle(notice('n', 0, 1, status));
      expect(style.hatch).toBe(false);
      expect(style.dashArray).toBeDefined();
      expect(style.className).toContain('map-notice-past');
    }
  });

  it('draws incidents as red circle markers and findings as an outline only', () => {
    expect(featureStyle(incident('i', NOW))).toMatchObject({ radius: 7, fill: true, className: 'map-shape map-shape-incident' });
    expect(featureStyle({ ...incident('i', NOW), geometry: square(35, 33) }).radius).toBeUndefined();
    expect(featureStyle(finding('f'))).toMatchObject({ fill: false, className: 'map-shape map-shape-finding' });
  });
});

function expectBounds(bounds: ReturnType<typeof featureBounds>, [west, south, east, north]: number[]) {
  expect(bounds).toBeDefined();
  const [[w, s], [e, n]] = bounds ?? [[NaN, NaN], [NaN, NaN]];
  for (const [actual, expected] of [[w, west], [s, south], [e, east], [n, north]]) expect(actual).toBeCloseTo(expected ?? NaN, 9);
}

describe('bounds', () => {
  it('holds every position of points, polygons and multipolygons, with a margin', () => {
    const multi: MapFeature = { ...zone('m', 'in-force'), geometry: { type: 'MultiPolygon', coordinates: [square(34, 31).coordinates as number[][][], square(37, 34).coordinates as number[][][]] } };
    expectBounds(featureBounds([multi, incident('i', 0)], 0), [34, 31, 37.1, 34.1]);
    expectBounds(featureBounds([incident('i', 0)]), [35.75, 33.05, 35.85, 33.15]);
  });

  it('has nothing to fit when there are no positions', () => {
    expect(featureBounds([])).toBeUndefined();
  });

  it('turns [lon, lat] bounds into Leaflet\'s [lat, lon] order', () => {
    expect(toLatLngBounds(LEVANT_BOUNDS)).toEqual([
      [31, 34],
      [34.5, 37.5],
    ]);
  });
});

describe('a drawn area', () => {
  const clockwise = [
    [35, 33],
    [35, 33.5],
    [35.5, 33.5],
    [35.5, 33],
  ];

  it('is an RFC 7946 polygon: closed on its first position, counterclockwise', () => {
    expect(drawnPolygon(clockwise)).toEqual({
      type: 'Polygon',
      coordinates: [
        [
          [35, 33],
          [35.5, 33],
          [35.5, 33.5],
          [35, 33.5],
          [35, 33],
        ],
      ],
    });
  });

  it('drops repeated clicks on one spot and needs three distinct corners', () => {
    expect(drawnPolygon([[35, 33], [35, 33], [35.5, 33], [35, 33]])).toBeUndefined();
    const ring = drawnPolygon([[35, 33], [35.5, 33], [35.5, 33], [35.5, 33.5], [35, 33]])?.coordinates[0];
    expect(ring).toHaveLength(4);
    expect(ring?.[0]).toEqual(ring?.[ring.length - 1]);
  });
});

describe('the time slider', () => {
  const range = { from: NOW - 14 * DAY, to: NOW + 30 * DAY };

  it('works in whole hours across the range', () => {
    expect(sliderSpan(range)).toBe(44 * 24);
    expect(hoursFrom(range, NOW)).toBe(14 * 24);
    expect(hoursFrom(range, range.from - DAY)).toBe(0);
    expect(hoursFrom(range, range.to + DAY)).toBe(44 * 24);
  });

  it('pushes the other end along rather than letting the window turn inside out', () => {
    const window = { from: NOW, to: NOW + DAY };
    expect(moveWindowEnd(range, window, 'from', 14 * 24 + 48)).toEqual({ from: NOW + 2 * DAY, to: NOW + 2 * DAY });
    expect(moveWindowEnd(range, window, 'to', 14 * 24 - 1)).toEqual({ from: NOW - HOUR, to: NOW - HOUR });
    expect(moveWindowEnd(range, window, 'to', 14 * 24 + 30)).toEqual({ from: NOW, to: NOW + 30 * HOUR });
    expect(moveWindowEnd(range, window, 'to', 10_000)).toEqual({ from: NOW, to: range.to });
  });
});
