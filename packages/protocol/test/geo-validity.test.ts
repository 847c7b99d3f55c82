import { describe, expect, it } from 'vitest';
import { Area, Place } from '../src/geo.ts';
import { areaContains, checkArea, interiorsOverlap, MAX_AREA_VERTICES, type AreaCheck, type GeometryDefect } from '../src/geo-validity.ts';

type Ring = Array<[number, number]>;

/** A counter-clockwise square with its south-west corner at [x, y]. */
const square = (x: number, y: number, side = 1): Ring => [
  [x, y],
  [x + side, y],
  [x + side, y + side],
  [x, y + side],
  [x, y],
];
const clockwise = (ring: Ring): Ring => [...ring].reverse();
const polygon = (...rings: unknown[]) => ({ type: 'Polygon', coordinates: rings });
const multiPolygon = (...polygons: unknown[][]) => ({ type: 'MultiPolygon', coordinates: polygons });
const area = (value: unknown) => Area.parse(value);

function circle(vertices: number): Ring {
  const ring = Array.from({ length: vertices }, (_, index): [number, number] => {
    const angle = (2 * Math.PI * index) / vertices;
    return [35.8 + 0.5 * Math.cos(angle), 33.1 + 0.5 * Math.sin(angle)];
  });
  ring.push(ring[0] as [number, number]);
  return ring;
}

function defectOf(result: AreaCheck<Place>): GeometryDefect {
  if (result.valid) throw new Error(`expected a defect, the geometry was accepted: ${JSON.stringify(result.area)}`);
  return result.defect;
}

describe('checkArea accepts valid areas', () => {
  it('accepts a polygon and returns a copy, the winding already right', () => {
    const input = polygon(square(35.8, 33.1));
    const result = checkArea(input);
    expect(result).toEqual({ valid: true, area: input, windingNormalised: false });
    if (result.valid) expect(result.area).not.toBe(input);
  });

  it('accepts a polygon with a hole, returning the shell counter-clockwise and the hole clockwise', () => {
    const result = checkArea(polygon(square(0, 0, 4), square(1, 1)));
    expect(result).toEqual({ valid: true, area: polygon(square(0, 0, 4), clockwise(square(1, 1))), windingNormalised: true });
  });

  it('accepts a clockwise exterior and returns it counter-clockwise', () => {
    const input = polygon(clockwise(square(35.8, 33.1)));
    const result = checkArea(input);
    expect(result).toEqual({ valid: true, area: polygon(square(35.8, 33.1)), windingNormalised: true });
    expect(input.coordinates[0]).toEqual(clockwise(square(35.8, 33.1)));
  });

  it('accepts a multipolygon whose parts are apart or touch at a single point', () => {
    expect(checkArea(multiPolygon([square(0, 0)], [square(5, 5)])).valid).toBe(true);
    expect(checkArea(multiPolygon([square(0, 0)], [square(1, 1)])).valid).toBe(true);
  });

  it('accepts as many positions as an area may hold', () => {
    const ring = circle(MAX_AREA_VERTICES - 1);
    expect(checkArea(polygon(ring))).toMatchObject({ valid: true, windingNormalised: false });
    expect(checkArea(polygon(clockwise(ring)))).toMatchObject({ valid: true, windingNormalised: true });
  });

  it('accepts a point only when asked to', () => {
    const point = { type: 'Point', coordinates: [35.8, 33.1] };
    expect(defectOf(checkArea(point))).toMatchObject({ code: 'wrong-type', path: ['type'] });
    expect(checkArea(point, { allowPoint: true })).toEqual({ valid: true, area: point, windingNormalised: false });
    expect(defectOf(checkArea({ type: 'Point', coordinates: [35.8, 91] }, { allowPoint: true }))).toMatchObject({ code: 'out-of-range', path: ['coordinates', 1] });
  });
});

describe('checkArea refuses, naming the defect and where it is', () => {
  it('a bowtie, at its crossing', () => {
    const defect = defectOf(checkArea(polygon([[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]])));
    expect(defect).toMatchObject({ code: 'self-intersection', position: [1, 1], path: ['coordinates', 0] });
    expect(defect.message).toMatch(/^self-intersection at \[1, 1\] \(ring 0\)/);
  });

  it('a ring that passes through one of its vertices twice', () => {
    const defect = defectOf(checkArea(polygon([[0, 0], [2, 0], [1, 1], [2, 2], [0, 2], [1, 1], [0, 0]])));
    expect(defect).toMatchObject({ code: 'ring-self-intersection', position: [1, 1], path: ['coordinates', 0, 2] });
  });

  it('an open ring', () => {
    const defect = defectOf(checkArea(polygon([[0, 0], [1, 0], [1, 1], [0, 1]])));
    expect(defect).toMatchObject({ code: 'unclosed-ring', path: ['coordinates', 0, 3] });
    expect(defect.message).toMatch(/ring 0 .* not closed/);
  });

  it('a ring of three positions', () => {
    const defect = defectOf(checkArea(polygon([[0, 0], [1, 0], [0, 0]])));
    expect(defect).toMatchObject({ code: 'too-few-positions', path: ['coordinates', 0] });
    expect(defect.message).toMatch(/has 3 positions/);
  });

  it('a ring of four positions but only two distinct ones', () => {
    expect(defectOf(checkArea(polygon([[0, 0], [1, 0], [0, 0], [0, 0]])))).toMatchObject({ code: 'too-few-positions' });
  });

  it('a longitude out of range, naming its path', () => {
    const defect = defectOf(checkArea(polygon([[0, 0], [200, 0], [1, 1], [0, 0]])));
    expect(defect).toMatchObject({ code: 'out-of-range', path: ['coordinates', 0, 1, 0], position: [200, 0] });
    expect(defect.message).toMatch(/longitude 200 at coordinates\[0\]\[1\].*outside \[-180, 180\]/);
  });

  it('a latitude out of range, naming its path', () => {
    const defect = defectOf(checkArea(multiPolygon([square(0, 0)], [[[0, 0], [1, -95], [1, 1], [0, 0]]])));
    expect(defect).toMatchObject({ code: 'out-of-range', path: ['coordinates', 1, 0, 1, 1] });
    expect(defect.message).toMatch(/latitude -95 at coordinates\[1\]\[0\]\[1\].*outside \[-90, 90\]/);
  });

  it('coordinates that are not numbers', () => {
    expect(defectOf(checkArea(polygon([[0, 0], [Number.NaN, 0], [1, 1], [0, 0]])))).toMatchObject({ code: 'invalid-coordinate', path: ['coordinates', 0, 1, 0] });
    expect(defectOf(checkArea(polygon([[0, 0], [1, '0'], [1, 1], [0, 0]])))).toMatchObject({ code: 'invalid-coordinate', path: ['coordinates', 0, 1, 1] });
    expect(defectOf(checkArea(polygon([[0, 0], [1, Infinity], [1, 1], [0, 0]])))).toMatchObject({ code: 'invalid-coordinate' });
    expect(defectOf(checkArea(polygon([[0, 0, 10], [1, 0], [1, 1], [0, 0]])))).toMatchObject({ code: 'invalid-coordinate', path: ['coordinates', 0, 0] });
  });

  it('a hole outside its shell', () => {
    const defect = defectOf(checkArea(polygon(square(0, 0, 4), square(10, 10))));
    expect(defect).toMatchObject({ code: 'hole-outside-shell', position: [10, 10], path: ['coordinates', 1, 0] });
  });

  it('a hole inside another hole', () => {
    expect(defectOf(checkArea(polygon(square(0, 0, 10), square(1, 1, 8), square(2, 2, 2))))).toMatchObject({ code: 'nested-holes', path: ['coordinates', 2, 0] });
  });

  it('a hole that cuts the interior in two', () => {
    const defect = defectOf(checkArea(polygon(square(0, 0, 4), [[0, 2], [2, 0], [4, 2], [2, 4], [0, 2]])));
    expect(defect).toMatchObject({ code: 'disconnected-interior', path: ['coordinates', 1, expect.any(Number)] });
  });

  it('the same hole twice', () => {
    expect(defectOf(checkArea(polygon(square(0, 0, 10), square(1, 1), square(1, 1))))).toMatchObject({ code: 'duplicate-rings', path: ['coordinates', 2, 0] });
  });

  it('multipolygon parts that overlap', () => {
    const defect = defectOf(checkArea(multiPolygon([square(0, 0, 2)], [square(1, 1, 2)])));
    expect(defect).toMatchObject({ code: 'overlapping-parts', path: ['coordinates', 1] });
    expect(defect.message).toMatch(/polygons 0 and 1/);
  });

  it('multipolygon parts that share an edge, as the OGC rules for a MultiPolygon have it', () => {
    const defect = defectOf(checkArea(multiPolygon([square(0, 0)], [square(1, 0)])));
    expect(defect).toMatchObject({ code: 'overlapping-parts', path: ['coordinates', 1] });
    expect(defect.message).toMatch(/share an edge/);
  });

  it('a multipolygon part inside another, or given twice', () => {
    expect(defectOf(checkArea(multiPolygon([square(0, 0, 10)], [square(1, 1)])))).toMatchObject({ code: 'nested-shells', path: ['coordinates', 1] });
    expect(defectOf(checkArea(multiPolygon([square(0, 0)], [square(0, 0)])))).toMatchObject({ code: 'duplicate-rings', path: ['coordinates', 1] });
  });

  it('a defect within one part of a multipolygon, named by its part and ring', () => {
    const defect = defectOf(checkArea(multiPolygon([square(5, 5)], [[[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]]])));
    expect(defect).toMatchObject({ code: 'self-intersection', path: ['coordinates', 1, 0], position: [1, 1] });
    expect(defect.message).toMatch(/\(polygon 1, ring 0\)/);
  });

  it('an empty polygon or multipolygon', () => {
    expect(defectOf(checkArea(polygon()))).toMatchObject({ code: 'empty', path: ['coordinates'] });
    expect(defectOf(checkArea(multiPolygon()))).toMatchObject({ code: 'empty', path: ['coordinates'] });
    expect(defectOf(checkArea(multiPolygon([square(0, 0)], [])))).toMatchObject({ code: 'empty', path: ['coordinates', 1] });
  });

  it('a Feature or a FeatureCollection, asking for the geometry', () => {
    const feature = { type: 'Feature', properties: {}, geometry: polygon(square(0, 0)) };
    expect(defectOf(checkArea(feature))).toEqual({ code: 'not-a-geometry', message: 'a geometry is expected, not a Feature; give its `geometry`', path: ['type'] });
    expect(defectOf(checkArea({ type: 'FeatureCollection', features: [feature] }))).toMatchObject({ code: 'not-a-geometry', message: expect.stringMatching(/not a FeatureCollection/) });
  });

  it('what is not a geometry at all, or another type of geometry', () => {
    for (const value of [null, 'POLYGON((0 0, 1 0, 1 1, 0 0))', 42, [square(0, 0)], { coordinates: [square(0, 0)] }]) {
      expect(defectOf(checkArea(value)).code).toBe('not-a-geometry');
    }
    expect(defectOf(checkArea({ type: 'LineString', coordinates: [[0, 0], [1, 1]] }))).toMatchObject({ code: 'wrong-type', message: expect.stringMatching(/LineString/) });
    expect(defectOf(checkArea({ type: 'Polygon', coordinates: 'none' }))).toMatchObject({ code: 'not-a-geometry', path: ['coordinates'] });
  });

  it('members the shared schema would refuse', () => {
    expect(defectOf(checkArea({ ...polygon(square(0, 0)), bbox: [0, 0, 1, 1] }))).toMatchObject({ code: 'not-a-geometry', path: ['bbox'] });
  });

  it('a million vertices, before reading any of them', () => {
    const ring = circle(1_000_000);
    const defect = defectOf(checkArea(polygon(ring)));
    expect(defect).toMatchObject({ code: 'too-many-vertices', path: ['coordinates'] });
    expect(defect.message).toMatch(/1000001 positions/);
    ring[5] = ['not', 'a position'] as never;
    expect(defectOf(checkArea(polygon(ring))).code).toBe('too-many-vertices');
  });

  it('more positions than a smaller limit, counting every ring of every part', () => {
    expect(defectOf(checkArea(multiPolygon([square(0, 0)], [square(5, 5)]), { maxVertices: 9 })).code).toBe('too-many-vertices');
    expect(checkArea(multiPolygon([square(0, 0)], [square(5, 5)]), { maxVertices: 10 }).valid).toBe(true);
  });
});

describe('the shared schema', () => {
  it('refuses more positions than an area may hold, with a clear message', () => {
    const result = Area.safeParse(polygon(circle(MAX_AREA_VERTICES)));
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(new RegExp(`at most ${MAX_AREA_VERTICES} positions`));
    expect(Area.safeParse(polygon(circle(MAX_AREA_VERTICES - 1))).success).toBe(true);
  });

  it('takes a point as a place, not as an area', () => {
    expect(Place.safeParse({ type: 'Point', coordinates: [35.8, 33.1] }).success).toBe(true);
    expect(Area.safeParse({ type: 'Point', coordinates: [35.8, 33.1] }).success).toBe(false);
  });
});

describe('relations between areas', () => {
  it('two squares that share an edge touch, and their interiors do not overlap', () => {
    expect(interiorsOverlap(area(polygon(square(0, 0))), area(polygon(square(1, 0))))).toBe(false);
    expect(interiorsOverlap(area(polygon(square(0, 0))), area(polygon(square(1, 1))))).toBe(false);
    expect(interiorsOverlap(area(polygon(square(0, 0))), area(polygon(square(5, 5))))).toBe(false);
  });

  it('two squares that overlap do, whatever their winding', () => {
    expect(interiorsOverlap(area(polygon(square(0, 0))), area(polygon(square(0.5, 0.5))))).toBe(true);
    expect(interiorsOverlap(area(polygon(clockwise(square(0, 0)))), area(polygon(square(0.5, 0.5))))).toBe(true);
  });

  it('a square within a hole does not overlap the ring around it', () => {
    expect(interiorsOverlap(area(polygon(square(0, 0, 10), square(2, 2, 6))), area(polygon(square(3, 3))))).toBe(false);
  });

  it('an area contains what lies within it, border included', () => {
    const outer = area(polygon(square(0, 0, 4)));
    expect(areaContains(outer, area(polygon(square(1, 1))))).toBe(true);
    expect(areaContains(outer, area(polygon(square(0, 0))))).toBe(true);
    expect(areaContains(outer, area(polygon(square(3.5, 3.5))))).toBe(false);
    expect(areaContains(outer, { type: 'Point', coordinates: [4, 2] })).toBe(true);
    expect(areaContains(outer, { type: 'Point', coordinates: [4.1, 2] })).toBe(false);
    expect(areaContains(area(polygon(square(0, 0, 4), square(1, 1, 2))), { type: 'Point', coordinates: [2, 2] })).toBe(false);
  });
});
