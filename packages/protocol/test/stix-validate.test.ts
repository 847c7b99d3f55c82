import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeStixProblem, MAX_STIX_BUNDLE_BYTES, MAX_STIX_OBJECTS, readStixBundleText, validateStixBundle, type StixProblem } from '../src/index.ts';

const vector = (name: string) => JSON.parse(fs.readFileSync(new URL(`./stix-vectors/${name}`, import.meta.url), 'utf8')) as { type: string; id: string; objects: Array<Record<string, unknown>> };

/** The spec-examples bundle with one object changed. */
function changed(id: string, change: (object: Record<string, unknown>) => void) {
  const bundle = vector('spec-examples.json');
  const object = bundle.objects.find((candidate) => candidate['id'] === id);
  if (!object) throw new Error(`no ${id}`);
  change(object);
  return bundle;
}

function problemOf(value: unknown): StixProblem {
  const reading = validateStixBundle(value);
  if (reading.ok) throw new Error('the bundle was accepted');
  return reading.problems[0] as StixProblem;
}

const REPORT = 'report--84e4d88f-44ea-4bcd-bbf3-b2c1c320bcb3';
const INDICATOR = 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f';

describe('reading STIX 2.1 bundles', () => {
  it('accepts the specification’s own examples, custom objects and properties, and the TLP 1.0 markings it predefines', () => {
    for (const name of ['spec-examples.json', 'misp-like.json']) {
      const reading = validateStixBundle(vector(name));
      expect(reading.ok, name).toBe(true);
    }
  });

  it('refuses a bundle that is not JSON, or not a bundle, naming what it is', () => {
    expect(readStixBundleText('{"type": "bundle",').ok).toBe(false);
    const single = problemOf(vector('spec-examples.json').objects[0]);
    expect(single).toMatchObject({ property: 'type' });
    expect(single.message).toMatch(/one STIX object \(identity\), not a bundle/);
    expect(problemOf([])).toMatchObject({ message: expect.stringMatching(/JSON object/) });
  });

  it('refuses a STIX 2.0 bundle and its per-type arrays with the reason', () => {
    const old = { ...vector('spec-examples.json'), spec_version: '2.0' };
    expect(problemOf(old)).toMatchObject({ property: 'spec_version', message: expect.stringMatching(/STIX 2\.0 bundle: this cell reads STIX 2\.1/) });
    const perType = { type: 'bundle', id: 'bundle--5d0092c5-5f74-4287-9642-33f4c354e56d', reports: [] };
    expect(problemOf(perType)).toMatchObject({ property: 'reports', message: expect.stringMatching(/per-type arrays/) });
    const objectOf20 = changed(INDICATOR, (object) => delete object['spec_version']);
    expect(problemOf(objectOf20)).toMatchObject({ objectId: INDICATOR, property: 'spec_version' });
  });

  it('refuses a type STIX 2.1 does not define, unless it is a custom x- type', () => {
    const bundle = changed(INDICATOR, (object) => {
      object['type'] = 'threat-report';
      object['id'] = 'threat-report--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f';
    });
    expect(problemOf(bundle)).toMatchObject({ objectId: 'threat-report--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f', property: 'type', message: expect.stringMatching(/not an object type STIX 2\.1 defines/) });
  });

  it('refuses a bad identifier, naming the object and the property', () => {
    const notUuid = changed(INDICATOR, (object) => (object['id'] = 'indicator--1234'));
    expect(problemOf(notUuid)).toMatchObject({ objectId: 'indicator--1234', property: 'id' });
    const otherType = changed(INDICATOR, (object) => (object['id'] = 'malware--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f'));
    expect(problemOf(otherType).message).toMatch(/names a malware, but the object is a indicator/);
    const badRef = changed(REPORT, (object) => (object['created_by_ref'] = 'identity--nope'));
    expect(problemOf(badRef)).toMatchObject({ objectId: REPORT, property: 'created_by_ref' });
  });

  it('refuses a bad timestamp: not UTC, not a real date, or modified before created', () => {
    for (const created of ['2015-12-21T19:59:11+02:00', '2015-02-30T10:00:00.000Z', '2015-12-21 19:59:11Z', '2015-12-21T25:00:00Z']) {
      const bundle = changed(REPORT, (object) => (object['created'] = created));
      expect(problemOf(bundle), created).toMatchObject({ objectId: REPORT, property: 'created' });
    }
    const backwards = changed(REPORT, (object) => (object['modified'] = '2015-12-20T00:00:00.000Z'));
    expect(problemOf(backwards)).toMatchObject({ objectId: REPORT, property: 'modified' });
  });

  it('refuses a dangling reference, naming the object, the property and what it names', () => {
    const bundle = changed(REPORT, (object) => (object['object_refs'] = ['campaign--00000000-0000-4000-8000-000000000000']));
    const problem = problemOf(bundle);
    expect(problem).toMatchObject({ objectId: REPORT, property: 'object_refs[0]' });
    expect(describeStixProblem(problem)).toBe(`${REPORT} object_refs[0]: refers to campaign--00000000-0000-4000-8000-000000000000, which the bundle does not hold`);
  });

  it('refuses missing required properties and properties the specification does not define', () => {
    const noName = changed(REPORT, (object) => delete object['name']);
    expect(problemOf(noName)).toMatchObject({ objectId: REPORT, property: 'name' });
    const noRefs = changed(REPORT, (object) => (object['object_refs'] = []));
    expect(problemOf(noRefs)).toMatchObject({ objectId: REPORT, property: 'object_refs' });
    const invented = changed(REPORT, (object) => (object['grade'] = 'B2'));
    expect(problemOf(invented)).toMatchObject({ objectId: REPORT, property: 'grade', message: expect.stringMatching(/custom properties start with x_/) });
    const opinion = changed('opinion--b01efc25-77b4-4003-b18b-f6e24b5cd9f7', (object) => (object['opinion'] = 'maybe'));
    expect(problemOf(opinion)).toMatchObject({ property: 'opinion' });
    const location = changed('location--a6e9345f-5a15-4c29-8bb3-7dcc5d168d64', (object) => delete object['longitude']);
    expect(problemOf(location)).toMatchObject({ property: 'latitude', message: 'latitude and longitude go together' });
  });

  it('refuses an official TLP marking-definition that says another level', () => {
    const bundle = changed('marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421', (object) => (object['name'] = 'TLP:CLEAR'));
    expect(problemOf(bundle).message).toMatch(/official TLP:AMBER marking, but this object says TLP:CLEAR/);
  });

  it('refuses a bundle over the limits before reading it', () => {
    const huge = `{"type":"bundle","id":"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d","objects":[],"x":"${'a'.repeat(MAX_STIX_BUNDLE_BYTES)}"}`;
    const reading = readStixBundleText(huge);
    expect(reading.ok).toBe(false);
    if (!reading.ok) expect(reading.problems[0]?.message).toMatch(/at most 20\.0 MiB/);
    const many = { type: 'bundle', id: 'bundle--5d0092c5-5f74-4287-9642-33f4c354e56d', objects: Array.from({ length: MAX_STIX_OBJECTS + 1 }, () => ({})) };
    expect(problemOf(many)).toMatchObject({ property: 'objects', message: expect.stringMatching(/at most 20000/) });
  });

  it('keeps the latest version of an object the bundle holds twice', () => {
    const bundle = vector('spec-examples.json');
    const indicator = bundle.objects.find((object) => object['id'] === INDICATOR) as Record<string, unknown>;
    bundle.objects.push({ ...indicator, modified: '2017-01-01T00:00:00.000Z', name: 'Poison Ivy Malware, revised' });
    const reading = validateStixBundle(bundle);
    expect(reading.ok).toBe(true);
    if (!reading.ok) return;
    expect(reading.bundle.byId.get(INDICATOR)?.['name']).toBe('Poison Ivy Malware, revised');
    expect(reading.bundle.superseded).toHaveLength(1);
  });
});
