// STIX 2.1 from the command line: a bundle checked, dry-run, imported with this client's device, and exported again.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { output, startLoggedInCell, type LoggedInCell, type TestClient } from './client-fixtures.ts';

const VECTOR = fileURLToPath(new URL('../../protocol/test/stix-vectors/spec-examples.json', import.meta.url));

let cell: LoggedInCell;
let sy: TestClient;
let scratch: string;

beforeAll(async () => {
  cell = await startLoggedInCell('fusion-cell-stix-', ['sy.analyst']);
  [sy] = cell.clients as [TestClient];
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'fusion-cell-stix-files-'));
});

afterAll(async () => {
  await cell?.close();
  fs.rmSync(scratch, { recursive: true, force: true });
});

describe('fusion-cell stix', () => {
  it('says what an import would do and enters nothing on a dry run', async () => {
    const result = await sy.run(['stix', 'import', VECTOR, '--compartment', 'caucus-sy', '--dry-run']);
    expect(result.code, output(result)).toBe(0);
    expect(result.stdout).toContain('1 report to enter');
    expect(result.stdout).toMatch(/Kept as STIX: .*indicator 1/);
    expect(result.stdout).toContain('Skipped: ipv4-addr 1 (unreferenced)');
    expect(result.stdout).toContain('Dry run: nothing was entered.');
    const exported = await sy.run(['stix', 'export', '--compartment', 'caucus-sy', '--out', '-']);
    expect(JSON.parse(exported.stdout).objects.filter((object: { type: string }) => object.type === 'report')).toEqual([]);
  });

  it('imports the reports signed by this client’s device, and exports them again', async () => {
    const result = await sy.run(['stix', 'import', VECTOR, '--compartment', 'caucus-sy']);
    expect(result.code, output(result)).toBe(0);
    expect(result.stdout).toMatch(/\[1\/1\] Entered [A-Za-z0-9_-]{43} \(report--84e4d88f-44ea-4bcd-bbf3-b2c1c320bcb3\) to caucus-sy/);
    const file = path.join(scratch, 'out.json');
    const exported = await sy.run(['stix', 'export', '--compartment', 'caucus-sy', '--out', file]);
    expect(exported.code, output(exported)).toBe(0);
    const bundle = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(bundle.objects.find((object: { type: string }) => object.type === 'report')).toMatchObject({ name: 'The Black Vine Cyberespionage Group', report_types: ['campaign'] });
  });

  it('refuses a malformed bundle naming the object and property, and enters nothing', async () => {
    const bundle = JSON.parse(fs.readFileSync(VECTOR, 'utf8'));
    bundle.objects.find((object: { type: string }) => object.type === 'report').object_refs.push('campaign--00000000-0000-4000-8000-000000000000');
    const file = path.join(scratch, 'dangling.json');
    fs.writeFileSync(file, JSON.stringify(bundle));
    const result = await sy.run(['stix', 'import', file, '--compartment', 'caucus-sy']);
    expect(result.code).toBe(1);
    expect(output(result)).toContain('report--84e4d88f-44ea-4bcd-bbf3-b2c1c320bcb3 object_refs[4]: refers to campaign--00000000-0000-4000-8000-000000000000, which the bundle does not hold');
    const twoZero = path.join(scratch, 'old.json');
    fs.writeFileSync(twoZero, JSON.stringify({ ...JSON.parse(fs.readFileSync(VECTOR, 'utf8')), spec_version: '2.0' }));
    expect(output(await sy.run(['stix', 'import', twoZero, '--compartment', 'caucus-sy']))).toMatch(/STIX 2\.0 bundle/);
    const exported = await sy.run(['stix', 'export', '--compartment', 'caucus-sy', '--out', '-']);
    expect(JSON.parse(exported.stdout).objects.filter((object: { type: string }) => object.type === 'report')).toHaveLength(1);
  });
});
