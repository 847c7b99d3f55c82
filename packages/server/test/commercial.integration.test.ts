import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildDerivedState } from '../src/record/rebuild.ts';
import { ENGINES, type TestStorage } from './support/engines.ts';
import { SigningClient } from './support/signing-client.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';

type Entry = { opportunity: string; status: string; moves: Array<{ status: string; party: string; type: string }>; interests: Array<{ party: string }> };

/** The commercial track: opportunities moved along their pipeline by their proposer, interests acknowledged, the pipeline summed. */
describe.each(ENGINES)('the commercial track on $engine', (setup) => {
  let storage: TestStorage;
  let server: TestServer;
  let syCommercial: SigningClient;
  let ilCommercial: SigningClient;
  let usChief: SigningClient;
  let syDuty: SigningClient;

  beforeAll(async () => {
    storage = await setup.create();
    server = await startTestServer(storage, { checkpointIntervalMs: 60_000, timerIntervalMs: 3_600_000 });
    const open = (username: string) => SigningClient.open(server.url, username, server.passwordOf(username));
    [syCommercial, ilCommercial, usChief, syDuty] = await Promise.all([open('sy.commercial'), open('il.commercial'), open('us.chief'), open('sy.duty1')]);
  });

  afterAll(async () => {
    await server.close();
    await storage.cleanup();
  });

  let authored = 0;
  const now = () => new Date(server.clock.now() + ++authored).toISOString();
  let titles = 0;
  const payload = (overrides: Record<string, unknown> = {}) => ({
    sector: 'energy',
    title: `Solar plant ${++titles}`,
    description: 'A 50 MW solar plant with storage near the border crossing.',
    sought: 'An investor and an engineering contractor',
    language: 'en',
    value: { min: 40_000_000, max: 60_000_000, currency: 'USD' },
    contactParty: 'sy',
    ...overrides,
  });
  const propose = (client: SigningClient, overrides: Record<string, unknown> = {}, compartment = 'plenary') =>
    client.send({ type: 'opportunity', track: 'commercial', compartment, authoredAt: now(), payload: payload(overrides) as never });
  const proposed = async (client: SigningClient = syCommercial, overrides: Record<string, unknown> = {}, compartment = 'plenary') => {
    const made = await propose(client, overrides, compartment);
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    return made.body.id as string;
  };
  const interest = (client: SigningClient, opportunity: string, compartment = 'plenary') =>
    client.send({ type: 'interest', track: 'commercial', compartment, references: [opportunity], authoredAt: now(), payload: { note: `We are interested (${authored})`, language: 'en' } as never });
  const move = (client: SigningClient, opportunity: string, to: string, compartment = 'plenary') =>
    client.send({ type: 'opportunity.move', track: 'commercial', compartment, references: [opportunity], authoredAt: now(), payload: { to, note: `Moving to ${to}`, language: 'en' } as never });
  const stateOf = async (item: string) => (await syCommercial.get(`/api/v1/items/${item}/state`)).body.lifecycle;
  const pipeline = async (client: SigningClient, query = '') => (await client.get(`/api/v1/commercial/pipeline${query}`)).body as { entries: Entry[]; counts: Array<{ status: string; count: number }>; totals: Array<{ status: string; currency: string; min: number; max: number; count: number }> };
  const entryOf = async (client: SigningClient, opportunity: string) => (await pipeline(client)).entries.find((entry) => entry.opportunity === opportunity);

  it('goes from proposed to agreed with interest from the other side, every move in the record', async () => {
    const opportunity = await proposed();
    expect(await stateOf(opportunity)).toMatchObject({ name: 'opportunity', state: 'proposed', by: opportunity });

    const expressed = await interest(ilCommercial, opportunity);
    expect(expressed.status, JSON.stringify(expressed.body)).toBe(201);
    expect(await stateOf(opportunity)).toMatchObject({ state: 'interest', by: expressed.body.id });

    // The proposer's party owes the interest an acknowledgment, by the rule `interest`: two days.
    const owed = (await syDuty.get('/api/v1/inbox?view=mine')).body.entries.find((entry: { item: string }) => entry.item === expressed.body.id);
    expect(owed).toMatchObject({ party: 'sy', kind: 'ack', required: 'understood', track: 'commercial' });
    expect(Date.parse(owed.dueAt) - Date.parse(owed.receivedAt)).toBe(2 * 86_400_000);
    const ack = await syCommercial.send({ type: 'ack', track: 'commercial', references: [expressed.body.id], authoredAt: now(), payload: { level: 'understood' } as never });
    expect(ack.status, JSON.stringify(ack.body)).toBe(201);
    expect((await syDuty.get('/api/v1/inbox?view=mine')).body.entries.some((entry: { item: string }) => entry.item === expressed.body.id)).toBe(false);

    expect((await move(syCommercial, opportunity, 'discussion')).status).toBe(201);
    const agreed = await move(syCommercial, opportunity, 'agreed');
    expect(agreed.status).toBe(201);
    expect(await stateOf(opportunity)).toMatchObject({ state: 'agreed', by: agreed.body.id });

    // Every party computes the same pipeline from the record.
    for (const client of [syCommercial, ilCommercial, usChief]) {
      const entry = await entryOf(client, opportunity);
      expect(entry?.status).toBe('agreed');
      expect(entry?.moves.map((step) => [step.status, step.party])).toEqual([
        ['interest', 'il'],
        ['discussion', 'sy'],
        ['agreed', 'sy'],
      ]);
    }
    const { counts, totals } = await pipeline(usChief);
    expect(counts.find((count) => count.status === 'agreed')?.count).toBeGreaterThanOrEqual(1);
    expect(totals.find((total) => total.status === 'agreed' && total.currency === 'USD')).toMatchObject({ min: expect.any(Number), max: expect.any(Number) });
  });

  it('refuses another party moving the proposer’s opportunity, naming the mover, and changes nothing', async () => {
    const opportunity = await proposed();
    expect((await interest(ilCommercial, opportunity)).status).toBe(201);
    const refused = await move(ilCommercial, opportunity, 'withdrawn');
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'forbidden', field: 'body.envelope.type' });
    expect(refused.body.error.message).toBe('only the party that entered it (sy) may make this move, not il');
    // The supervisor may not either.
    expect((await move(usChief, opportunity, 'discussion')).status).toBe(403);
    expect(await stateOf(opportunity)).toMatchObject({ state: 'interest' });
  });

  it('refuses a move its status does not allow, naming the status (409)', async () => {
    const opportunity = await proposed();
    const early = await move(syCommercial, opportunity, 'agreed');
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({ code: 'conflict', message: 'opportunity.move cannot be entered while the opportunity is proposed' });
    expect((await move(syCommercial, opportunity, 'withdrawn')).status).toBe(201);
    const late = await interest(ilCommercial, opportunity);
    expect(late.status).toBe(409);
    expect(late.body.error.message).toBe('interest cannot be entered while the opportunity is withdrawn');
    expect((await move(syCommercial, opportunity, 'withdrawn')).status).toBe(409);
  });

  it('refuses a value range whose maximum is below its minimum, and an unknown currency, naming the field', async () => {
    const before = (await pipeline(usChief)).entries.length;
    const backwards = await propose(syCommercial, { value: { min: 5_000_000, max: 1_000_000, currency: 'USD' } });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error).toMatchObject({ code: 'validation_failed', field: 'body.envelope.payload.value.max' });
    expect(backwards.body.error.message).toMatch(/maximum must not be less than the minimum/);
    const unknown = await propose(syCommercial, { value: { min: 1, max: 2, currency: 'XYZ' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ code: 'validation_failed', field: 'body.envelope.payload.value.currency' });
    expect(unknown.body.error.message).toMatch(/XYZ is not an ISO 4217 currency code/);
    const fraction = await propose(syCommercial, { value: { min: 1.5, max: 2, currency: 'USD' } });
    expect(fraction.body.error?.field).toBe('body.envelope.payload.value.min');
    expect((await pipeline(usChief)).entries.length).toBe(before);
  });

  it('refuses a contact party outside the compartment and a location that is not a valid feature', async () => {
    const outside = await propose(syCommercial, { contactParty: 'il' }, 'caucus-sy');
    expect(outside.status).toBe(400);
    expect(outside.body.error).toMatchObject({ field: 'body.envelope.payload.contactParty' });
    const bowtie = await propose(syCommercial, { location: { type: 'Polygon', coordinates: [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]] } });
    expect(bowtie.status).toBe(400);
    expect(bowtie.body.error.field).toContain('body.envelope.payload.location');
    expect((await propose(syCommercial, { location: { type: 'Point', coordinates: [36.3, 33.5] } })).status).toBe(201);
  });

  it('lets only another party express interest, and only the commercial attachés and heads of sides and supervisors propose', async () => {
    const opportunity = await proposed();
    const own = await interest(syCommercial, opportunity);
    expect(own.status).toBe(403);
    expect(own.body.error.field).toBe('body.envelope.references[0]');
    expect((await propose(syDuty)).status).toBe(403);
    expect((await interest(usChief, opportunity)).status).toBe(201);
  });

  it('releases the interests still owed an acknowledgment when the opportunity is withdrawn', async () => {
    const opportunity = await proposed();
    const expressed = await interest(ilCommercial, opportunity);
    const owes = async () => (await syDuty.get('/api/v1/inbox?view=mine')).body.entries.some((entry: { item: string }) => entry.item === expressed.body.id);
    expect(await owes()).toBe(true);
    expect((await move(syCommercial, opportunity, 'withdrawn')).status).toBe(201);
    expect(await owes()).toBe(false);
  });

  it('shows each party the opportunities of its own compartments only, filtered as asked', async () => {
    const caucus = await proposed(syCommercial, { sector: 'water', title: 'Wells in the caucus', contactParty: 'us' }, 'caucus-sy');
    expect((await entryOf(usChief, caucus))?.status).toBe('proposed');
    expect(await entryOf(ilCommercial, caucus)).toBeUndefined();
    const water = await pipeline(syCommercial, '?sector=water');
    expect(water.entries.map((entry) => entry.opportunity)).toContain(caucus);
    expect(water.entries.every((entry) => (entry as unknown as { payload: { sector: string } }).payload.sector === 'water')).toBe(true);
    expect((await pipeline(syCommercial, '?q=WELLS%20caucus')).entries.map((entry) => entry.opportunity)).toEqual([caucus]);
    expect((await pipeline(syCommercial, '?party=il')).entries.every((entry) => (entry as unknown as { proposedBy: string }).proposedBy === 'il')).toBe(true);
    const withdrawn = await pipeline(syCommercial, '?status=withdrawn');
    expect(withdrawn.counts.filter((count) => count.status !== 'withdrawn').every((count) => count.count === 0)).toBe(true);
    const bad = await syCommercial.get('/api/v1/commercial/pipeline?sector=mining');
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('query.sector');
  });

  it('computes the demo’s pipeline: an opportunity in discussion after the other side’s interest, in two currencies', async () => {
    const demo = await pipeline(ilCommercial);
    const power = demo.entries.find((entry) => (entry as unknown as { payload: { title: string } }).payload.title.startsWith('Rehabilitation of a combined-cycle power station'));
    expect(power?.interests.map((one) => one.party)).toEqual(['il']);
    expect(power?.status).toBe('discussion');
    expect(new Set(demo.totals.map((total) => total.currency))).toEqual(new Set(['USD', 'EUR']));
  });

  it('rebuilds the lifecycles and obligations from the logs to the same state', async () => {
    const report = await rebuildDerivedState(server.handle.services.db, { repair: false });
    expect(report.differences).toEqual([]);
  });
});
