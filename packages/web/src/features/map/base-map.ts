import type { FeatureCollection, Geometry, MultiLineString } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';
// Natural Earth 1:50m: Lebanon's outline has about 60 points (1:10m: 300) for a quarter of the
// weight (740 kB, 225 kB compressed, against 3.6 MB and 900 kB). The base map is context under
// the agreed zones, which carry their own exact lines. Emitted as a file and fetched when a map
// first shows, so neither the app's first load nor its script bundle carries it.
import atlasUrl from 'world-atlas/countries-50m.json?url&no-inline';

export interface BaseMap {
  /** Every country's land as one fill, so the coastline is drawn once. */
  land: FeatureCollection<Geometry>;
  /** Borders between countries only, each drawn once (coastlines are the land's edge). */
  borders: MultiLineString;
}

let loading: Promise<BaseMap> | undefined;

/** Loaded once per page; a failed load is tried again by the next map that asks. */
export function loadBaseMap(): Promise<BaseMap> {
  if (loading !== undefined) return loading;
  const load = (async (): Promise<BaseMap> => {
    const [response, topojson] = await Promise.all([fetch(atlasUrl), import('topojson-client')]);
    if (!response.ok) throw new Error(`base map: HTTP ${response.status}`);
    const topology = (await response.json()) as Topology<{ countries: GeometryCollection; land: GeometryCollection }>;
    return {
      land: topojson.feature(topology, topology.objects.land),
      borders: topojson.mesh(topology, topology.objects.countries, (a, b) => a !== b),
    };
  })();
  loading = load;
  load.catch(() => {
    loading = undefined;
  });
  return load;
}
