import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, type TestStorage } from './support/engines.ts';
import { SigningClient } from './support/signing-client.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';

/** Who reads what in the demo cell: the plenary is everyone's, a caucus its side's and the supervisor's, an internal compartment its party's. */
const AUDIENCES: Record<string, readonly string[]> = {
  plenary: ['sy', 'il', 'us'],
  'caucus-sy': ['sy', 'us'],
  'caucus-il': ['il', 'us'],
  'internal-sy': ['sy'],
  'internal-il': ['il'],
  'internal-us': ['us'],
};
const PARTIES = ['sy', 'il', 'us'] as const;
/** A word no other item holds, one per compartment, in each working language. */
const MARKERS: Record<string, string> = {
  plenary: 'Vesperline',
  'caucus-sy': 'قصبيرونة',
  'caucus-il': 'זרזירונית',
  'internal-sy': 'Quillandra',
  'internal-il': 'Marrowfield',
  'internal-us': 'Thistledown',
};

/**
 * The isolation table: every party searches for the word planted in every compartment, by
 * itself, with the compartment named, and with no words at all. A hit comes only from a
 * compartment the party reads; for any other, naming it is answered as naming none that exists.
 */
describe.each(ENGINES)('search isolation on $engine', (setup) => {
  let storage: TestStorage;
  let server: TestServer;
  const searchers = new Map<string, SigningClient>();
  const planted = new Map<string, string>();

  beforeAll(async () => {
    storage = await setup.create();
    server = await startTestServer(storage, { checkpointIntervalMs: 60_000, timerIntervalMs: 3_600_000 });
    const duty = { sy: 'sy.duty1', il: 'il.duty1', us: 'us.duty1' };
    for (const party of PARTIES) searchers.set(party, await SigningClient.open(server.url, duty[party], server.passwordOf(duty[party])));
    for (const [compartment, marker] of Object.entries(MARKERS)) {
      const author = searchers.get(AUDIENCES[compartment]?.find((party) => party !== 'us') ?? 'us') as SigningClient;
      const language = /[\u0600-\u06FF]/.test(marker) ? 'ar' : /[\u0590-\u05FF]/.test(marker) ? 'he' : 'en';
      const answer = await author.send({ compartment, authoredAt: new Date(server.clock.now()).toISOString(), payload: { text: `Isolation check: ${marker}.`, language } as never });
      expect(answer.status, JSON.stringify(answer.body)).toBe(201);
      planted.set(compartment, answer.body.id);
    }
  });

  afterAll(async () => {
    await server?.close();
    await storage?.cleanup();
  });

  const cases = PARTIES.flatMap((party) => Object.keys(MARKERS).map((compartment) => ({ party, compartment, reads: AUDIENCES[compartment]?.includes(party) ?? false })));

  it.each(cases)('$party searching for the word of $compartment (reads it: $reads)', async ({ party, compartment, reads }) => {
    const client = searchers.get(party) as SigningClient;
    const marker = encodeURIComponent(MARKERS[compartment] ?? '');
    const found = await client.get(`/api/v1/search?q=${marker}`);
    expect(found.status).toBe(200);
    expect(found.body.results.map((hit: { item: string }) => hit.item)).toEqual(reads ? [planted.get(compartment)] : []);
    const named = await client.get(`/api/v1/search?q=${marker}&compartment=${compartment}`);
    if (reads) {
      expect(named.status).toBe(200);
      expect(named.body.results).toHaveLength(1);
    } else {
      const missing = await client.get(`/api/v1/search?q=${marker}&compartment=${compartment.startsWith('caucus') ? 'caucus-zz' : 'internal-zz'}`);
      expect(named.status).toBe(404);
      expect(JSON.stringify(named.body)).toBe(JSON.stringify(missing.body));
    }
  });

  it.each(PARTIES)('%s listing everything it may see, without words, sees no other compartment', async (party) => {
    const client = searchers.get(party) as SigningClient;
    const seen = new Set<string>();
    let cursor = '';
    do {
      const page = await client.get(`/api/v1/search?limit=100${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      for (const hit of page.body.results as Array<{ compartment: string }>) seen.add(hit.compartment);
      cursor = page.body.nextCursor ?? '';
    } while (cursor);
    expect([...seen].sort()).toEqual(Object.keys(AUDIENCES).filter((compartment) => AUDIENCES[compartment]?.includes(party)).sort());
  });
});
