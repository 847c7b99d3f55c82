/** What the de-escalation map draws: one agreed zone, activity notice, incident, finding or intelligence report's location. */
export type MapFeatureKind = 'zone' | 'notice' | 'incident' | 'finding' | 'report';

/** An instant span in epoch milliseconds, both ends included. */
export interface TimeWindow {
  from: number;
  to: number;
}

export type MapGeometry =
  | { type: 'Point'; coordinates: [number, number] }
  | { type: 'Polygon'; coordinates: number[][][] }
  | { type: 'MultiPolygon'; coordinates: number[][][][] };

export interface MapFeature {
  /** The item id; onSelect gets it. */
  id: string;
  kind: MapFeatureKind;
  /** zone: 'in-force' | 'proposed' | 'superseded'; notice: 'active' | 'cancelled' | 'amended'; incident: 'reported'; finding: 'flagged' */
  status: string;
  /** RFC 7946: positions are [longitude, latitude]. */
  geometry: MapGeometry;
  /** Already localised by the caller. */
  label: string;
  /** Zones: drawn differently by rule. */
  rule?: 'no-forces' | 'limited-forces';
  /** Notices: the activity's window, epoch ms; the time slider shows only those overlapping the chosen window. */
  window?: TimeWindow;
  /** Incidents: when it happened; reports: when their information holds; epoch ms. */
  at?: number;
}

/** [[west, south], [east, north]]: RFC 7946 order, longitude first, like every position here. */
export type LonLatBounds = [[number, number], [number, number]];
