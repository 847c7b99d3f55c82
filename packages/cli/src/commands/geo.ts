import fs from 'node:fs';
import { Command } from 'commander';
import { formatFieldPath } from '@fusion-cell/protocol';
import { checkArea, MAX_AREA_VERTICES, type AreaCheck } from '@fusion-cell/protocol/geo-validity';
import type { Place } from '@fusion-cell/protocol';
import { ClientError } from '../client/client-error.ts';

interface CheckFlags {
  allowPoint?: boolean;
  maxVertices?: number;
  json?: boolean;
}

function readGeometryFile(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new ClientError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ClientError(`${file} is not valid JSON`);
  }
}

function parseLimit(value: string): number {
  const limit = Number(value);
  if (!Number.isSafeInteger(limit) || limit < 4) throw new ClientError(`--max-vertices takes a whole number of at least 4, not ${JSON.stringify(value)}`);
  return limit;
}

export function geoCommand(): Command {
  const geo = new Command('geo').description('work with the GeoJSON geometries of zones, notices and incidents, offline');
  geo
    .command('check')
    .description('check, offline and as the server does, that a file holds a valid GeoJSON Polygon or MultiPolygon (WGS 84); exits 1 naming the first defect')
    .argument('<file>', 'a .geojson file holding one geometry (not a Feature)')
    .option('--allow-point', "accept a Point too, as for an incident's place")
    .option('--max-vertices <count>', `the most positions, all rings together (default ${MAX_AREA_VERTICES})`, parseLimit)
    .option('--json', 'print the result as JSON')
    .action((file: string, flags: CheckFlags) => {
      const result = checkArea(readGeometryFile(file), {
        allowPoint: flags.allowPoint === true,
        ...(flags.maxVertices !== undefined ? { maxVertices: flags.maxVertices } : {}),
      });
      if (flags.json) console.log(JSON.stringify(result, null, 2));
      else process.stdout.write(formatAreaCheck(result));
      if (!result.valid) process.exitCode = 1;
    });
  return geo;
}

/** The verdict on a geometry, for a terminal. */
export function formatAreaCheck(result: AreaCheck<Place>): string {
  if (!result.valid) {
    const { code, message, path } = result.defect;
    return `invalid: ${code}\n  ${message}\n  at ${path.length > 0 ? formatFieldPath(path) : '(the geometry itself)'}\n`;
  }
  const { area } = result;
  if (area.type === 'Point') return `valid: Point [${area.coordinates.join(', ')}]\n`;
  const polygons = area.type === 'Polygon' ? [area.coordinates] : area.coordinates;
  const rings = polygons.flat();
  const positions = rings.reduce((total, ring) => total + ring.length, 0);
  // A ring repeats its first position at the end: the vertices are one fewer than the positions.
  const vertices = positions - rings.length;
  const parts = area.type === 'MultiPolygon' ? `${polygons.length} polygon${polygons.length === 1 ? '' : 's'}, ` : '';
  const lines = [`valid: ${area.type}, ${vertices} vertices (${parts}${rings.length} ring${rings.length === 1 ? '' : 's'}, ${positions} positions)`];
  if (result.windingNormalised) lines.push('  winding normalised: the server keeps exterior rings counter-clockwise and holes clockwise (RFC 7946)');
  return `${lines.join('\n')}\n`;
}
