import { SEARCH_RANKED_WINDOW } from '@fusion-cell/protocol';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildDerivedState } from '../src/record/rebuild.ts';
import { indexWholeRecord } from '../src/search/index-record.ts';
import { indexForSearch } from '../src/search/search-index.ts';
import { ENGINES, type TestStorage } from './support/engines.ts';
import { SigningClient } from './support/signing-client.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';

interface Hit {
  item: string;
  compartment: string;
  type: string;
  party: string;
  tlp?: string;
  title: Array<{ text: string; match?: true }>;
  excerpt: Array<{ text: string; match?: true }>;
}

/** Search over the items of the compartments the caller reads: full text in three languages, filters, paging, hostile queries. */
describe.each(ENGINES)('search on $engine', (setup) => {
  let storage: TestStorage;
  let server: TestServer;
  let syAnalyst: SigningClient;
  let ilAnalyst: SigningClient;
  let syDuty: SigningClient;
  let ilDuty: SigningClient;
  let usDuty: SigningClient;

  beforeAll(async () => {
    storage = await setup.create();
    server = await startTestServer(storage, { checkpointIntervalMs: 60_000, timerIntervalMs: 3_600_000 });
    const open = (username: string) => SigningClient.open(server.url, username, server.passwordOf(username));
    [syAnalyst, ilAnalyst, syDuty, ilDuty, usDuty] = await Promise.all([open('sy.analyst'), open('il.analyst'), open('sy.duty1'), open('il.duty1'), open('us.duty1')]);
  });

  afterAll(async () => {
    await server?.close();
    await storage?.cleanup();
  });

  let authored = 0;
  const now = () => new Date(server.clock.now() + ++authored).toISOString();
  const entered = async (response: Promise<{ status: number; body: any }>): Promise<string> => {
    const answer = await response;
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    return answer.body.id as string;
  };
  const message = (client: SigningClient, text: string, language: string, compartment = 'plenary', track = 'general') =>
    entered(client.send({ compartment, track, authoredAt: now(), payload: { text, language } as never }));
  const report = (client: SigningClient, payload: Record<string, unknown>, compartment = 'plenary') =>
    entered(
      client.send({
        type: 'intel.report',
        track: 'intelligence',
        compartment,
        authoredAt: now(),
        payload: { title: 'Report', summary: 'Summary.', body: 'Body.', language: 'en', tlp: 'GREEN', reliability: 'C', credibility: 3, informationTime: now(), ...payload } as never,
      }),
    );
  const search = async (client: SigningClient, query: Record<string, string>) => {
    const answer = await client.get(`/api/v1/search?${new URLSearchParams(query)}`);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return answer.body as { results: Hit[]; nextCursor?: string; ranked?: string };
  };
  const ids = async (client: SigningClient, query: Record<string, string>) => (await search(client, query)).results.map((hit) => hit.item);

  it('finds Arabic and Hebrew whatever the marks, letter variants and prefixes they are written with', async () => {
    // "The convoy arrived at the big city this morning, and the committee announced the withdrawal of forces."
    const arabic = await message(syDuty, 'وَصَلَتِ القَافِلَةُ إِلَى المَدِينَةِ الكَبِيرَةِ صَبَاحَ اليَوْمِ، وأعلنت اللجنة انسحاب القوات.', 'ar');
    // "The convoy reached the checkpoint in the north, and from there to the house."
    const hebrew = await message(ilDuty, 'הַשַּׁיָּרָה הִגִּיעָה לַמַּחְסוֹם בַּצָּפוֹן, וּמִשָּׁם לַבַּיִת.', 'he');
    for (const query of ['القافلة', 'قافلة', 'مدينة', 'المدينه', 'اعلنت', 'لجنة', 'القوات انسحاب', '"المدينة الكبيرة"']) expect(await ids(ilDuty, { q: query }), query).toContain(arabic);
    for (const query of ['מחסום', 'המחסום', 'צפון', 'בית', 'שם', '"מחסום צפון"']) expect(await ids(syDuty, { q: query }), query).toContain(hebrew);
    expect(await ids(syDuty, { q: '"الكبيرة المدينة"' })).not.toContain(arabic);
    const [hit] = (await search(usDuty, { q: 'مدينة' })).results;
    expect(hit?.excerpt.find((part) => part.match)?.text).toBe('المَدِينَةِ');
  });

  it('ranks a word in a title above the same word in the rest of the text', async () => {
    const inBody = await report(syAnalyst, { title: 'Movements east of the line', body: 'Two companies moved towards Quneitra before dawn.' });
    const inTitle = await report(ilAnalyst, { title: 'Quneitra crossing reopened', body: 'Traffic resumed at noon.' });
    // The demo's minutes and joint statement speak of Quneitra too: the reports alone are compared.
    expect(await ids(usDuty, { q: 'quneitra', type: 'intel.report' })).toEqual([inTitle, inBody]);
    const [first] = (await search(usDuty, { q: 'QUNEITRA', type: 'intel.report' })).results;
    expect(first?.title).toEqual([{ text: 'Quneitra', match: true }, { text: ' crossing reopened' }]);
  });

  it('filters by type, track, party, TLP, grades, time and compartment', async () => {
    server.clock.advance(1000);
    const green = await report(syAnalyst, { title: 'Filter green', tlp: 'GREEN', reliability: 'A', credibility: 1 });
    server.clock.advance(1000);
    const amber = await report(syAnalyst, { title: 'Filter amber', tlp: 'AMBER+STRICT', reliability: 'B', credibility: 2 }, 'caucus-sy');
    server.clock.advance(1000);
    const red = await report(ilAnalyst, { title: 'Filter red', tlp: 'RED', reliability: 'E', credibility: 5 }, 'caucus-il');
    server.clock.advance(60_000);
    const later = await message(usDuty, 'Filter note from the supervisor', 'en', 'plenary', 'intelligence');
    const all = [green, amber, red, later].sort();
    const usSees = async (query: Record<string, string>) => (await ids(usDuty, { q: 'filter', ...query })).sort();
    expect(await usSees({})).toEqual(all);
    expect(await usSees({ type: 'intel.report' })).toEqual([green, amber, red].sort());
    expect(await usSees({ type: 'message,ack' })).toEqual([later]);
    expect(await usSees({ track: 'intelligence', party: 'il,us' })).toEqual([red, later].sort());
    expect(await usSees({ tlp: 'AMBER+STRICT,RED' })).toEqual([amber, red].sort());
    expect(await usSees({ tlp: 'AMBER STRICT' })).toEqual([amber]);
    expect(await usSees({ reliability: 'A,B' })).toEqual([green, amber].sort());
    expect(await usSees({ credibility: '5,6' })).toEqual([red]);
    expect(await usSees({ from: new Date(server.clock.now() - 1000).toISOString() })).toEqual([later]);
    expect(await usSees({ to: new Date(server.clock.now() - 1000).toISOString() })).toEqual([green, amber, red].sort());
    expect(await usSees({ compartment: 'caucus-sy,caucus-il' })).toEqual([amber, red].sort());
    const [marked] = (await search(usDuty, { q: 'filter', tlp: 'RED' })).results;
    expect(marked).toMatchObject({ item: red, compartment: 'caucus-il', type: 'intel.report', party: 'il', tlp: 'RED', reliability: 'E', credibility: 5 });
    // Without words: what the filters keep, newest first.
    expect((await ids(usDuty, { type: 'intel.report', party: 'sy', limit: '100' })).slice(0, 2)).toEqual([amber, green]);
  });

  it('never answers from a compartment the member does not read, whatever the query holds', async () => {
    const secret = await message(ilDuty, 'Zephyrine route through the caucus only', 'en', 'caucus-il');
    const internal = await message(ilDuty, 'Zephyrine note kept inside', 'en', 'internal-il');
    expect((await ids(usDuty, { q: 'zephyrine' })).sort()).toEqual([secret]);
    expect((await ids(ilDuty, { q: 'zephyrine' })).sort()).toEqual([secret, internal].sort());
    const hostile = [
      'zephyrine',
      'zephyrine OR *',
      'zephyrine*',
      '^zephyrine',
      'NEAR(zephyrine route)',
      '{compartment_id}: caucus-il zephyrine',
      'compartment_id:caucus-il zephyrine',
      'zephyrine) OR (route',
      '" OR 1=1 --',
      "zephyrine' OR '1'='1",
      'zephyrine" OR "a',
      'zephyrine AND NOT x',
      'zephyrine & route | x',
      'zephyrine:* <-> route',
    ];
    for (const q of hostile) {
      const found = (await search(syDuty, { q })).results;
      expect(found.filter((hit) => !['plenary', 'caucus-sy', 'internal-sy'].includes(hit.compartment)), q).toEqual([]);
    }
    expect((await search(syDuty, {})).results.every((hit) => ['plenary', 'caucus-sy', 'internal-sy'].includes(hit.compartment))).toBe(true);

    // Naming the compartment answers exactly as for one that does not exist.
    const hidden = await syDuty.get('/api/v1/search?q=zephyrine&compartment=caucus-il');
    const missing = await syDuty.get('/api/v1/search?q=zephyrine&compartment=caucus-zz');
    expect(hidden.status).toBe(404);
    expect(JSON.stringify(hidden.body)).toBe(JSON.stringify(missing.body));
    expect([...hidden.headers].filter(([name]) => name !== 'date')).toEqual([...missing.headers].filter(([name]) => name !== 'date'));
    expect((await syDuty.get('/api/v1/search?q=zephyrine&compartment=plenary,internal-il')).status).toBe(404);
    // Nor can a filter's value carry a query of its own.
    for (const query of ["type=message' OR '1'='1", "party=il' --", 'compartment=plenary)%20or%20(1=1', 'tlp=RED%20OR%201=1']) {
      const answer = await syDuty.get(`/api/v1/search?q=zephyrine&${query}`);
      expect(answer.status, query).toBe(400);
      expect(answer.body.error.code).toBe('validation_failed');
    }
  });

  it('answers bad input with the field at fault', async () => {
    const refused = async (query: string, field: string) => {
      const answer = await syDuty.get(`/api/v1/search?${query}`);
      expect(answer.status, query).toBe(400);
      expect(answer.body.error, query).toMatchObject({ code: 'validation_failed', field });
    };
    await refused('type=message,secret', 'query.type[1]');
    await refused('track=military', 'query.track[0]');
    await refused('credibility=7', 'query.credibility[0]');
    await refused('limit=0', 'query.limit');
    await refused('limit=101', 'query.limit');
    await refused('cursor=next', 'query.cursor');
    await refused('from=yesterday', 'query.from');
    await refused(`q=${'x'.repeat(501)}`, 'query.q');
    await refused(`q=${Array.from({ length: 17 }, (_, index) => `w${index}`).join('+')}`, 'query.q');
    const unknown = await syDuty.get('/api/v1/search?sort=rank');
    expect(unknown.status).toBe(400);
    // A query of nothing but signs is no query: the newest items, never an error.
    expect((await search(syDuty, { q: '" * ( ) : ^' })).results.length).toBeGreaterThan(0);
  });

  it('pages through the results with the cursor, phrases too', async () => {
    const made: string[] = [];
    for (let index = 0; index < 5; index += 1) made.push(await message(syDuty, `Pagination check number ${index} of the watch`, 'en'));
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await search(syDuty, { q: '"pagination check"', limit: '2', ...(cursor ? { cursor } : {}) });
      expect(page.results.length).toBeLessThanOrEqual(2);
      seen.push(...page.results.map((hit) => hit.item));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual(made.sort());
    const first = await search(syDuty, { q: 'pagination', limit: '3' });
    const second = await search(syDuty, { q: 'pagination', limit: '3', cursor: first.nextCursor ?? '' });
    expect([...first.results, ...second.results].map((hit) => hit.item).sort()).toEqual(made.sort());
    expect(second.nextCursor).toBeUndefined();
  });

  it('indexes the longest text a message may hold, every word of it', async () => {
    // Words that each take many forms (three prefixes) and are all different: the most an index can be asked to hold.
    const letters = 'אבגדזחטיכלמנסעפצקרשת';
    const words: string[] = [];
    for (let index = 0; words.join(' ').length < 19_900; index += 1) words.push(`ובל${letters[index % 20]}${letters[Math.floor(index / 20) % 20]}${letters[Math.floor(index / 400) % 20]}`);
    const text = words.join(' ').slice(0, 20_000);
    const item = await message(ilDuty, text, 'he');
    const last = text.split(' ').at(-2) ?? '';
    expect(await ids(usDuty, { q: last.slice(3) })).toContain(item);
    expect(await ids(usDuty, { q: `"${text.split(' ').slice(-4, -2).join(' ')}"` })).toContain(item);
  });

  it('returns text as parts, never markup', async () => {
    const item = await message(syDuty, '<img src=x onerror=alert(1)> barricade <script>alert("x")</script>', 'en');
    const [hit] = (await search(ilDuty, { q: 'barricade' })).results;
    expect(hit?.item).toBe(item);
    expect(hit?.excerpt).toEqual([{ text: '<img src=x onerror=alert(1)> ' }, { text: 'barricade', match: true }, { text: ' <script>alert("x")</script>' }]);
  });

  it('is rebuilt identically from the logs, and a record indexed afterwards is the same', async () => {
    const db = server.handle.services.db;
    expect((await rebuildDerivedState(db, { repair: false })).differences).toEqual([]);
    const before = await ids(usDuty, { q: 'filter' });
    await db.deleteFrom('search_documents').execute();
    expect(await ids(usDuty, { q: 'filter' })).toEqual([]);
    await db.transaction().execute((trx) => indexWholeRecord(trx));
    expect((await rebuildDerivedState(db, { repair: false })).differences).toEqual([]);
    expect(await ids(usDuty, { q: 'filter' })).toEqual(before);
    await db.deleteFrom('search_documents').where('type', '=', 'intel.report').execute();
    const report = await rebuildDerivedState(db, { repair: true });
    expect(report.differences.length).toBeGreaterThan(0);
    expect(report.differences.every((difference) => difference.table === 'search_documents' && difference.problem === 'missing')).toBe(true);
    expect(await ids(usDuty, { q: 'filter' })).toEqual(before);
    if (setup.engine === 'sqlite') {
      // The words went with their rows and came back with them: one set per row, no more.
      const counts = await sql<{ terms: number; documents: number }>`select (select count(*) from search_terms) as terms, (select count(*) from search_documents) as documents`.execute(db);
      expect(Number(counts.rows[0]?.terms)).toBe(Number(counts.rows[0]?.documents));
    }
  });

  it('ranks the newest matches when a word is too common to rank them all, and says so', async () => {
    const db = server.handle.services.db;
    const member = await db.selectFrom('members').select('id').where('username', '=', 'sy.duty1').executeTakeFirstOrThrow();
    const base = server.clock.now();
    // Rows of the index alone, as many as the window and one more: no log holds them, so they are removed after.
    const entries = Array.from({ length: SEARCH_RANKED_WINDOW + 1 }, (_, index) => ({
      compartmentId: 'plenary',
      index: 1_000_000 + index,
      itemId: `w${String(index).padStart(42, '0')}`,
      receivedAt: base + index,
      signed: { envelope: { cell: 'paris-2026', compartment: 'plenary', type: 'message', track: 'general', payload: { text: `Windowword number ${index}`, language: 'en' }, references: [], author: member.id, device: 'd', authoredAt: new Date(base).toISOString() }, signature: 'A'.repeat(86) },
    }));
    await db.transaction().execute((trx) => indexForSearch(trx, entries as never));
    try {
      const first = await search(ilDuty, { q: 'windowword', limit: '100' });
      expect(first.ranked).toBe('newest');
      const oldest = entries[0]?.itemId ?? '';
      let cursor = first.nextCursor;
      const seen = new Set(first.results.map((hit) => hit.item));
      while (cursor) {
        const page = await search(ilDuty, { q: 'windowword', limit: '100', cursor });
        for (const hit of page.results) seen.add(hit.item);
        cursor = page.nextCursor;
      }
      expect(seen.size).toBe(SEARCH_RANKED_WINDOW);
      expect(seen.has(oldest)).toBe(false);
    } finally {
      await db.deleteFrom('search_documents').where('item_id', 'like', 'w%').where('type', '=', 'message').where('idx', '>=', 1_000_000).execute();
    }
  });
});
