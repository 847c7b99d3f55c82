import { planStixImport, TLP2_MARKING_IDS, validateStixBundle, type IntelReportPayload } from '@fusion-cell/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, type TestStorage } from './support/engines.ts';
import { SigningClient } from './support/signing-client.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';

type Bundle = { type: string; id: string; objects: Array<Record<string, unknown>> };

const report = (overrides: Partial<IntelReportPayload> = {}): IntelReportPayload => ({
  title: 'Convoy movement near Quneitra',
  summary: 'Twelve trucks seen moving south at dawn.',
  body: 'Twelve trucks seen moving south at dawn. The convoy stopped twice.',
  language: 'en',
  tlp: 'AMBER',
  reliability: 'B',
  credibility: 2,
  informationTime: '2026-01-10T05:30:00.000Z',
  location: { type: 'Point', coordinates: [35.824, 33.125] },
  ...overrides,
});
const withoutLocation = ({ location: _location, ...rest }: IntelReportPayload): IntelReportPayload => rest;

/** STIX export and import of reports: what each member may export, and bundles checked before anything is signed. */
describe.each(ENGINES)('STIX 2.1 export and import on $engine', (setup) => {
  let storage: TestStorage;
  let server: TestServer;
  let syAnalyst: SigningClient;
  let ilAnalyst: SigningClient;
  let syCommercial: SigningClient;
  let amberId: string;
  let redId: string;

  let authored = 0;
  const now = () => new Date(server.clock.now() + ++authored).toISOString();
  const file = async (client: SigningClient, payload: IntelReportPayload, compartment: string) => {
    const made = await client.send({ type: 'intel.report', track: 'intelligence', compartment, references: [], authoredAt: now(), payload: payload as never });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    return made.body.id as string;
  };
  const exported = async (client: SigningClient, compartment?: string) => {
    const answer = await client.get(`/api/v1/stix/export${compartment ? `?compartment=${compartment}` : ''}`);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return answer.body as Bundle;
  };
  const reportCount = async () => Number((await server.handle.services.db.selectFrom('items').select((eb) => eb.fn.countAll().as('n')).where('type', '=', 'intel.report').executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    storage = await setup.create();
    server = await startTestServer(storage, { checkpointIntervalMs: 60_000, timerIntervalMs: 3_600_000 });
    const open = (username: string) => SigningClient.open(server.url, username, server.passwordOf(username));
    [syAnalyst, ilAnalyst, syCommercial] = await Promise.all([open('sy.analyst'), open('il.analyst'), open('sy.commercial')]);
    amberId = await file(syAnalyst, report(), 'plenary');
    redId = await file(syAnalyst, withoutLocation(report({ title: 'Observation post on the ridge', tlp: 'RED' })), 'caucus-sy');
    const opinion = await ilAnalyst.send({
      type: 'intel.opinion',
      track: 'intelligence',
      references: [amberId],
      authoredAt: now(),
      payload: { opinion: 'disagree', explanation: 'The trucks were empty.', language: 'en' } as never,
    });
    expect(opinion.status, JSON.stringify(opinion.body)).toBe(201);
  });

  afterAll(async () => {
    await server?.close();
    await storage?.cleanup();
  });

  it('exports the reports a member may see, with the opinions on them, as a valid STIX 2.1 bundle, the same twice', async () => {
    const bundle = await exported(ilAnalyst);
    expect(validateStixBundle(bundle).ok).toBe(true);
    const reports = bundle.objects.filter((object) => object['type'] === 'report');
    // The demo's own reports may be there too; the caucus report of the other side never is.
    expect(reports.map((object) => object['x_fusion_cell_item'])).toContain(amberId);
    expect(reports.map((object) => object['x_fusion_cell_item'])).not.toContain(redId);
    const amber = reports.find((object) => object['x_fusion_cell_item'] === amberId);
    expect(amber).toMatchObject({ object_marking_refs: [TLP2_MARKING_IDS.AMBER], x_fusion_cell_reliability: 'B', x_fusion_cell_credibility: 2 });
    const opinions = bundle.objects.filter((object) => object['type'] === 'opinion' && (object['object_refs'] as string[]).includes(amber?.['id'] as string));
    expect(opinions).toEqual([expect.objectContaining({ opinion: 'disagree', explanation: 'The trucks were empty.' })]);
    expect(await exported(ilAnalyst)).toEqual(bundle);
  });

  it('exports a RED report only to the readers of its compartment; to anyone else it is as a compartment that does not exist', async () => {
    const own = await exported(syAnalyst, 'caucus-sy');
    expect(own.objects.filter((object) => object['type'] === 'report').map((object) => [object['x_fusion_cell_item'], object['object_marking_refs']])).toContainEqual([redId, [TLP2_MARKING_IDS.RED]]);
    const hidden = await ilAnalyst.get('/api/v1/stix/export?compartment=caucus-sy');
    const missing = await ilAnalyst.get('/api/v1/stix/export?compartment=caucus-zz');
    expect(hidden.status).toBe(404);
    expect(hidden.body).toEqual(missing.body);
  });

  it('says what an import would do, and the member’s device enters the reports: export → import → export gives the same reports', async () => {
    const bundle = await exported(syAnalyst, 'caucus-sy');
    const sameAsRed = (object: Record<string, unknown>) => object['type'] === 'report' && object['name'] === 'Observation post on the ridge';
    // Only the report made here, whatever the demo holds in the caucus.
    const mine = { ...bundle, objects: bundle.objects.filter((object) => object['type'] !== 'report' || sameAsRed(object)) };
    const checked = await syAnalyst.post('/api/v1/stix/validate', { compartment: 'caucus-sy', bundle: mine });
    expect(checked.status, JSON.stringify(checked.body)).toBe(200);
    expect(checked.body).toMatchObject({ reports: [{ title: 'Observation post on the ridge', tlp: 'RED' }], mapped: { report: 1 } });
    const reading = validateStixBundle(mine);
    if (!reading.ok) throw new Error('invalid');
    const plan = planStixImport(reading.bundle, { compartmentKind: 'caucus' });
    if (!plan.ok) throw new Error('refused');
    expect(plan.summary).toEqual(checked.body);
    for (const planned of plan.reports) await file(syAnalyst, planned.payload, 'caucus-sy');
    const again = await exported(syAnalyst, 'caucus-sy');
    const comparable = (object: Record<string, unknown>) => [object['name'], object['description'], object['x_fusion_cell_summary'], object['x_fusion_cell_reliability'], object['object_marking_refs']];
    const before = bundle.objects.filter(sameAsRed).map(comparable);
    expect(again.objects.filter(sameAsRed).map(comparable)).toEqual([...before, ...before]);
  });

  it('refuses a malformed bundle with the object and property at fault, and nothing is entered', async () => {
    const before = await reportCount();
    const good = await exported(ilAnalyst);
    const reportIndex = good.objects.findIndex((object) => object['type'] === 'report');
    const reportId = good.objects[reportIndex]?.['id'] as string;
    const variant = (change: (bundle: Bundle) => void) => {
      const copy = structuredClone(good);
      change(copy);
      return copy;
    };
    const cases: Array<{ what: string; bundle: unknown; field: string; message: RegExp }> = [
      {
        what: 'a dangling reference',
        bundle: variant((bundle) => ((bundle.objects[reportIndex] as Record<string, unknown>)['object_refs'] = ['campaign--00000000-0000-4000-8000-000000000000'])),
        field: `body.bundle.objects[${reportIndex}].object_refs[0]`,
        message: new RegExp(`^${reportId} object_refs\\[0\\]: refers to campaign--00000000-0000-4000-8000-000000000000, which the bundle does not hold`),
      },
      {
        what: 'a bad timestamp',
        bundle: variant((bundle) => ((bundle.objects[reportIndex] as Record<string, unknown>)['created'] = '2026-01-10 06:00')),
        field: `body.bundle.objects[${reportIndex}].created`,
        message: new RegExp(`^${reportId} created: must be an RFC 3339 timestamp`),
      },
      {
        what: 'a bad identifier',
        bundle: variant((bundle) => ((bundle.objects[reportIndex] as Record<string, unknown>)['id'] = 'report--not-a-uuid')),
        field: `body.bundle.objects[${reportIndex}].id`,
        message: /^report--not-a-uuid id: "report--not-a-uuid" is not a STIX identifier/,
      },
      { what: 'a STIX 2.0 bundle', bundle: { ...good, spec_version: '2.0' }, field: 'body.bundle.spec_version', message: /STIX 2\.0 bundle: this cell reads STIX 2\.1/ },
      {
        what: 'a type STIX 2.1 does not define',
        bundle: variant((bundle) => bundle.objects.push({ type: 'threat-report', spec_version: '2.1', id: 'threat-report--00000000-0000-4000-8000-000000000000' })),
        field: `body.bundle.objects[${good.objects.length}].type`,
        message: /not an object type STIX 2\.1 defines/,
      },
      {
        what: 'an AMBER+STRICT report for the plenary',
        bundle: variant((bundle) => ((bundle.objects[reportIndex] as Record<string, unknown>)['object_marking_refs'] = [TLP2_MARKING_IDS['AMBER+STRICT']])),
        field: `body.bundle.objects[${reportIndex}].object_marking_refs`,
        message: /AMBER\+STRICT stays within the receiving party/,
      },
    ];
    for (const { what, bundle, field, message } of cases) {
      const answer = await ilAnalyst.post('/api/v1/stix/validate', { compartment: 'plenary', bundle });
      expect(answer.status, what).toBe(400);
      expect(answer.body.error, what).toMatchObject({ code: 'validation_failed', field });
      expect(answer.body.error.message, what).toMatch(message);
    }
    const tooLarge = await ilAnalyst.post('/api/v1/stix/validate', { compartment: 'plenary', bundle: { ...good, x: 'a'.repeat(21 * 1024 * 1024) } });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.error.code).toBe('payload_too_large');
    expect(await reportCount()).toBe(before);
  });

  it('lets only those who may enter reports check a bundle for import', async () => {
    const answer = await syCommercial.post('/api/v1/stix/validate', { compartment: 'plenary', bundle: { type: 'bundle', id: 'bundle--5d0092c5-5f74-4287-9642-33f4c354e56d' } });
    expect(answer.status).toBe(403);
  });
});
