import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

let dir: string;

function write(name: string, value: unknown): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, JSON.stringify(value));
  return file;
}

const clockwiseSquare = { type: 'Polygon', coordinates: [[[35.8, 33.1], [35.8, 33.2], [35.9, 33.2], [35.9, 33.1], [35.8, 33.1]]] };

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fusion-cell-geo-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('fusion-cell geo check', () => {
  it('accepts a valid polygon, saying how many vertices and that its winding was normalised', async () => {
    const result = await runCli(['geo', 'check', write('zone.geojson', clockwiseSquare)]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^valid: Polygon, 4 vertices/);
    expect(result.stdout).toMatch(/winding normalised/);
  });

  it('refuses a bowtie, naming the defect, where the edges cross and the path', async () => {
    const bowtie = { type: 'Polygon', coordinates: [[[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]]] };
    const result = await runCli(['geo', 'check', write('bowtie.geojson', bowtie)]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('invalid: self-intersection');
    expect(result.stdout).toContain('self-intersection at [1, 1] (ring 0)');
    expect(result.stdout).toContain('at coordinates[0]');
  });

  it('refuses a Feature as the server would, asking for its geometry', async () => {
    const feature = { type: 'Feature', properties: { name: 'zone A' }, geometry: clockwiseSquare };
    const result = await runCli(['geo', 'check', write('feature.geojson', feature)]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('invalid: not-a-geometry');
    expect(result.stdout).toContain('a geometry is expected, not a Feature; give its `geometry`');
  });

  it('refuses a file that is not JSON', async () => {
    const file = path.join(dir, 'broken.geojson');
    fs.writeFileSync(file, '{ "type": ');
    const result = await runCli(['geo', 'check', file]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/not valid JSON/);
  });
});
