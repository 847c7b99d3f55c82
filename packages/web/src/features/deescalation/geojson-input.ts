import { Area, formatFieldPath, MAX_AREA_VERTICES, MultiPolygon, Place, Point, Polygon, countAreaPositions } from '@fusion-cell/protocol';

/** What an area field takes: an area (a zone's, a notice's) or a place, which may also be a point (an incident's). */
export type GeoKind = 'area' | 'place';

/** What is wrong with GeoJSON typed or pasted, as the form says it: a code with where it is. */
export type GeoProblem =
  | { code: 'json' }
  | { code: 'type'; type: string }
  | { code: 'ring-open' | 'ring-short' | 'longitude' | 'latitude' | 'position' | 'shape'; where: string }
  | { code: 'too-many'; max: number };

export type GeoReading = { status: 'empty' } | { status: 'valid'; value: Place } | { status: 'invalid'; problem: GeoProblem };

const SCHEMAS = { Point, Polygon, MultiPolygon } as const;

/** A Feature, or a collection of exactly one, stands for its geometry: what map tools export. */
function geometryOf(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const object = value as { type?: unknown; geometry?: unknown; features?: unknown };
  if (object.type === 'Feature') return object.geometry;
  if (object.type === 'FeatureCollection' && Array.isArray(object.features) && object.features.length === 1) return geometryOf(object.features[0]);
  return value;
}

interface Issue {
  code: string;
  path: PropertyKey[];
  origin?: string;
}

/** The depth of a position's array in the geometry's coordinates: [ring, position] for a polygon. */
const POSITION_DEPTH = { Point: 0, Polygon: 2, MultiPolygon: 3 } as const;

function problemOf(issue: Issue, type: keyof typeof SCHEMAS): GeoProblem {
  const where = formatFieldPath(issue.path);
  // Positions within `coordinates`: the index after the position is 0 for longitude, 1 for latitude.
  const inner = issue.path.slice(1);
  const positionDepth = POSITION_DEPTH[type];
  if (issue.path.length === 0) return { code: 'too-many', max: MAX_AREA_VERTICES };
  if (issue.path[0] !== 'coordinates') return { code: 'shape', where };
  if (inner.length === positionDepth + 1 && (issue.code === 'too_big' || issue.code === 'too_small') && issue.origin === 'number') {
    return inner[positionDepth] === 0 ? { code: 'longitude', where } : { code: 'latitude', where };
  }
  if (inner.length === positionDepth - 1 && type !== 'Point') {
    if (issue.code === 'custom') return { code: 'ring-open', where };
    if (issue.code === 'too_small') return { code: 'ring-short', where };
  }
  if (inner.length >= positionDepth) return { code: 'position', where };
  return { code: 'shape', where };
}

/**
 * Reads GeoJSON typed or pasted into a form with the protocol's own schemas (a `Place` or an
 * `Area`, as the payload takes it), naming the first problem and where it is; a Feature is read
 * as its geometry.
 */
export function readGeoJson(text: string, kind: GeoKind): GeoReading {
  if (text.trim() === '') return { status: 'empty' };
  let value: unknown;
  try {
    value = geometryOf(JSON.parse(text));
  } catch {
    return { status: 'invalid', problem: { code: 'json' } };
  }
  const type = typeof value === 'object' && value !== null ? (value as { type?: unknown }).type : undefined;
  const allowed: ReadonlyArray<keyof typeof SCHEMAS> = kind === 'place' ? ['Point', 'Polygon', 'MultiPolygon'] : ['Polygon', 'MultiPolygon'];
  const known = allowed.find((candidate) => candidate === type);
  if (known === undefined) return { status: 'invalid', problem: { code: 'type', type: typeof type === 'string' ? type : typeof value } };
  const parsed = SCHEMAS[known].safeParse(value);
  if (!parsed.success) return { status: 'invalid', problem: problemOf(parsed.error.issues[0] as Issue, known) };
  // The union the payload holds, checked once more as a whole so nothing accepted here is refused there.
  const whole = (kind === 'place' ? Place : Area).safeParse(parsed.data);
  return whole.success ? { status: 'valid', value: whole.data } : { status: 'invalid', problem: { code: 'shape', where: '' } };
}

/** How many corners a place has (a point has one), as the form reads it back. */
export function positionsOf(place: Place): number {
  return place.type === 'Point' ? 1 : countAreaPositions(place);
}

/** A `datetime-local` value (the reader's own clock) for an instant, to prefill a form. */
export function isoToLocalInput(iso: string): string {
  const date = new Date(iso);
  if (!Number.isFinite(date.getTime())) return '';
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
