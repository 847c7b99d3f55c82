import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildDerivedState } from '../src/record/rebuild.ts';
import { ENGINES, type TestStorage } from './support/engines.ts';
import { SigningClient } from './support/signing-client.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';

const HOUR = 3_600_000;
const square = (lon: number, lat: number, size = 0.02) => ({
  type: 'Polygon',
  coordinates: [[[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]],
});

/** The de-escalation track: zones signed into force, notices checked as they are entered, incidents and the register. */
describe.each(ENGINES)('de-escalation on $engine', (setup) => {
  let storage: TestStorage;
  let server: TestServer;
  let syHead: SigningClient;
  let ilHead: SigningClient;
  let usChief: SigningClient;
  let syDuty: SigningClient;
  let ilDuty: SigningClient;
  let usDuty: SigningClient;

  beforeAll(async () => {
    storage = await setup.create();
    server = await startTestServer(storage, { checkpointIntervalMs: 60_000, timerIntervalMs: 3_600_000 });
    const open = (username: string) => SigningClient.open(server.url, username, server.passwordOf(username));
    [syHead, ilHead, usChief, syDuty, ilDuty, usDuty] = await Promise.all([open('sy.head'), open('il.head'), open('us.chief'), open('sy.duty1'), open('il.duty1'), open('us.duty1')]);
  });

  afterAll(async () => {
    await server.close();
    await storage.cleanup();
  });

  let authored = 0;
  const now = () => new Date(server.clock.now() + ++authored).toISOString();
  const at = (offset: number) => new Date(server.clock.now() + offset).toISOString();
  const db = () => server.handle.services.db;
  // A region far from the demo's zones, so each test draws its own.
  let lon = 20;
  const freshRegion = () => (lon += 1);

  const zone = (client: SigningClient, area: object, rule: object = { kind: 'no-forces' }, replaces?: string) =>
    client.send({
      type: 'zone',
      track: 'deescalation',
      references: replaces ? [replaces] : [],
      authoredAt: now(),
      payload: { name: { en: 'Test zone' }, area, rule, language: 'en' } as never,
    });
  const sign = (client: SigningClient, version: string) => client.send({ type: 'document.sign', track: 'deescalation', references: [version], authoredAt: now(), payload: { act: 'signature', version } as never });
  const inForce = async (area: object, rule?: object) => {
    const made = await zone(usChief, area, rule);
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    for (const head of [syHead, ilHead, usChief]) expect((await sign(head, made.body.id)).status).toBe(201);
    return made.body.id as string;
  };
  const notice = (client: SigningClient, area: object, overrides: Record<string, unknown> = {}, compartment = 'plenary', references: string[] = []) =>
    client.send({
      type: 'activity.notice',
      track: 'deescalation',
      compartment,
      references,
      authoredAt: now(),
      payload: {
        kind: 'exercise',
        description: 'Battalion exercise',
        language: 'en',
        area,
        window: { from: at(72 * HOUR), to: at(80 * HOUR) },
        size: { category: 'medium', personnel: 400, equipment: [{ category: 'tanks', count: 10 }] },
        semantics: 'information-only',
        ...overrides,
      } as never,
    });
  const findingsOf = async (subject: string) => {
    const rows = await db()
      .selectFrom('findings')
      .innerJoin('log_entries', 'log_entries.item_id', 'findings.item_id')
      .select(['findings.check_key', 'findings.result', 'log_entries.leaf', 'log_entries.compartment_id'])
      .where('findings.subject_id', '=', subject)
      .execute();
    return Object.fromEntries(rows.map((row) => [row.check_key, { result: row.result, compartment: row.compartment_id, payload: JSON.parse(row.leaf).envelope.payload }]));
  };

  describe('zones', () => {
    it('are in force only once every side and the supervisor signed the same version', async () => {
      const area = square(freshRegion(), 30);
      const made = await zone(usChief, area);
      await sign(syHead, made.body.id);
      await sign(ilHead, made.body.id);
      const before = await notice(ilDuty, square(lon + 0.005, 30.005, 0.005));
      expect((await findingsOf(before.body.id))['area-in-zone']).toMatchObject({ result: 'clear' });
      await sign(usChief, made.body.id);
      const after = await notice(ilDuty, square(lon + 0.005, 30.005, 0.005));
      expect((await findingsOf(after.body.id))['area-in-zone']).toMatchObject({ result: 'flagged' });
    });

    it('keeps the old version in force until the new one is signed, and refuses signing a stale version', async () => {
      const area = square(freshRegion(), 30, 0.1);
      const v1 = await inForce(area, { kind: 'limited-forces', caps: { personnel: 500, equipment: [] } });
      const v2 = await zone(ilHead, area, { kind: 'no-forces' }, v1);
      expect(v2.status).toBe(201);
      const during = await notice(syDuty, square(lon + 0.01, 30.01));
      expect((await findingsOf(during.body.id))['area-in-zone']?.payload.detail.zones[0]).toMatchObject({ zone: v1, version: v1, rule: 'limited-forces', relation: 'within' });
      const stale = await sign(syHead, v1);
      expect(stale.status).toBe(409);
      expect(stale.body.error.message).toContain('stale');
      for (const head of [syHead, ilHead, usChief]) expect((await sign(head, v2.body.id)).status).toBe(201);
      const later = await notice(syDuty, square(lon + 0.01, 30.01));
      expect((await findingsOf(later.body.id))['area-in-zone']).toMatchObject({ result: 'flagged', payload: { detail: { zones: [{ zone: v1, version: v2.body.id, breach: 'intrusion' }] } } });
    });

    it.each([
      ['a bowtie', { type: 'Polygon', coordinates: [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]] }, 'self-intersection', 'body.envelope.payload.area'],
      ['an open ring', { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1]]] }, 'end where it starts', 'body.envelope.payload.area.coordinates[0]'],
      ['a ring of three positions', { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [0, 0]]] }, 'four positions', 'body.envelope.payload.area.coordinates[0]'],
      ['a latitude out of range', { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 95], [0, 0]]] }, '', 'body.envelope.payload.area.coordinates[0][2][1]'],
      ['a Feature', { type: 'Feature', geometry: square(1, 1), properties: {} }, '', 'body.envelope.payload.area'],
    ])('refuses %s, naming the defect and where it is', async (_name, area, message, field) => {
      const refused = await zone(usChief, area);
      expect(refused.status).toBe(400);
      expect(refused.body.error.field).toContain(field);
      expect(refused.body.error.message).toContain(message);
    });

    it('refuses too many vertices, and a payload too large for the record', async () => {
      // Short coordinates, so the payload stays under the record's 64 KiB and the vertex limit speaks.
      const ring = Array.from({ length: 2_500 }, (_, index) => [index % 50, Math.floor(index / 50)]);
      ring.push(ring[0] as number[]);
      const refused = await zone(usChief, { type: 'Polygon', coordinates: [ring] });
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toMatch(/at most 2000 positions/);
      const million = Array.from({ length: 1_000_000 }, (_, index) => [index % 100, 1]);
      const huge = await usChief.post('/api/v1/items', { envelope: { type: 'zone', payload: { area: { type: 'Polygon', coordinates: [million] } } }, signature: 'x' });
      expect([400, 413]).toContain(huge.status);
    });

    it('accepts either winding: a clockwise ring encloses the same area', async () => {
      const area = square(freshRegion(), 30);
      const clockwise = { type: 'Polygon', coordinates: [[...area.coordinates[0]!].reverse()] };
      await inForce(clockwise);
      const inside = await notice(syDuty, square(lon + 0.005, 30.005, 0.005));
      expect((await findingsOf(inside.body.id))['area-in-zone']).toMatchObject({ result: 'flagged' });
    });
  });

  describe('notices', () => {
    it('are checked in the same commit: the finding is in the record when the notice is acknowledged', async () => {
      const zoneId = await inForce(square(freshRegion(), 31, 0.1));
      const sent = await notice(syDuty, square(lon + 0.02, 31.02));
      expect(sent.status).toBe(201);
      // No timer ran: the finding committed with the notice, right after it in its log.
      const findings = await findingsOf(sent.body.id);
      expect(findings['area-in-zone']).toMatchObject({ result: 'flagged', compartment: 'plenary', payload: { checked: [zoneId], detail: { zones: [{ breach: 'intrusion', relation: 'within' }] } } });
      expect(findings['notice-lead-time']).toMatchObject({ result: 'clear' });
      expect(findings['notice-overlap']).toMatchObject({ result: 'clear' });
      const finding = await db().selectFrom('findings').select('item_id').where('subject_id', '=', sent.body.id).where('check_key', '=', 'area-in-zone').executeTakeFirstOrThrow();
      const entries = await db().selectFrom('log_entries').select(['item_id', 'idx', 'received_at']).where('item_id', 'in', [sent.body.id, finding.item_id]).orderBy('idx').execute();
      expect(entries.map((entry) => entry.item_id)).toEqual([sent.body.id, finding.item_id]);
      expect(Number(entries[0]?.received_at)).toBe(Number(entries[1]?.received_at));
      // The author's party owes an answer to the flagged finding, with its own deadline.
      const owed = await db().selectFrom('obligations').select(['party_id', 'required']).where('item_id', '=', finding.item_id).execute();
      expect(owed).toEqual([{ party_id: 'sy', required: 'understood' }]);
    });

    it('compares counts with a limited-forces zone’s caps', async () => {
      await inForce(square(freshRegion(), 31, 0.1), { kind: 'limited-forces', caps: { personnel: 300, equipment: [{ category: 'tanks', max: 20 }, { category: 'artillery', max: 0, aboveCalibreMm: 122 }] } });
      const within = await notice(ilDuty, square(lon + 0.02, 31.02), { size: { category: 'small', personnel: 200, equipment: [{ category: 'artillery', count: 6, calibreMm: 105 }] } });
      expect((await findingsOf(within.body.id))['area-in-zone']).toMatchObject({ result: 'clear' });
      const over = await notice(ilDuty, square(lon + 0.02, 31.02), { size: { category: 'large', personnel: 400, equipment: [{ category: 'artillery', count: 2, calibreMm: 155 }] } });
      expect((await findingsOf(over.body.id))['area-in-zone']?.payload.detail.zones[0]).toMatchObject({
        breach: 'over-caps',
        exceeded: [
          { what: 'personnel', count: 400, cap: 300 },
          { what: 'artillery', aboveCalibreMm: 122, count: 2, cap: 0 },
        ],
      });
    });

    it('treats a zone met only along its border as touched, not intruded', async () => {
      await inForce(square(freshRegion(), 31, 0.1));
      const outside = await notice(ilDuty, square(lon + 0.1, 31.02));
      expect((await findingsOf(outside.body.id))['area-in-zone']).toMatchObject({ result: 'clear', payload: { detail: { zones: [{ relation: 'touches' }] } } });
    });

    it('flags another party’s notice overlapping in space and time, not its own, not another time', async () => {
      const base = freshRegion();
      const first = await notice(syDuty, square(base, 32, 0.05));
      const own = await notice(syDuty, square(base + 0.01, 32.01, 0.05));
      const other = await notice(ilDuty, square(base + 0.01, 32.01, 0.05));
      const later = await notice(ilDuty, square(base + 0.01, 32.01, 0.05), { window: { from: at(200 * HOUR), to: at(210 * HOUR) } });
      expect((await findingsOf(own.body.id))['notice-overlap']).toMatchObject({ result: 'clear' });
      const overlap = (await findingsOf(other.body.id))['notice-overlap'];
      expect(overlap?.result).toBe('flagged');
      expect(overlap?.payload.detail.notices).toEqual(
        expect.arrayContaining([expect.objectContaining({ notice: first.body.id, party: 'sy', kind: 'exercise' }), expect.objectContaining({ notice: own.body.id, party: 'sy' })]),
      );
      expect((await findingsOf(later.body.id))['notice-overlap']).toMatchObject({ result: 'clear' });
    });

    it('checks a caucus notice only against what every reader of that caucus may see', async () => {
      const base = freshRegion();
      const inOtherCaucus = await notice(ilDuty, square(base, 33, 0.05), {}, 'caucus-il');
      expect(inOtherCaucus.status).toBe(201);
      const zoneId = await inForce(square(base, 33, 0.1));
      const caucusNotice = await notice(syDuty, square(base + 0.01, 33.01, 0.02), {}, 'caucus-sy');
      const findings = await findingsOf(caucusNotice.body.id);
      // The plenary's zone is seen by all of caucus-sy; Israel's caucus is not.
      expect(findings['area-in-zone']).toMatchObject({ result: 'flagged', compartment: 'caucus-sy', payload: { checked: [zoneId] } });
      expect(findings['notice-overlap']).toMatchObject({ result: 'clear', payload: { checked: [] } });
    });

    it('marks a late notice late, by how much, and accepts it', async () => {
      const late = await notice(syDuty, square(freshRegion(), 34), { window: { from: at(10 * HOUR), to: at(12 * HOUR) } });
      expect(late.status).toBe(201);
      expect((await findingsOf(late.body.id))['notice-lead-time']).toMatchObject({ result: 'flagged', payload: { detail: { requiredMs: 48 * HOUR, lateByMs: 38 * HOUR } } });
    });

    it('refuses a window that ends before it starts, naming window.to', async () => {
      const refused = await notice(syDuty, square(freshRegion(), 34), { window: { from: at(80 * HOUR), to: at(72 * HOUR) } });
      expect(refused.status).toBe(400);
      expect(refused.body.error.field).toBe('body.envelope.payload.window.to');
    });

    it('is amended or cancelled by its author’s party only, once', async () => {
      const original = await notice(syDuty, square(freshRegion(), 35));
      const byOther = await notice(ilDuty, square(lon, 35), { amends: original.body.id }, 'plenary', [original.body.id]);
      expect(byOther.status).toBe(403);
      const cancelByOther = await ilDuty.send({ type: 'activity.cancel', track: 'deescalation', references: [original.body.id], authoredAt: now(), payload: {} as never });
      expect(cancelByOther.status).toBe(403);
      const unnamed = await notice(syHead, square(lon, 35), {}, 'plenary', [original.body.id]);
      expect(unnamed.status).toBe(400);
      expect(unnamed.body.error.field).toBe('body.envelope.payload.amends');

      const amended = await notice(syHead, square(lon, 35), { amends: original.body.id, description: 'Smaller exercise' }, 'plenary', [original.body.id]);
      expect(amended.status).toBe(201);
      // Israel no longer owes an answer to the replaced notice, but to the amendment.
      const owed = await db().selectFrom('obligations').select(['item_id', 'met_by']).where('party_id', '=', 'il').where('item_id', 'in', [original.body.id, amended.body.id]).execute();
      expect(owed).toEqual(expect.arrayContaining([{ item_id: original.body.id, met_by: amended.body.id }, { item_id: amended.body.id, met_by: null }]));
      const again = await notice(syHead, square(lon, 35), { amends: original.body.id }, 'plenary', [original.body.id]);
      expect(again.status).toBe(409);

      const cancelled = await syDuty.send({ type: 'activity.cancel', track: 'deescalation', references: [amended.body.id], authoredAt: now(), payload: { reason: 'Postponed', language: 'en' } as never });
      expect(cancelled.status).toBe(201);
      const state = (await ilDuty.get(`/api/v1/items/${amended.body.id}/state`)).body;
      expect(state.lifecycle).toMatchObject({ name: 'notice', state: 'cancelled' });
    });

    it('never takes an acknowledgment below consent as consent', async () => {
      const asking = await notice(syDuty, square(freshRegion(), 36), { semantics: 'consent-requested' });
      const received = await ilDuty.send({ type: 'ack', track: 'deescalation', references: [asking.body.id], authoredAt: now(), payload: { level: 'received' } as never });
      expect(received.status).toBe(201);
      const understood = await ilDuty.send({ type: 'ack', track: 'deescalation', references: [asking.body.id], authoredAt: now(), payload: { level: 'understood' } as never });
      expect(understood.status).toBe(201);
      const owed = await db().selectFrom('obligations').select(['required', 'met_at']).where('item_id', '=', asking.body.id).where('party_id', '=', 'il').executeTakeFirstOrThrow();
      expect(owed).toMatchObject({ required: 'accepted', met_at: null });
      const contested = await ilDuty.send({ type: 'ack', track: 'deescalation', references: [asking.body.id], authoredAt: now(), payload: { level: 'contested', reason: 'Too close to the line', language: 'en' } as never });
      expect(contested.status).toBe(201);
      const after = await db().selectFrom('obligations').select('met_at').where('item_id', '=', asking.body.id).where('party_id', '=', 'il').executeTakeFirstOrThrow();
      expect(after.met_at).not.toBeNull();
    });
  });

  describe('incidents and the register', () => {
    const incident = (client: SigningClient, overrides: Record<string, unknown> = {}, omit: string[] = []) =>
      client.send({
        type: 'incident.report',
        track: 'deescalation',
        authoredAt: now(),
        payload: Object.fromEntries(
          Object.entries({ what: 'Shots fired across the line', language: 'en', place: { type: 'Point', coordinates: [lon + 0.01, 37.01] }, occurredAt: at(-2 * HOUR), violation: true, article: 'Article 1', allegedParty: 'sy', ...overrides }).filter(([key]) => !omit.includes(key)),
        ) as never,
      });

    it('places an incident against the zones in force', async () => {
      await inForce(square(freshRegion(), 37, 0.1));
      const reported = await incident(ilDuty);
      expect(reported.status).toBe(201);
      expect((await findingsOf(reported.body.id))['area-in-zone']).toMatchObject({ result: 'flagged', payload: { detail: { zones: [{ relation: 'within', breach: 'intrusion' }] } } });
    });

    it('keeps one register entry with each party’s status and the supervisor’s verdict', async () => {
      const reported = await incident(ilDuty, { place: { type: 'Point', coordinates: [freshRegion(), 37] } });
      const position = (client: SigningClient, payload: object) => client.send({ type: 'violation.position', track: 'deescalation', references: [reported.body.id], authoredAt: now(), payload: payload as never });
      const verdict = (client: SigningClient, payload: object) => client.send({ type: 'violation.verdict', track: 'deescalation', references: [reported.body.id], authoredAt: now(), payload: payload as never });
      expect((await position(syDuty, { status: 'contested' })).status).toBe(400);
      expect((await position(syDuty, { status: 'contested', reason: 'Our patrol was on our side', language: 'en' })).status).toBe(201);
      const bySide = await verdict(syDuty, { verdict: 'verified', findings: 'We saw nothing', language: 'en' });
      expect(bySide.status).toBe(403);
      expect((await verdict(usDuty, { verdict: 'verified', findings: 'Observers confirmed the crossing', language: 'en' })).status).toBe(201);

      const register = (await usDuty.get('/api/v1/deescalation/register')).body;
      const entry = register.entries.find((candidate: { incident: string }) => candidate.incident === reported.body.id);
      expect(entry).toMatchObject({ reportedBy: 'il', allegedParty: 'sy', status: 'verified', parties: { il: { status: 'alleged' }, sy: { status: 'contested' }, us: { status: 'verified' } } });
      expect(register.counts.some((count: { status: string; party: string }) => count.status === 'verified' && count.party === 'sy')).toBe(true);
      const csv = await usDuty.get('/api/v1/deescalation/register?format=csv');
      expect(csv.status).toBe(200);
      expect(String(csv.body)).toContain(`${reported.body.id},`);
      expect(String(csv.body).split('\r\n')[0]).toBe('incident,occurred_at,reported_at,reported_by,alleged_party,article,status,status_sy,status_il,status_us,what');
    });

    it('refuses a position on an incident that alleges no violation, and evidence never uploaded', async () => {
      const plain = await incident(ilDuty, { violation: false }, ['article', 'allegedParty']);
      expect(plain.status).toBe(201);
      const position = await syDuty.send({ type: 'violation.position', track: 'deescalation', references: [plain.body.id], authoredAt: now(), payload: { status: 'acknowledged' } as never });
      expect(position.status).toBe(400);
      expect(position.body.error.field).toBe('body.envelope.references[0]');
      const missing = await incident(ilDuty, { evidence: [{ sha256: 'a'.repeat(64), name: 'photo.jpg', mediaType: 'image/jpeg', size: 1000 }] });
      expect(missing.status).toBe(400);
      expect(missing.body.error.field).toBe('body.envelope.payload.evidence[0].sha256');
    });

    it('keeps caucus incidents out of the other side’s register', async () => {
      const hidden = await syDuty.send({
        type: 'incident.report',
        track: 'deescalation',
        compartment: 'caucus-sy',
        authoredAt: now(),
        payload: { what: 'Internal report', language: 'ar', place: { type: 'Point', coordinates: [36, 33] }, occurredAt: at(-HOUR), violation: true } as never,
      });
      expect(hidden.status).toBe(201);
      const ofIsrael = (await ilDuty.get('/api/v1/deescalation/register')).body;
      expect(ofIsrael.entries.map((entry: { incident: string }) => entry.incident)).not.toContain(hidden.body.id);
      const ofSupervisor = (await usDuty.get('/api/v1/deescalation/register')).body;
      expect(ofSupervisor.entries.map((entry: { incident: string }) => entry.incident)).toContain(hidden.body.id);
    });
  });

  it('rebuilds places, lifecycles and findings from the logs to the same state', async () => {
    const report = await rebuildDerivedState(db(), { repair: false });
    expect(report.differences).toEqual([]);
  });
});
