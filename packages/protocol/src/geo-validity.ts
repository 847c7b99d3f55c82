import rewind from '@turf/rewind';
import PointLocation from 'jsts/org/locationtech/jts/algorithm/PointLocation.js';
import STRtree from 'jsts/org/locationtech/jts/index/strtree/STRtree.js';
import Coordinate from 'jsts/org/locationtech/jts/geom/Coordinate.js';
import GeometryFactory from 'jsts/org/locationtech/jts/geom/GeometryFactory.js';
import PrecisionModel from 'jsts/org/locationtech/jts/geom/PrecisionModel.js';
import GeometryPrecisionReducer from 'jsts/org/locationtech/jts/precision/GeometryPrecisionReducer.js';
import RelateOp from 'jsts/org/locationtech/jts/operation/relate/RelateOp.js';
import IsValidOp from 'jsts/org/locationtech/jts/operation/valid/IsValidOp.js';
import TopologyValidationError from 'jsts/org/locationtech/jts/operation/valid/TopologyValidationError.js';
import { formatFieldPath } from './field-path.ts';
import { countAreaPositions, MAX_AREA_VERTICES, type Area, type Place, type Point } from './geo.ts';

export { MAX_AREA_VERTICES };

export type GeometryDefectCode =
  | 'not-a-geometry'
  | 'wrong-type'
  | 'out-of-range'
  | 'too-few-positions'
  | 'unclosed-ring'
  | 'too-many-vertices'
  | 'self-intersection'
  | 'ring-self-intersection'
  | 'hole-outside-shell'
  | 'nested-holes'
  | 'disconnected-interior'
  | 'nested-shells'
  | 'overlapping-parts'
  | 'duplicate-rings'
  | 'invalid-coordinate'
  | 'empty';

/** Why a geometry is refused, and where in it. */
export interface GeometryDefect {
  code: GeometryDefectCode;
  /** English; names the defect and where it is, such as `self-intersection at [35.8, 33.1] (ring 0)`. */
  message: string;
  /** Inside the geometry, as far as it is known: `['coordinates', 0, 3]` is ring 0, position 3. */
  path: Array<string | number>;
  /** [longitude, latitude] of the defect, when it has one. */
  position?: [number, number];
}

export interface AreaCheckOptions {
  /** The most positions, all rings together (MAX_AREA_VERTICES unless given). */
  maxVertices?: number;
  /** Whether a Point is accepted too, as for an incident's place. */
  allowPoint?: boolean;
}

/**
 * The verdict on a geometry. An accepted one comes back as a copy with RFC 7946 winding
 * (exterior rings counter-clockwise, holes clockwise); `windingNormalised` says whether any ring
 * had to be turned round to get there.
 */
export type AreaCheck<T extends Place = Area> = { valid: true; area: T; windingNormalised: boolean } | { valid: false; defect: GeometryDefect };

type Ring = Array<[number, number]>;
type Defect = { defect: GeometryDefect };
type Path = Array<string | number>;

// The subset of the JTS objects used here: the library's own declarations type them all `any`.
interface JtsCoordinate {
  x: number;
  y: number;
  equals2D(other: JtsCoordinate): boolean;
}
interface JtsEnvelope {
  intersects(other: JtsEnvelope): boolean;
}
interface JtsGeometry {
  getEnvelopeInternal(): JtsEnvelope;
}
interface JtsPolygonGeometry extends JtsGeometry {
  getExteriorRing(): unknown;
}
interface JtsMultiPolygon {
  getNumGeometries(): number;
  getGeometryN(index: number): JtsPolygonGeometry;
}
interface JtsIntersectionMatrix {
  matches(pattern: string): boolean;
  isCovers(): boolean;
}
interface JtsValidationError {
  getErrorType(): number;
  getMessage(): string;
  getCoordinate(): JtsCoordinate | null;
}

const factory = new GeometryFactory();

/** What JTS reports, as the defects named here; inter-part self-intersections are renamed where found. */
const JTS_DEFECTS = new Map<number, GeometryDefectCode>([
  [TopologyValidationError.HOLE_OUTSIDE_SHELL, 'hole-outside-shell'],
  [TopologyValidationError.NESTED_HOLES, 'nested-holes'],
  [TopologyValidationError.DISCONNECTED_INTERIOR, 'disconnected-interior'],
  [TopologyValidationError.SELF_INTERSECTION, 'self-intersection'],
  [TopologyValidationError.RING_SELF_INTERSECTION, 'ring-self-intersection'],
  [TopologyValidationError.NESTED_SHELLS, 'nested-shells'],
  [TopologyValidationError.DUPLICATE_RINGS, 'duplicate-rings'],
  [TopologyValidationError.TOO_FEW_POINTS, 'too-few-positions'],
  [TopologyValidationError.INVALID_COORDINATE, 'invalid-coordinate'],
  [TopologyValidationError.RING_NOT_CLOSED, 'unclosed-ring'],
]);

const EXPLANATIONS: Partial<Record<GeometryDefectCode, string>> = {
  'self-intersection': 'edges cross or overlap',
  'ring-self-intersection': 'the ring passes through the same point twice',
  'hole-outside-shell': 'a hole must lie inside its exterior ring',
  'nested-holes': 'a hole lies inside another hole',
  'disconnected-interior': 'the holes cut the interior into separate pieces',
  'nested-shells': 'one part lies inside another',
  'duplicate-rings': 'the same ring is given twice',
  'too-few-positions': 'a ring needs at least three distinct positions',
};

function refuse(code: GeometryDefectCode, message: string, path: Path, position?: [number, number]): Defect {
  return { defect: position ? { code, message, path, position } : { code, message, path } };
}

function isDefect(value: unknown): value is Defect {
  return typeof value === 'object' && value !== null && 'defect' in value;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `a string (${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)})`;
  return `a ${typeof value}`;
}

function formatPosition([longitude, latitude]: [number, number]): string {
  return `[${longitude}, ${latitude}]`;
}

/**
 * Checks that a value is a geometry the cell can agree on: a GeoJSON Polygon or MultiPolygon
 * (or a Point when `allowPoint`) in WGS 84 that is valid as an OGC simple feature. The first
 * defect found is reported; either winding is accepted and the copy returned is normalised.
 */
export function checkArea(value: unknown, options: AreaCheckOptions & { allowPoint: true }): AreaCheck<Place>;
export function checkArea(value: unknown, options?: AreaCheckOptions & { allowPoint?: false }): AreaCheck;
export function checkArea(value: unknown, options?: AreaCheckOptions): AreaCheck<Place>;
export function checkArea(value: unknown, options: AreaCheckOptions = {}): AreaCheck<Place> {
  const expected = options.allowPoint ? 'a Point, Polygon or MultiPolygon' : 'a Polygon or MultiPolygon';
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { valid: false, ...refuse('not-a-geometry', `a geometry (${expected}) is expected, not ${describeValue(value)}`, []) };
  }
  const { type } = value as { type?: unknown };
  if (type === 'Feature') return { valid: false, ...refuse('not-a-geometry', 'a geometry is expected, not a Feature; give its `geometry`', ['type']) };
  if (type === 'FeatureCollection') {
    return { valid: false, ...refuse('not-a-geometry', 'a geometry is expected, not a FeatureCollection; give the `geometry` of one of its features', ['type']) };
  }
  if (typeof type !== 'string') return { valid: false, ...refuse('not-a-geometry', `a geometry (${expected}) is expected: \`type\` is missing`, ['type']) };
  if (type !== 'Polygon' && type !== 'MultiPolygon' && !(type === 'Point' && options.allowPoint)) {
    return { valid: false, ...refuse('wrong-type', `${expected} is expected, not ${JSON.stringify(type)}`, ['type']) };
  }
  // The schemas shared by server and clients are strict: what they would refuse is refused here too.
  const extra = Object.keys(value).find((key) => key !== 'type' && key !== 'coordinates');
  if (extra !== undefined) {
    return { valid: false, ...refuse('not-a-geometry', `a ${type} here holds only \`type\` and \`coordinates\`, not \`${extra}\``, [extra]) };
  }
  const { coordinates } = value as { coordinates?: unknown };
  if (type === 'Point') {
    const position = readPosition(coordinates, ['coordinates'], 'the point');
    if (isDefect(position)) return { valid: false, ...position };
    return { valid: true, area: { type: 'Point', coordinates: position }, windingNormalised: false };
  }

  // Counted from array lengths alone, before anything reads a position: a huge geometry costs nothing to refuse.
  const maxVertices = options.maxVertices ?? MAX_AREA_VERTICES;
  const count = countAreaPositions(value);
  if (count > maxVertices) {
    return { valid: false, ...refuse('too-many-vertices', `${type} has ${count} positions, more than the ${maxVertices} an area may hold: simplify it`, ['coordinates']) };
  }

  const multi = type === 'MultiPolygon';
  const polygons = readPolygons(coordinates, multi);
  if (isDefect(polygons)) return { valid: false, ...polygons };

  const topology = checkTopology(polygons, multi);
  if (topology) return { valid: false, ...topology };

  const area = (multi ? { type: 'MultiPolygon', coordinates: polygons.map(copyRings) } : { type: 'Polygon', coordinates: copyRings(polygons[0] ?? []) }) as Area;
  rewind(area, { mutate: true });
  const turned = multi ? (area.coordinates as Ring[][]) : [area.coordinates as Ring[]];
  const windingNormalised = turned.some((rings, p) => rings.some((ring, r) => !sameRing(ring, polygons[p]?.[r] ?? [])));
  return { valid: true, area, windingNormalised };
}

function copyRings(rings: Ring[]): Ring[] {
  return rings.map((ring) => ring.map(([longitude, latitude]) => [longitude, latitude]));
}

function sameRing(a: Ring, b: Ring): boolean {
  return a.length === b.length && a.every((position, index) => position[0] === b[index]?.[0] && position[1] === b[index]?.[1]);
}

/** Where a ring is, for messages: "ring 1", or "polygon 2, ring 1" in a MultiPolygon. */
function ringLabel(multi: boolean, polygon: number, ring: number): string {
  return multi ? `polygon ${polygon}, ring ${ring}` : `ring ${ring}`;
}

function ringPath(multi: boolean, polygon: number, ring: number): Path {
  return multi ? ['coordinates', polygon, ring] : ['coordinates', ring];
}

/** The structure, coordinate by coordinate: types, ranges, ring lengths and closure. */
function readPolygons(coordinates: unknown, multi: boolean): Ring[][] | Defect {
  const kind = multi ? 'MultiPolygon' : 'Polygon';
  if (!Array.isArray(coordinates)) {
    return refuse('not-a-geometry', `the \`coordinates\` of a ${kind} are an array of ${multi ? 'polygons' : 'rings'}, not ${describeValue(coordinates)}`, ['coordinates']);
  }
  if (coordinates.length === 0) return refuse('empty', `the ${kind} is empty: it has no ${multi ? 'polygons' : 'rings'}`, ['coordinates']);
  const polygons: Ring[][] = [];
  const sources: unknown[] = multi ? coordinates : [coordinates];
  for (const [p, source] of sources.entries()) {
    const path: Path = multi ? ['coordinates', p] : ['coordinates'];
    if (!Array.isArray(source)) return refuse('not-a-geometry', `polygon ${p} is not an array of rings but ${describeValue(source)}`, path);
    if (source.length === 0) return refuse('empty', `polygon ${p} is empty: it has no rings`, path);
    const rings: Ring[] = [];
    for (const [r, ringSource] of source.entries()) {
      const ring = readRing(ringSource, ringPath(multi, p, r), ringLabel(multi, p, r));
      if (isDefect(ring)) return ring;
      rings.push(ring);
    }
    polygons.push(rings);
  }
  return polygons;
}

function readRing(source: unknown, path: Path, label: string): Ring | Defect {
  if (!Array.isArray(source)) return refuse('not-a-geometry', `${label} at ${formatFieldPath(path)} is not an array of positions but ${describeValue(source)}`, path);
  const ring: Ring = [];
  for (const [index, item] of source.entries()) {
    const position = readPosition(item, [...path, index], `${label}, position ${index}`);
    if (isDefect(position)) return position;
    ring.push(position);
  }
  if (ring.length < 4) {
    return refuse('too-few-positions', `${label} at ${formatFieldPath(path)} has ${ring.length} position${ring.length === 1 ? '' : 's'}; a ring needs at least four, the last repeating the first`, path);
  }
  const first = ring[0] as [number, number];
  const last = ring[ring.length - 1] as [number, number];
  if (first[0] !== last[0] || first[1] !== last[1]) {
    return refuse('unclosed-ring', `${label} at ${formatFieldPath(path)} is not closed: it starts at ${formatPosition(first)} and ends at ${formatPosition(last)}; repeat the first position at the end`, [...path, ring.length - 1], last);
  }
  return ring;
}

function readPosition(source: unknown, path: Path, label: string): [number, number] | Defect {
  const where = `at ${formatFieldPath(path)} (${label})`;
  if (!Array.isArray(source) || source.length !== 2) {
    return refuse('invalid-coordinate', `a position is [longitude, latitude], two numbers; ${where} there is ${describeValue(source)}${Array.isArray(source) ? ` of ${source.length}` : ''}`, path);
  }
  for (const [axis, item] of source.entries()) {
    if (typeof item !== 'number' || !Number.isFinite(item)) {
      const name = axis === 0 ? 'longitude' : 'latitude';
      return refuse('invalid-coordinate', `the ${name} ${where} is not a finite number but ${typeof item === 'number' ? String(item) : describeValue(item)}`, [...path, axis]);
    }
  }
  const [longitude, latitude] = source as [number, number];
  if (longitude < -180 || longitude > 180) {
    return refuse('out-of-range', `longitude ${longitude} ${where} is outside [-180, 180]`, [...path, 0], [longitude, latitude]);
  }
  if (latitude < -90 || latitude > 90) {
    return refuse('out-of-range', `latitude ${latitude} ${where} is outside [-90, 90]`, [...path, 1], [longitude, latitude]);
  }
  return [longitude, latitude];
}

interface JtsPolygon {
  geometry: JtsGeometry;
  rings: JtsCoordinate[][];
}

function toJtsPolygon(rings: Ring[]): JtsPolygon {
  const coordinates = rings.map((ring) => ring.map(([x, y]) => new Coordinate(x, y) as JtsCoordinate));
  const [shell, ...holes] = coordinates.map((ring) => factory.createLinearRing(ring));
  return { geometry: factory.createPolygon(shell, holes) as JtsGeometry, rings: coordinates };
}

/**
 * The JTS check of a MultiPolygon tests every shell against every other part, so a few thousand
 * small parts take seconds. A shell can only lie inside a part whose envelope meets its own: the
 * others are skipped, in the same order, so the verdict and the defect reported are unchanged.
 */
class FilteredIsValidOp extends IsValidOp {
  override checkShellsNotNested(multiPolygon: JtsMultiPolygon, graph: unknown): null {
    const parts = Array.from({ length: multiPolygon.getNumGeometries() }, (_, index) => multiPolygon.getGeometryN(index));
    const index = new STRtree();
    for (const [j, part] of parts.entries()) index.insert(part.getEnvelopeInternal(), { j });
    for (const [i, part] of parts.entries()) {
      const shell = part.getExteriorRing();
      const near = (index.query(part.getEnvelopeInternal()) as { toArray(): Array<{ j: number }> }).toArray();
      for (const j of near.map((item) => item.j).sort((a, b) => a - b)) {
        if (i === j) continue;
        this.checkShellNotNested(shell, parts[j], graph);
        if (this._validErr !== null) return null;
      }
    }
    return null;
  }
}

function validationError(geometry: JtsGeometry): JtsValidationError | null {
  return new FilteredIsValidOp(geometry).getValidationError() as JtsValidationError | null;
}

/** OGC validity as JTS decides it, with the defect traced back to a ring, and a position where possible. */
function checkTopology(polygons: Ring[][], multi: boolean): Defect | undefined {
  const parts = polygons.map(toJtsPolygon);
  const whole = multi ? (factory.createMultiPolygon(parts.map((part) => part.geometry)) as JtsGeometry) : (parts[0] as JtsPolygon).geometry;
  const error = validationError(whole);
  if (!error) return undefined;
  // Each part alone first, so that a defect within one is named by its ring.
  for (const [p, part] of parts.entries()) {
    const partError = multi ? validationError(part.geometry) : error;
    if (partError) return ringDefect(partError, part, p, multi);
  }
  return betweenParts(error, parts);
}

function defectOf(error: JtsValidationError): { code: GeometryDefectCode; position?: [number, number] } {
  const code = JTS_DEFECTS.get(error.getErrorType()) ?? 'self-intersection';
  const coordinate = error.getCoordinate();
  return coordinate ? { code, position: [coordinate.x, coordinate.y] } : { code };
}

function ringDefect(error: JtsValidationError, part: JtsPolygon, p: number, multi: boolean): Defect {
  const { code, position } = defectOf(error);
  const explanation = EXPLANATIONS[code] ?? error.getMessage();
  if (!position) return refuse(code, `${code} (${multi ? `polygon ${p}` : 'polygon'}): ${explanation}`, multi ? ['coordinates', p] : ['coordinates']);
  const coordinate = new Coordinate(position[0], position[1]) as JtsCoordinate;
  const onRings = part.rings.flatMap((ring, r) => (PointLocation.isOnLine(coordinate, ring) ? [r] : []));
  // The defect is more often the hole's doing than the shell's, and a duplicate is the later ring.
  const ring = onRings[onRings.length - 1];
  if (ring === undefined) {
    return refuse(code, `${code} at ${formatPosition(position)}${multi ? ` (polygon ${p})` : ''}: ${explanation}`, multi ? ['coordinates', p] : ['coordinates'], position);
  }
  const vertex = part.rings[ring]?.findIndex((vertexCoordinate) => vertexCoordinate.equals2D(coordinate)) ?? -1;
  const ringsNamed = onRings.length > 1 ? `rings ${onRings.slice(0, -1).join(', ')} and ${ring}` : `ring ${ring}`;
  const path = ringPath(multi, p, ring);
  return refuse(code, `${code} at ${formatPosition(position)} (${multi ? `polygon ${p}, ` : ''}${ringsNamed}): ${explanation}`, vertex >= 0 ? [...path, vertex] : path, position);
}

/** Every part is valid alone, so the parts disagree: the first pair whose interiors meet or that share an edge. */
function betweenParts(error: JtsValidationError, parts: JtsPolygon[]): Defect {
  const { code: reported, position } = defectOf(error);
  const code = reported === 'self-intersection' ? 'overlapping-parts' : reported;
  const at = position ? ` at ${formatPosition(position)}` : '';
  const envelopes = parts.map((part) => part.geometry.getEnvelopeInternal());
  for (let i = 0; i < parts.length; i++) {
    for (let j = i + 1; j < parts.length; j++) {
      if (!(envelopes[i] as JtsEnvelope).intersects(envelopes[j] as JtsEnvelope)) continue;
      const matrix = RelateOp.relate((parts[i] as JtsPolygon).geometry, (parts[j] as JtsPolygon).geometry) as JtsIntersectionMatrix;
      const overlap = matrix.matches('T********');
      const sharedEdge = !overlap && matrix.matches('****1****');
      if (!overlap && !sharedEdge) continue;
      const why =
        code === 'overlapping-parts'
          ? overlap
            ? "their interiors overlap; merge them into one Polygon"
            : "they share an edge, and a MultiPolygon's parts may touch only at points; merge them into one Polygon"
          : (EXPLANATIONS[code] ?? error.getMessage());
      return refuse(code, `${code}${at} (polygons ${i} and ${j}): ${why}`, ['coordinates', j], position);
    }
  }
  return refuse(code, `${code}${at}: ${EXPLANATIONS[code] ?? error.getMessage()}`, ['coordinates'], position);
}

function toJts(place: Place): JtsGeometry {
  if (place.type === 'Point') return factory.createPoint(new Coordinate(place.coordinates[0], place.coordinates[1])) as JtsGeometry;
  if (place.type === 'Polygon') return toJtsPolygon(place.coordinates).geometry;
  return factory.createMultiPolygon(place.coordinates.map((rings) => toJtsPolygon(rings).geometry)) as JtsGeometry;
}

/**
 * A grid of a billionth of a degree (about 0.1 mm): where floating point cannot decide how two
 * valid areas meet (vertices a few units of 1e-300 apart, far below any surveyed position), both
 * are snapped to it and related again.
 */
const FALLBACK_PRECISION = new PrecisionModel(1e9);

function relate(a: JtsGeometry, b: JtsGeometry): JtsIntersectionMatrix {
  try {
    return RelateOp.relate(a, b) as JtsIntersectionMatrix;
  } catch (error) {
    if (!(error instanceof Error) || error.name !== 'TopologyException') throw error;
    const snap = (geometry: JtsGeometry) => GeometryPrecisionReducer.reduce(geometry, FALLBACK_PRECISION) as JtsGeometry;
    return RelateOp.relate(snap(a), snap(b)) as JtsIntersectionMatrix;
  }
}

/**
 * Whether two areas share some interior: areas that meet only along a border or at a point do
 * not (a point's interior is the point itself). Both are expected to have passed `checkArea`.
 */
export function interiorsOverlap(a: Area | Point, b: Area | Point): boolean {
  const first = toJts(a);
  const second = toJts(b);
  if (!first.getEnvelopeInternal().intersects(second.getEnvelopeInternal())) return false;
  return relate(first, second).matches('T********');
}

/** Whether `inner` lies entirely within `outer`, its border included (DE-9IM covers). */
export function areaContains(outer: Area, inner: Area | Point): boolean {
  const container = toJts(outer);
  const contained = toJts(inner);
  if (!container.getEnvelopeInternal().intersects(contained.getEnvelopeInternal())) return false;
  return relate(container, contained).isCovers();
}
