/// <reference types="@geoman-io/leaflet-geoman-free" />
import L from 'leaflet';
// Geoman's build is a classic script that patches the global `L` as it runs. Bundled as a module
// it would be grouped with the other libraries and run before Leaflet has set that global, which
// stops the whole app at start; so it ships as a file of its own, run as a script (allowed by
// script-src 'self') on the first "Draw area", after Leaflet.
import geomanUrl from '@geoman-io/leaflet-geoman-free?url&no-inline';

let loading: Promise<void> | undefined;

function loadScript(): Promise<void> {
  loading ??= new Promise<void>((resolve, reject) => {
    if ('PM' in L) {
      resolve();
      return;
    }
    const globals = window as unknown as { L?: typeof L };
    globals.L ??= L;
    const script = document.createElement('script');
    script.src = geomanUrl;
    script.async = true;
    script.addEventListener('load', () => ('PM' in L ? resolve() : reject(new Error('geoman: loaded but not installed'))));
    script.addEventListener('error', () => {
      script.remove();
      reject(new Error('geoman: could not be loaded'));
    });
    document.head.append(script);
  });
  loading.catch(() => {
    loading = undefined;
  });
  return loading;
}

/** The map's Geoman, installed on a map made before Geoman was loaded. */
export async function geomanOf(map: L.Map): Promise<L.PM.PMMap> {
  await loadScript();
  if (map.pm === undefined) {
    const { PM } = L as unknown as { PM: { Map: new (map: L.Map) => L.PM.PMMap } };
    map.pm = new PM.Map(map);
    map.pm.setGlobalOptions({});
  }
  return map.pm;
}

/** What Geoman's own toolbar calls to finish or step back; it has no public name for either. */
export interface PolygonDrawing {
  _finishShape(): void;
  _removeLastVertex(): void;
}

export function polygonDrawing(pm: L.PM.PMMap): PolygonDrawing {
  return (pm.Draw as unknown as { Polygon: PolygonDrawing }).Polygon;
}
