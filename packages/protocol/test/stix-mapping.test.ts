import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  buildStixBundle,
  keptStixObjectsProblem,
  planStixImport,
  TLP2_MARKING_IDS,
  uuidV5,
  validateStixBundle,
  type ExportedOpinion,
  type ExportedReport,
  type IntelReportPayload,
  type StixBundle,
  type StixImportOptions,
} from '../src/index.ts';

const sha1 = (bytes: Uint8Array) => new Uint8Array(createHash('sha1').update(bytes).digest());
const vector = (name: string) => JSON.parse(fs.readFileSync(new URL(`./stix-vectors/${name}`, import.meta.url), 'utf8')) as unknown;
const PARTIES = [
  { id: 'sy', name: 'Syrian Arab Republic' },
  { id: 'il', name: 'State of Israel' },
];

const AMBER_REPORT: IntelReportPayload = {
  title: 'Convoy movement near Quneitra',
  summary: 'Twelve trucks seen moving south at dawn.',
  body: 'Twelve trucks seen moving south at dawn.\n\nThe convoy stopped twice; no weapons were seen.',
  language: 'en',
  tlp: 'AMBER',
  reliability: 'B',
  credibility: 2,
  informationTime: '2026-01-10T05:30:00.000Z',
  location: { type: 'Point', coordinates: [35.824, 33.125] },
  caveats: ['not for release to the press'],
};
const RED_AREA_REPORT: IntelReportPayload = {
  title: 'Observation post activity',
  summary: 'New post on the ridge.',
  body: 'A new observation post was built on the ridge overnight.',
  language: 'ar',
  tlp: 'RED',
  reliability: 'C',
  credibility: 6,
  informationTime: '2026-01-11T22:00:00+02:00',
  location: {
    type: 'Polygon',
    coordinates: [
      [
        [35.8, 33.1],
        [35.9, 33.1],
        [35.9, 33.2],
        [35.8, 33.1],
      ],
    ],
  },
};

function plan(bundle: unknown, options: StixImportOptions = {}) {
  const reading = validateStixBundle(bundle);
  if (!reading.ok) throw new Error(JSON.stringify(reading.problems));
  const planned = planStixImport(reading.bundle, options);
  if (!planned.ok) throw new Error(JSON.stringify(planned.problems));
  return planned;
}

function exported(reports: ExportedReport[], opinions: ExportedOpinion[] = []): StixBundle {
  return buildStixBundle({ cellId: 'paris-2026', parties: PARTIES, reports, opinions, sha1 });
}

/** What must survive a round trip: every object, without the ids and times that change with it. */
function comparable(bundle: StixBundle) {
  const volatile = new Set(['id', 'created', 'modified', 'published', 'object_refs', 'created_by_ref', 'x_fusion_cell_item']);
  return bundle.objects
    .map((object) => Object.fromEntries(Object.entries(object).filter(([name]) => !volatile.has(name))))
    .map((object) => JSON.stringify(object))
    .sort();
}

describe('STIX identifiers', () => {
  it('derives RFC 9562 version 5 UUIDs, stable across exports', () => {
    // RFC 9562's own example: "www.example.com" in the DNS namespace.
    expect(uuidV5('www.example.com', sha1, '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
    const report: ExportedReport = { itemId: 'a'.repeat(43), compartment: 'plenary', authorParty: 'sy', authoredAt: '2026-01-10T06:00:00.000Z', payload: AMBER_REPORT };
    expect(exported([report])).toEqual(exported([report]));
  });
});

describe('exporting reports as STIX 2.1', () => {
  const report: ExportedReport = { itemId: 'r'.repeat(43), compartment: 'plenary', authorParty: 'sy', authoredAt: '2026-01-10T06:00:00.000Z', payload: AMBER_REPORT };
  const opinion: ExportedOpinion = {
    itemId: 'o'.repeat(43),
    authorParty: 'il',
    authoredAt: '2026-01-10T07:00:00.000Z',
    reportItemId: report.itemId,
    payload: { opinion: 'disagree', explanation: 'The trucks were empty.', language: 'en' },
  };

  it('gives a bundle that passes the cell’s own STIX 2.1 checks, with the official TLP 2.0 marking and the grades as custom properties', () => {
    const bundle = exported([report], [opinion]);
    expect(validateStixBundle(bundle).ok).toBe(true);
    const stixReport = bundle.objects.find((object) => object['type'] === 'report') as Record<string, unknown>;
    expect(stixReport).toMatchObject({
      spec_version: '2.1',
      name: AMBER_REPORT.title,
      description: AMBER_REPORT.body,
      lang: 'en',
      confidence: 70,
      object_marking_refs: [TLP2_MARKING_IDS.AMBER],
      x_fusion_cell_reliability: 'B',
      x_fusion_cell_credibility: 2,
      x_fusion_cell_summary: AMBER_REPORT.summary,
    });
    expect(bundle.objects.find((object) => object['type'] === 'marking-definition')).toEqual({
      type: 'marking-definition',
      spec_version: '2.1',
      id: 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
      created: '2022-10-01T00:00:00.000Z',
      name: 'TLP:AMBER',
      extensions: { 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d': { extension_type: 'property-extension', tlp_2_0: 'amber' } },
    });
    expect(bundle.objects.filter((object) => object['type'] === 'identity').map((object) => object['name'])).toEqual(['State of Israel', 'Syrian Arab Republic']);
    expect(bundle.objects.find((object) => object['type'] === 'location')).toMatchObject({ latitude: 33.125, longitude: 35.824 });
    expect(bundle.objects.find((object) => object['type'] === 'opinion')).toMatchObject({ opinion: 'disagree', object_refs: [stixReport['id']] });
  });

  it('round-trips: export → import → export gives the same objects, apart from ids and times', () => {
    const red: ExportedReport = { itemId: 's'.repeat(43), compartment: 'caucus-sy', authorParty: 'sy', authoredAt: '2026-01-12T06:00:00.000Z', payload: RED_AREA_REPORT };
    const first = exported([report, red], [opinion]);
    const imported = plan(first);
    expect(imported.summary.reports.map((entry) => entry.tlp)).toEqual(['AMBER', 'RED']);
    const [again, againRed] = imported.reports;
    expect(again?.payload).toMatchObject({ ...AMBER_REPORT, stix: expect.any(Array) });
    // Its author's identity is kept with it: an imported report says where it came from.
    expect(againRed?.payload).toMatchObject({ ...RED_AREA_REPORT, informationTime: '2026-01-11T20:00:00.000Z' });
    expect(againRed?.payload.stix?.map((object) => object['type'])).toEqual(['report', 'identity']);
    const second = exported([
      { ...report, itemId: 'R'.repeat(43), authoredAt: '2026-02-01T00:00:00.000Z', payload: again?.payload as IntelReportPayload },
      { ...red, itemId: 'S'.repeat(43), authoredAt: '2026-02-01T00:00:01.000Z', payload: againRed?.payload as IntelReportPayload },
    ]);
    expect(validateStixBundle(second).ok).toBe(true);
    expect(comparable(second)).toEqual(comparable(first));
    // The opinion kept with the report now refers to the report it became.
    const newReport = second.objects.find((object) => object['name'] === AMBER_REPORT.title) as Record<string, unknown>;
    expect(second.objects.find((object) => object['type'] === 'opinion')).toMatchObject({ object_refs: [newReport['id']] });
  });
});

describe('importing bundles from elsewhere', () => {
  it('maps the specification’s report, keeps what it refers to and what refers to it, and counts the rest', () => {
    const planned = plan(vector('spec-examples.json'));
    expect(planned.reports).toHaveLength(1);
    const payload = planned.reports[0]?.payload as IntelReportPayload;
    expect(payload).toMatchObject({
      title: 'The Black Vine Cyberespionage Group',
      body: 'A simple report with an indicator and campaign',
      tlp: 'AMBER',
      reliability: 'F',
      credibility: 6,
      informationTime: '2016-01-20T17:00:00.000Z',
      location: { type: 'Point', coordinates: [2.3522, 48.8566] },
    });
    expect(planned.summary.mapped).toEqual({ report: 1, location: 1, 'marking-definition': 1 });
    expect(planned.summary.kept).toEqual({ identity: 1, indicator: 1, malware: 1, relationship: 1, campaign: 1, opinion: 1 });
    expect(planned.summary.skipped).toEqual([{ type: 'ipv4-addr', reason: 'unreferenced', count: 1 }]);
    // The report's own object comes first, without its description (the body holds it).
    expect(payload.stix?.[0]).toMatchObject({ type: 'report', report_types: ['campaign'] });
    expect(payload.stix?.[0]).not.toHaveProperty('description');
    expect(keptStixObjectsProblem(payload.stix ?? [])).toBeUndefined();
  });

  it('reads TLP 1.0 markings, STIX confidence and a language the cell does not write, saying so', () => {
    const planned = plan(vector('misp-like.json'));
    const [report] = planned.summary.reports;
    expect(report).toMatchObject({ tlp: 'CLEAR', language: 'en', notes: [{ code: 'language-fallback', lang: 'fr', language: 'en' }] });
    expect(planned.reports[0]?.payload).toMatchObject({ credibility: 2, reliability: 'F', body: 'Phishing wave against port authorities' });
    expect(planned.summary.kept).toEqual({ identity: 1, indicator: 1, 'ipv4-addr': 1, 'x-misp-object': 1 });
    expect(planned.summary.skipped).toEqual([{ type: 'malware', reason: 'unreferenced', count: 1 }]);
    // What the cell's fields do not carry stays with the report's own object.
    expect(planned.reports[0]?.payload.stix?.[0]).toMatchObject({ labels: expect.any(Array), x_misp_event_info: 'Phishing wave', external_references: expect.any(Array) });
  });

  it('refuses an unmarked report unless a TLP is chosen for it, and a marking the compartment may not hold', () => {
    const bundle = vector('spec-examples.json') as { objects: Array<Record<string, unknown>> };
    const report = bundle.objects.find((object) => object['type'] === 'report') as Record<string, unknown>;
    delete report['object_marking_refs'];
    const reading = validateStixBundle(bundle);
    if (!reading.ok) throw new Error('invalid');
    expect(planStixImport(reading.bundle)).toMatchObject({ ok: false, problems: [{ objectId: report['id'], property: 'object_marking_refs' }] });
    expect(planStixImport(reading.bundle, { unmarkedTlp: 'GREEN' })).toMatchObject({ ok: true, summary: { reports: [{ tlp: 'GREEN', notes: [{ code: 'unmarked', tlp: 'GREEN' }] }] } });
    expect(planStixImport(reading.bundle, { unmarkedTlp: 'AMBER+STRICT', compartmentKind: 'plenary' })).toMatchObject({ ok: false, problems: [{ property: 'object_marking_refs' }] });
  });

  it('keeps what fits in a signed report and counts the rest as too large', () => {
    const bundle = vector('spec-examples.json') as { objects: Array<Record<string, unknown>> };
    const report = bundle.objects.find((object) => object['type'] === 'report') as Record<string, unknown>;
    for (let index = 0; index < 400; index += 1) {
      const id = `indicator--${uuidV5(`many-${index}`, sha1)}`;
      bundle.objects.push({
        type: 'indicator',
        spec_version: '2.1',
        id,
        created: '2016-04-06T20:03:48.000Z',
        modified: '2016-04-06T20:03:48.000Z',
        pattern: `[ipv4-addr:value = '198.51.100.${index % 250}']`,
        pattern_type: 'stix',
        valid_from: '2016-01-01T00:00:00Z',
        description: 'x'.repeat(200),
      });
      (report['object_refs'] as string[]).push(id);
    }
    const planned = plan(bundle);
    const [preview] = planned.summary.reports;
    const tooLarge = planned.summary.skipped.filter((entry) => entry.reason === 'too-large');
    expect(tooLarge.map((entry) => entry.type)).toContain('indicator');
    expect(preview?.notes).toContainEqual({ code: 'too-large', objects: tooLarge.reduce((sum, entry) => sum + entry.count, 0) });
    expect(preview?.kept).toBeGreaterThan(50);
    expect(new TextEncoder().encode(JSON.stringify(planned.reports[0]?.payload)).byteLength).toBeLessThanOrEqual(63 * 1024);
  });
});
