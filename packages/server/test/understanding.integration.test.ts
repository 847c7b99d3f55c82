import { Scenario } from '@fusion-cell/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildDerivedState } from '../src/record/rebuild.ts';
import { ENGINES, type TestStorage } from './support/engines.ts';
import { signedActs } from './support/signed-acts.ts';
import { SigningClient } from './support/signing-client.ts';
import { demoScenario, startTestServer, type TestServer } from './support/test-server.ts';

/** An item id that names nothing. */
const NO_ITEM = 'A'.repeat(43);


/**
 * The demo cell working in Arabic and English only: Hebrew is a language its parties do not use
 * here, so its opening glossary gives no Hebrew equivalents.
 */
const ARABIC_AND_ENGLISH: Scenario = Scenario.parse({
  ...demoScenario,
  cell: { ...demoScenario.cell, languages: ['ar', 'en'] },
  demo: { ...demoScenario.demo, history: (demoScenario.demo?.history ?? []).map(withoutHebrewEquivalents) },
});

function withoutHebrewEquivalents<Entry extends object>(entry: Entry): Entry {
  if (!('type' in entry) || entry.type !== 'glossary.term' || !('payload' in entry)) return entry;
  const { equivalents, ...payload } = entry.payload as { equivalents?: Record<string, string> };
  const { he: _hebrew, ...kept } = equivalents ?? {};
  return { ...entry, payload: { ...payload, equivalents: kept } };
}

/** Preventing misunderstandings: translations of an item's text, read-backs confirmed by the author, the glossary's languages. */
describe.each(ENGINES)('translations, read-backs and the glossary on $engine', (setup) => {
  let storage: TestStorage;
  let server: TestServer;
  let syDuty: SigningClient, syHead: SigningClient, syTranslator: SigningClient, ilDuty: SigningClient, ilHead: SigningClient, ilTranslator: SigningClient, usChief: SigningClient;

  beforeAll(async () => {
    storage = await setup.create();
    server = await startTestServer(storage, { scenario: ARABIC_AND_ENGLISH, checkpointIntervalMs: 60_000, timerIntervalMs: 3_600_000 });
    const open = (username: string) => SigningClient.open(server.url, username, server.passwordOf(username));
    [syDuty, syHead, syTranslator, ilDuty, ilHead, ilTranslator, usChief] = await Promise.all([
      open('sy.duty1'),
      open('sy.head'),
      open('sy.translator'),
      open('il.duty1'),
      open('il.head'),
      open('il.translator'),
      open('us.chief'),
    ]);
  });

  afterAll(async () => {
    await server?.close();
    await storage?.cleanup();
  });

  const { now, created, refused } = signedActs(() => server);
  const send = (client: SigningClient, type: string, payload: Record<string, unknown>, references: string[] = [], compartment = 'plenary', track = 'general') =>
    client.send({ type, track, compartment, references, authoredAt: now(), payload: payload as never });
  const message = (client: SigningClient, text: string, language = 'ar', compartment = 'plenary') => send(client, 'message', { text, language }, [], compartment);
  const translate = (client: SigningClient, original: string, language: string, overrides: Record<string, unknown> = {}, compartment = 'plenary', track = 'general') =>
    send(client, 'translation', { language, text: 'The exercise takes place on Monday.', ...overrides }, [original], compartment, track);

  describe('translations', () => {
    it('attach a translator’s text in another of the cell’s languages under the item, which stays the authoritative text', async () => {
      const original = created(await message(syDuty, 'ستجري المناورة يوم الاثنين.'));
      const translation = created(await translate(ilTranslator, original, 'en', { note: 'Literal' }));
      const state = (await ilDuty.get(`/api/v1/items/${original}/state`)).body;
      expect(state.payload).toEqual({ text: 'ستجري المناورة يوم الاثنين.', language: 'ar' });
      expect(state.referencedBy).toEqual([expect.objectContaining({ id: translation, type: 'translation', party: 'il', answers: false })]);
      // A translator of either side translates, in any compartment it reads: its own caucus too.
      const inCaucus = created(await message(syDuty, 'نطلب جلسة خاصة.', 'ar', 'caucus-sy'));
      created(await translate(syTranslator, inCaucus, 'en', {}, 'caucus-sy'));
    });

    it('are into another language than the item’s, one the cell works in, by a translator', async () => {
      const original = created(await message(syDuty, 'وصلت الرسالة.'));
      await refused(() => translate(ilTranslator, original, 'ar'), 400, 'validation_failed', 'body.envelope.payload.language', /written in ar/);
      await refused(() => translate(ilTranslator, original, 'he', { text: 'ההודעה התקבלה.' }), 400, 'validation_failed', 'body.envelope.payload.language', /works in ar, en/);
      await refused(() => translate(ilDuty, original, 'en'), 403, 'forbidden', undefined);
      await refused(() => translate(ilTranslator, original, 'en', {}, 'plenary', 'diplomatic'), 400, 'validation_failed', 'body.envelope.track');
    });

    it('are of an item with text of its own, in its compartment, never of another translation', async () => {
      const original = created(await message(ilDuty, 'The crossing opens at six.', 'en'));
      const translation = created(await translate(syTranslator, original, 'ar', { text: 'يفتح المعبر في السادسة.' }));
      await refused(() => translate(ilTranslator, translation, 'en'), 400, 'validation_failed', 'body.envelope.references[0]', /another translation/);
      const received = created(await send(syDuty, 'ack', { level: 'received' }, [original]));
      await refused(() => translate(syTranslator, received, 'ar'), 400, 'validation_failed', 'body.envelope.references[0]', /no text of its own/);
      await refused(() => send(syTranslator, 'translation', { language: 'ar', text: 'لا شيء' }), 400, 'validation_failed', 'body.envelope.references');
      const inCaucus = created(await message(syDuty, 'ملاحظة', 'ar', 'caucus-sy'));
      await refused(() => translate(syTranslator, inCaucus, 'en'), 400, 'validation_failed', 'body.envelope.compartment');
    });

    it('answer an item the translator cannot see exactly as one that does not exist', async () => {
      const hidden = created(await message(syDuty, 'ملاحظة خاصة', 'ar', 'caucus-sy'));
      const unseen = await refused(() => translate(ilTranslator, hidden, 'en'), 400, 'reference_not_found', 'body.envelope.references[0]');
      const missing = await refused(() => translate(ilTranslator, NO_ITEM, 'en'), 400, 'reference_not_found', 'body.envelope.references[0]');
      expect(JSON.stringify(unseen.body)).toBe(JSON.stringify(missing.body));
    });
  });

  describe('read-backs', () => {
    const understood = async (readBack?: string) => {
      const original = created(await message(syDuty, 'أغلقوا المعبر الشمالي عند الساعة السادسة.'));
      const ack = created(await send(ilDuty, 'ack', { level: 'understood', ...(readBack ? { readBack, language: 'en' } : {}) }, [original]));
      return { original, ack };
    };
    const confirm = (client: SigningClient, ack: string, payload: Record<string, unknown> = {}, compartment = 'plenary', track = 'general') => send(client, 'readback.confirm', payload, [ack], compartment, track);

    it('are confirmed once, by the party that wrote the item acknowledged', async () => {
      const { ack } = await understood('Close the northern crossing at six.');
      await refused(() => confirm(ilDuty, ack), 403, 'forbidden', 'body.envelope.author', /wrote the acknowledged item/);
      await refused(() => confirm(usChief, ack), 403, 'forbidden', 'body.envelope.author');
      const confirmed = created(await confirm(syHead, ack, { note: 'Correct.', language: 'en' }));
      expect((await syDuty.get(`/api/v1/items/${ack}/state`)).body.referencedBy).toEqual([expect.objectContaining({ id: confirmed, type: 'readback.confirm', party: 'sy' })]);
      await refused(() => confirm(syDuty, ack), 409, 'conflict', 'body.envelope.references[0]', /confirmed already/);
    });

    it('are confirmed only on an understood acknowledgment that carries one, in its compartment and track', async () => {
      const { original, ack } = await understood('Close the northern crossing at six.');
      const { ack: silent } = await understood();
      await refused(() => confirm(syDuty, silent), 400, 'validation_failed', 'body.envelope.references[0]', /no read-back/);
      const received = created(await send(usChief, 'ack', { level: 'received' }, [original]));
      await refused(() => confirm(syDuty, received), 400, 'validation_failed', 'body.envelope.references[0]', /no read-back/);
      await refused(() => confirm(syDuty, original), 400, 'validation_failed', 'body.envelope.references[0]');
      await refused(() => confirm(syDuty, ack, {}, 'caucus-sy'), 400, 'validation_failed', 'body.envelope.compartment');
      await refused(() => confirm(syDuty, ack, {}, 'plenary', 'diplomatic'), 400, 'validation_failed', 'body.envelope.track');
      created(await confirm(syDuty, ack));
    });

    it('not matching, are queried with a clarification on the acknowledgment, which its party owes a reply to', async () => {
      const { ack } = await understood('Close the southern crossing at six.');
      const query = created(await send(syDuty, 'clarification', { question: 'We wrote the northern crossing: please confirm.', language: 'en' }, [ack]));
      const owed = (await syDuty.get(`/api/v1/items/${query}/state`)).body.obligations;
      expect(owed.map((obligation: { party: string; required: string }) => [obligation.party, obligation.required])).toEqual([['il', 'clarification.reply']]);
      // Querying it does not confirm it: it stays to be confirmed.
      created(await confirm(syDuty, ack));
    });
  });

  describe('the glossary', () => {
    const term = (client: SigningClient, overrides: Record<string, unknown> = {}, references: string[] = []) =>
      send(client, 'glossary.term', { term: 'انسحاب', language: 'ar', equivalents: { en: 'withdrawal' }, definition: 'Forces leave an area.', ...overrides }, references);

    it('takes terms in the cell’s languages only, in every version, and puts one in force once every party signed it', async () => {
      await refused(() => term(syDuty, { term: 'נסיגה', language: 'he', equivalents: { en: 'withdrawal' } }), 400, 'validation_failed', 'body.envelope.payload.language', /works in ar, en/);
      await refused(() => term(syDuty, { equivalents: { en: 'withdrawal', he: 'נסיגה' } }), 400, 'validation_failed', 'body.envelope.payload.equivalents.he');
      const proposed = created(await term(syDuty));
      await refused(() => term(ilDuty, { equivalents: { he: 'נסיגה' } }, [proposed]), 400, 'validation_failed', 'body.envelope.payload.equivalents.he');
      for (const head of [syHead, ilHead, usChief]) created(await send(head, 'document.sign', { act: 'signature', version: proposed }, [proposed]));
      expect((await ilDuty.get(`/api/v1/items/${proposed}/state`)).body.document).toMatchObject({ inForce: { id: proposed, number: 1 } });
    });
  });

  it('rebuilds the derived state from the logs to the same state', async () => {
    expect((await rebuildDerivedState(server.handle.services.db, { repair: false })).differences).toEqual([]);
  });
});
