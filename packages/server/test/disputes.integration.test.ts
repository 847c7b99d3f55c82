import { createHash, randomBytes } from 'node:crypto';
import { Scenario } from '@fusion-cell/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildDerivedState } from '../src/record/rebuild.ts';
import { ENGINES, type EngineSetup } from './support/engines.ts';
import { signedActs } from './support/signed-acts.ts';
import { SigningClient } from './support/signing-client.ts';
import { demoScenario, startTestServer } from './support/test-server.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** An item id that names nothing. */
const NO_ITEM = 'A'.repeat(43);

type Obligation = { party: string; kind: string; required: string; dueAt: string; met: boolean; metBy: string | null };

/** A running cell, its members' clients, and the acts of the dispute process written out once. */
async function openCell(setup: EngineSetup, scenario = demoScenario, usernames: readonly string[]) {
  const storage = await setup.create();
  // The clock moves by days here; sessions must outlive it.
  const server = await startTestServer(storage, { scenario, checkpointIntervalMs: 60_000, timerIntervalMs: 3_600_000, sessionIdleMinutes: 10_000_000, sessionMaxHours: 1_000_000 });
  const clients = new Map<string, SigningClient>();
  for (const username of usernames) clients.set(username, await SigningClient.open(server.url, username, server.passwordOf(username)));
  const client = (username: string): SigningClient => {
    const found = clients.get(username);
    if (!found) throw new Error(`no client ${username}`);
    return found;
  };

  const { now, entries, created, refused } = signedActs(() => server);
  const at = (fromNow: number) => new Date(server.clock.now() + fromNow).toISOString();
  const send = (by: SigningClient, type: string, payload: Record<string, unknown>, references: string[] = [], compartment = 'plenary', track = 'deescalation') =>
    by.send({ type, track, compartment, references, authoredAt: now(), payload: payload as never });

  const message = (by: SigningClient, text: string, compartment = 'plenary', track = 'deescalation') => send(by, 'message', { text, language: 'en' }, [], compartment, track);
  const raise = (by: SigningClient, references: string[], overrides: Record<string, unknown> = {}, track = 'deescalation') =>
    send(by, 'dispute', { subject: 'The notice hides a live-fire exercise', statement: 'The area is inside the agreed zone.', respondents: ['il'], language: 'en', ...overrides }, references, 'plenary', track);
  const respond = (by: SigningClient, answered: string, overrides: Record<string, unknown> = {}) => send(by, 'dispute.response', { position: 'The exercise is outside the zone.', language: 'en', ...overrides }, [answered]);
  const propose = (by: SigningClient, dispute: string, to: string) => send(by, 'dispute.stage.proposal', { to, reason: 'Talks are going nowhere.', language: 'en' }, [dispute]);
  const move = (by: SigningClient, dispute: string, to: string, more: string[] = [], sides = ['sy', 'il']) => send(by, 'dispute.stage', { to, sides, language: 'en' }, [dispute, ...more]);
  const close = (by: SigningClient, dispute: string, outcome: string, reason?: string, referredTo?: string) =>
    send(by, 'dispute.close', { outcome, ...(reason ? { reason } : {}), ...(referredTo ? { referredTo } : {}), language: 'en' }, [dispute]);
  const caucus = (by: SigningClient, dispute: string, compartment: string, text: string) => send(by, 'dispute.caucus', { text, language: 'en' }, [dispute], compartment);
  const resolutionText = (dispute: string, overrides: Record<string, unknown> = {}) => ({ dispute, parties: ['sy', 'il', 'us'], text: 'The exercise moves 5 km east.', language: 'en', ...overrides });
  const draft = (by: SigningClient, dispute: string, overrides: Record<string, unknown> = {}) => send(by, 'dispute.resolution', resolutionText(dispute, overrides), [dispute]);
  const amend = (by: SigningClient, previous: string, dispute: string, overrides: Record<string, unknown> = {}) =>
    send(by, 'dispute.resolution', resolutionText(dispute, { amendment: 'Adds the date', text: 'The exercise moves 5 km east by Monday.', ...overrides }), [previous]);
  const sign = (by: SigningClient, version: string) => send(by, 'document.sign', { act: 'signature', version }, [version]);
  const stateOf = async (item: string, as = client('us.chief')) => (await as.get(`/api/v1/items/${item}/state`)).body;
  const obligationsOf = async (item: string): Promise<Obligation[]> => (await stateOf(item)).obligations;

  return { storage, server, client, now, at, entries, send, created, refused, message, raise, respond, propose, move, close, caucus, draft, amend, sign, stateOf, obligationsOf };
}

const USERNAMES = ['us.chief', 'us.duty1', 'sy.head', 'sy.duty1', 'sy.translator', 'il.head', 'il.duty1'] as const;

/** The staged dispute process: notice, negotiation, facilitation with private caucuses, a co-signed resolution, its close. */
describe.each(ENGINES)('disputes on $engine', (setup) => {
  let cell: Awaited<ReturnType<typeof openCell>>;
  let usChief: SigningClient, usDuty: SigningClient, syHead: SigningClient, syDuty: SigningClient, syTranslator: SigningClient, ilHead: SigningClient, ilDuty: SigningClient;

  beforeAll(async () => {
    cell = await openCell(setup, demoScenario, USERNAMES);
    [usChief, usDuty, syHead, syDuty, syTranslator, ilHead, ilDuty] = USERNAMES.map((username) => cell.client(username)) as [SigningClient, SigningClient, SigningClient, SigningClient, SigningClient, SigningClient, SigningClient];
  });

  afterAll(async () => {
    await cell?.server.close();
    await cell?.storage.cleanup();
  });

  const resolutionOf = (dispute: string) => ({ dispute, parties: ['sy', 'il', 'us'], text: 'The exercise moves east.', language: 'en' });

  /** A fresh dispute by sy about a fresh message of il, moved by the supervisor to `stage`. */
  const disputeAt = async (stage: 'notice' | 'negotiation' | 'facilitation' | 'resolution'): Promise<string> => {
    const subject = cell.created(await cell.message(ilDuty, `Our patrol schedule #${randomBytes(4).toString('hex')}`));
    const dispute = cell.created(await cell.raise(syDuty, [subject]));
    if (stage !== 'notice') cell.created(await cell.move(usChief, dispute, stage));
    return dispute;
  };

  describe('the whole path, from the notice to a commitment taken from the resolution', () => {
    let notice = '';
    let dispute = '';
    let proposal = '';
    let negotiation = '';
    let facilitation = '';
    let resolutionStage = '';
    let firstVersion = '';
    let secondVersion = '';

    it('raises a dispute about the other side’s notice, which the respondent owes a response to within the rule’s time', async () => {
      const area = { type: 'Polygon', coordinates: [[[20, 30], [20.01, 30], [20.01, 30.01], [20, 30.01], [20, 30]]] };
      notice = cell.created(
        await cell.send(ilDuty, 'activity.notice', {
          kind: 'exercise',
          description: 'Battalion exercise',
          language: 'en',
          area,
          window: { from: cell.at(72 * HOUR), to: cell.at(80 * HOUR) },
          size: { category: 'medium', personnel: 400 },
          semantics: 'information-only',
        }),
      );
      dispute = cell.created(await cell.raise(syDuty, [notice]));
      const state = await cell.stateOf(dispute);
      expect(state.lifecycle).toMatchObject({ name: 'dispute', state: 'notice', by: dispute });
      expect(state.details).toEqual({ state: 'notice', open: true, raiser: 'sy', respondents: ['il'], resolution: null, resolutionInForce: null });
      // `dispute` in the rules: the respondent's response within three days.
      expect(state.obligations.map((owed: Obligation) => [owed.party, owed.kind, owed.required, Date.parse(owed.dueAt) - Date.parse(state.item.receivedAt)])).toEqual([['il', 'reply', 'dispute.response', 3 * DAY]]);
      // The notice shows the dispute among what refers to it: the banner's source.
      expect((await cell.stateOf(notice, ilDuty)).referencedBy.map((item: { id: string }) => item.id)).toContain(dispute);
    });

    it('takes the respondent’s response, meeting what it owed, and a side’s proposal, which moves nothing', async () => {
      const response = cell.created(await cell.respond(ilDuty, dispute));
      expect((await cell.obligationsOf(dispute))[0]).toMatchObject({ party: 'il', met: true, metBy: response });
      proposal = cell.created(await cell.propose(syDuty, dispute, 'facilitation'));
      expect((await cell.stateOf(dispute)).details.state).toBe('notice');
    });

    it('is moved on by the supervisor alone, each stage asking both sides for their position; moving on releases what the last stage still awaited', async () => {
      // A side moving a stage: the type is the supervisor's, so the policy refuses it and names no field.
      await cell.refused(() => cell.move(syHead, dispute, 'negotiation'), 403, 'forbidden', undefined, /supervisor/);
      negotiation = cell.created(await cell.move(usDuty, dispute, 'negotiation'));
      const owed = await cell.obligationsOf(negotiation);
      expect(owed.map((entry) => [entry.party, entry.required, entry.met])).toEqual([
        ['il', 'dispute.response', false],
        ['sy', 'dispute.response', false],
      ]);
      expect(Date.parse(owed[0]!.dueAt) - Date.parse((await cell.stateOf(negotiation)).item.receivedAt)).toBe(7 * DAY);
      cell.created(await cell.respond(syDuty, negotiation, { position: 'We ask for the area to move east.' }));

      facilitation = cell.created(await cell.move(usChief, dispute, 'facilitation', [proposal]));
      expect((await cell.stateOf(dispute)).details.state).toBe('facilitation');
      const released = await cell.obligationsOf(negotiation);
      expect(released.find((entry) => entry.party === 'il')).toMatchObject({ met: true, metBy: facilitation });
      expect((await cell.obligationsOf(facilitation)).map((entry) => [entry.party, entry.met])).toEqual([
        ['il', false],
        ['sy', false],
      ]);
      // Moving back, or to where it is, is not a move its lifecycle has.
      await cell.refused(() => cell.move(usChief, dispute, 'negotiation'), 409, 'conflict', 'body.envelope.type');
      await cell.refused(() => cell.move(usChief, dispute, 'facilitation'), 409, 'conflict', 'body.envelope.type');
    });

    it('holds a private caucus with each side, in that side’s caucus, which the other side cannot write into', async () => {
      cell.created(await cell.caucus(usChief, dispute, 'caucus-sy', 'What would Syria accept?'));
      cell.created(await cell.caucus(syHead, dispute, 'caucus-sy', 'A move of five kilometres east.'));
      cell.created(await cell.caucus(usChief, dispute, 'caucus-il', 'Could the exercise move east?'));
      cell.created(await cell.caucus(ilHead, dispute, 'caucus-il', 'Five kilometres, not more.'));
      // The other side writing into a caucus it is not in is told what it is told of a compartment that does not exist.
      const intruding = await cell.refused(() => cell.caucus(ilDuty, dispute, 'caucus-sy', 'Let us in.'), 404, 'not_found', undefined);
      const nowhere = await cell.refused(() => cell.caucus(ilDuty, dispute, 'caucus-zz', 'Let us in.'), 404, 'not_found', undefined);
      expect(JSON.stringify(intruding.body)).toBe(JSON.stringify(nowhere.body));
      // A caucus message is acknowledged by the one it is sent to, like any message there.
      const sent = cell.created(await cell.caucus(usDuty, dispute, 'caucus-sy', 'Noted.'));
      expect((await cell.obligationsOf(sent)).map((entry) => [entry.party, entry.kind, entry.required])).toEqual([['sy', 'ack', 'received']]);
    });

    it('drafts the resolution in its stage, amends it, refuses a signature on the stale version, and is signed by the three', async () => {
      await cell.refused(() => cell.draft(usChief, dispute), 409, 'conflict', 'body.envelope.references[0]', /facilitation stage/);
      resolutionStage = cell.created(await cell.move(usChief, dispute, 'resolution'));
      expect((await cell.obligationsOf(facilitation)).map((entry) => entry.metBy)).toEqual([resolutionStage, resolutionStage]);
      firstVersion = cell.created(await cell.draft(usChief, dispute));
      expect((await cell.stateOf(dispute)).details).toMatchObject({ state: 'resolution', resolution: firstVersion, resolutionInForce: null });
      secondVersion = cell.created(await cell.amend(syDuty, firstVersion, dispute));
      await cell.refused(() => cell.sign(ilHead, firstVersion), 409, 'conflict', 'body.envelope.references[0]', /stale/);
      await cell.refused(() => cell.amend(ilDuty, firstVersion, dispute, { amendment: 'From the old one' }), 409, 'conflict', 'body.envelope.references[0]', /stale/);
      for (const head of [usChief, syHead]) cell.created(await cell.sign(head, secondVersion));
      await cell.refused(() => cell.close(usChief, dispute, 'resolved'), 409, 'conflict', 'body.envelope.payload.outcome', /not signed by every party/);
      cell.created(await cell.sign(ilHead, secondVersion));
      expect((await cell.stateOf(secondVersion)).document).toMatchObject({ version: 2, inForce: { id: secondVersion, number: 2 } });
      // In force, it takes no new version.
      await cell.refused(() => cell.amend(ilDuty, secondVersion, dispute, { amendment: 'A late change' }), 409, 'conflict', 'body.envelope.references[0]');
    });

    it('is closed as resolved, with nothing owed on it any longer', async () => {
      const closed = cell.created(await cell.close(usChief, dispute, 'resolved'));
      const state = await cell.stateOf(dispute);
      expect(state.details).toEqual({ state: 'resolved', open: false, raiser: 'sy', respondents: ['il'], resolution: firstVersion, resolutionInForce: secondVersion });
      expect((await cell.obligationsOf(resolutionStage)).map((entry) => [entry.party, entry.met, entry.metBy])).toEqual([
        ['il', true, closed],
        ['sy', true, closed],
      ]);
      await cell.refused(() => cell.close(usChief, dispute, 'unresolved', 'Again'), 409, 'conflict', 'body.envelope.type');
      await cell.refused(() => cell.respond(ilDuty, facilitation), 409, 'conflict', 'body.envelope.references[0]', /closed/);
      await cell.refused(() => cell.propose(ilDuty, dispute, 'resolution'), 409, 'conflict', 'body.envelope.references[0]', /closed/);
      await cell.refused(() => cell.caucus(usChief, dispute, 'caucus-sy', 'After the end'), 409, 'conflict', 'body.envelope.references[0]', /resolved/);
    });

    it('gives a commitment from the resolution in force, which escalates when overdue', async () => {
      const commitment = (owner: string) => ({ owner, undertaking: 'Move the exercise 5 km east.', due: cell.at(2 * DAY), verification: 'Supervisor patrols.', language: 'en' });
      await cell.refused(() => cell.send(usChief, 'commitment', commitment('il'), [firstVersion], 'plenary', 'diplomatic'), 409, 'conflict', 'body.envelope.references[0]', /resolution/);
      const taken = cell.created(await cell.send(usChief, 'commitment', commitment('il'), [secondVersion], 'plenary', 'diplomatic'));
      expect((await cell.obligationsOf(taken))[0]).toMatchObject({ party: 'il', required: 'commitment.report', met: false });
      cell.server.clock.advance(2 * DAY + 1);
      await cell.server.handle.live.timers.tick();
      const [escalation] = (await cell.stateOf(taken)).escalations;
      const entry = JSON.parse((await usChief.get(`/api/v1/items/${escalation.item}`)).body.leaf).envelope;
      expect(entry.payload).toMatchObject({ kind: 'commitment-overdue', party: 'il', item: taken });
    });
  });

  describe('deadlines', () => {
    const escalationOf = async (item: string) => {
      const escalations = (await cell.stateOf(item)).escalations;
      return Promise.all(escalations.map(async (escalation: { item: string }) => JSON.parse((await usChief.get(`/api/v1/items/${escalation.item}`)).body.leaf).envelope.payload));
    };

    it('escalates a response not given by its deadline as dispute-overdue, and a stage’s positions too', async () => {
      const dispute = await disputeAt('notice');
      cell.server.clock.advance(3 * DAY + 1);
      await cell.server.handle.live.timers.tick();
      expect(await escalationOf(dispute)).toEqual([expect.objectContaining({ kind: 'dispute-overdue', party: 'il', item: dispute, required: 'dispute.response' })]);

      const stage = cell.created(await cell.move(usChief, dispute, 'negotiation'));
      cell.created(await cell.respond(ilDuty, stage));
      cell.server.clock.advance(7 * DAY + 1);
      await cell.server.handle.live.timers.tick();
      expect(await escalationOf(stage)).toEqual([expect.objectContaining({ kind: 'dispute-overdue', party: 'sy', item: stage })]);
    });

    it('escalates nothing once the dispute has moved on or closed before the deadline', async () => {
      const movedOn = await disputeAt('notice');
      const stage = cell.created(await cell.move(usChief, movedOn, 'negotiation'));
      const closed = await disputeAt('notice');
      cell.created(await cell.close(usChief, closed, 'referred', 'Beyond the cell', 'The joint commission'));
      cell.server.clock.advance(3 * DAY + 1);
      await cell.server.handle.live.timers.tick();
      expect(await escalationOf(movedOn)).toEqual([]);
      expect(await escalationOf(closed)).toEqual([]);
      expect((await cell.obligationsOf(movedOn))[0]).toMatchObject({ met: true, metBy: stage });
    });
  });

  describe('raising a dispute', () => {
    it('is about one to twenty items of its compartment the raiser can see, none of them a step of a dispute', async () => {
      await cell.refused(() => cell.raise(syDuty, []), 400, 'validation_failed', 'body.envelope.references');
      const many = await Promise.all(Array.from({ length: 21 }, (_, index) => cell.message(ilDuty, `Item ${index}`)));
      await cell.refused(() => cell.raise(syDuty, many.map(cell.created)), 400, 'validation_failed', 'body.envelope.references', /at most 20/);
      const subject = cell.created(await cell.message(ilDuty, 'Our patrol schedule'));
      const ownCaucus = cell.created(await cell.message(syDuty, 'A note to the supervisor', 'caucus-sy'));
      await cell.refused(() => cell.raise(syDuty, [subject, ownCaucus]), 400, 'validation_failed', 'body.envelope.references[1]', /own compartment/);
      const dispute = cell.created(await cell.raise(syDuty, [subject]));
      const response = cell.created(await cell.respond(ilDuty, dispute));
      await cell.refused(() => cell.raise(ilDuty, [dispute]), 400, 'validation_failed', 'body.envelope.references[0]', /settled within its dispute/);
      await cell.refused(() => cell.raise(syDuty, [subject, response], {}), 400, 'validation_failed', 'body.envelope.references[1]');
      // Two disputes about the same item (not a translation) may stand side by side.
      cell.created(await cell.raise(syDuty, [subject], { subject: 'Another question about it' }));
    });

    it('answers a dispute about an item the raiser cannot see exactly as one about an item that does not exist', async () => {
      const hidden = cell.created(await cell.message(ilDuty, 'Only for the supervisor', 'caucus-il'));
      const unseen = await cell.refused(() => cell.raise(syDuty, [hidden]), 400, 'reference_not_found', 'body.envelope.references[0]');
      const missing = await cell.refused(() => cell.raise(syDuty, [NO_ITEM]), 400, 'reference_not_found', 'body.envelope.references[0]');
      expect(JSON.stringify(unseen.body)).toBe(JSON.stringify(missing.body));
    });

    it('names other sides of the compartment as respondents, is raised by a side only, in the plenary only', async () => {
      const subject = cell.created(await cell.message(ilDuty, 'A schedule'));
      await cell.refused(() => cell.raise(syDuty, [subject], { respondents: ['sy'] }), 400, 'validation_failed', 'body.envelope.payload.respondents[0]', /does not respond/);
      await cell.refused(() => cell.raise(syDuty, [subject], { respondents: ['il', 'us'] }), 400, 'validation_failed', 'body.envelope.payload.respondents[1]', /not another side/);
      await cell.refused(() => cell.raise(syDuty, [subject], { respondents: ['xx'] }), 400, 'validation_failed', 'body.envelope.payload.respondents[0]');
      await cell.refused(() => cell.raise(usChief, [subject], { respondents: ['il'] }), 403, 'forbidden', undefined);
      const inCaucus = cell.created(await cell.message(syDuty, 'Ours', 'caucus-sy'));
      await cell.refused(() => cell.send(syDuty, 'dispute', { subject: 'In caucus', statement: 'No', respondents: ['il'], language: 'en' }, [inCaucus], 'caucus-sy'), 400, 'validation_failed', 'body.envelope.compartment');
    });

    it('takes evidence only once uploaded, and serves it to the dispute’s readers', async () => {
      const bytes = randomBytes(1024);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const evidence = [{ sha256, name: 'imagery.pdf', mediaType: 'application/pdf', size: bytes.length }];
      const subject = cell.created(await cell.message(ilDuty, 'A schedule with evidence'));
      await cell.refused(() => cell.raise(syDuty, [subject], { evidence }), 400, 'validation_failed', 'body.envelope.payload.evidence[0].sha256');
      const upload = await fetch(`${cell.server.url}/api/v1/attachments`, {
        method: 'POST',
        headers: { origin: new URL(cell.server.url).origin, cookie: syDuty.sessionCookie ?? '', 'content-type': 'application/pdf' },
        body: bytes,
      });
      expect(upload.status).toBe(201);
      const download = async (as: SigningClient) => (await fetch(`${cell.server.url}/api/v1/attachments/${sha256}`, { headers: { cookie: as.sessionCookie ?? '' } })).status;
      expect(await download(ilDuty)).toBe(404);
      cell.created(await cell.raise(syDuty, [subject], { evidence }));
      expect(await download(ilDuty)).toBe(200);
    });
  });

  describe('responses and proposals', () => {
    it('are given by the sides the step asks, on the step the dispute is at', async () => {
      const dispute = await disputeAt('notice');
      // The raiser does not respond to its own notice; a supervisor never responds.
      await cell.refused(() => cell.respond(syDuty, dispute), 403, 'forbidden', 'body.envelope.references[0]');
      await cell.refused(() => cell.respond(usChief, dispute), 403, 'forbidden', undefined);
      const stage = cell.created(await cell.move(usChief, dispute, 'negotiation'));
      // The notice is behind it now: a position answers the stage that opened.
      await cell.refused(() => cell.respond(ilDuty, dispute), 409, 'conflict', 'body.envelope.references[0]', /negotiation/);
      cell.created(await cell.respond(syDuty, stage));
      const later = cell.created(await cell.move(usChief, dispute, 'facilitation'));
      await cell.refused(() => cell.respond(ilDuty, stage), 409, 'conflict', 'body.envelope.references[0]', /facilitation/);
      cell.created(await cell.respond(ilDuty, later));
    });

    it('proposes only a later stage, by a side of the dispute, on a dispute in the same track', async () => {
      const dispute = await disputeAt('negotiation');
      await cell.refused(() => cell.propose(syDuty, dispute, 'negotiation'), 409, 'conflict', 'body.envelope.payload.to', /later/);
      await cell.refused(() => cell.propose(usChief, dispute, 'facilitation'), 403, 'forbidden', undefined);
      const subject = cell.created(await cell.message(ilDuty, 'Not a dispute'));
      await cell.refused(() => cell.propose(syDuty, subject, 'facilitation'), 400, 'validation_failed', 'body.envelope.references[0]');
      await cell.refused(() => cell.send(syDuty, 'dispute.stage.proposal', { to: 'resolution', reason: 'Now', language: 'en' }, [dispute], 'plenary', 'general'), 400, 'validation_failed', 'body.envelope.track');
      const proposal = cell.created(await cell.propose(ilDuty, dispute, 'resolution'));
      // A decision accepting it moves where it proposed, and names nothing more.
      await cell.refused(() => cell.move(usChief, dispute, 'facilitation', [proposal]), 400, 'validation_failed', 'body.envelope.payload.to', /resolution/);
      await cell.refused(() => cell.move(usChief, dispute, 'resolution', [subject]), 400, 'validation_failed', 'body.envelope.references[1]');
      const other = cell.created(await cell.propose(syDuty, dispute, 'resolution'));
      await cell.refused(() => cell.move(usChief, dispute, 'resolution', [proposal, other]), 400, 'validation_failed', 'body.envelope.references[2]');
      cell.created(await cell.move(usChief, dispute, 'resolution', [proposal]));
    });
  });

  describe('caucuses', () => {
    it('are held only in facilitation and resolution, about a dispute, in a caucus compartment', async () => {
      const dispute = await disputeAt('negotiation');
      await cell.refused(() => cell.caucus(usChief, dispute, 'caucus-sy', 'Too early'), 409, 'conflict', 'body.envelope.references[0]', /negotiation/);
      cell.created(await cell.move(usChief, dispute, 'facilitation'));
      await cell.refused(() => cell.caucus(syDuty, dispute, 'plenary', 'In the open'), 400, 'validation_failed', 'body.envelope.compartment');
      await cell.refused(() => cell.caucus(syDuty, dispute, 'internal-sy', 'To ourselves'), 400, 'validation_failed', 'body.envelope.compartment');
      const subject = cell.created(await cell.message(syDuty, 'Not a dispute', 'caucus-sy'));
      await cell.refused(() => cell.caucus(syDuty, subject, 'caucus-sy', 'About nothing'), 400, 'validation_failed', 'body.envelope.references[0]');
      await cell.refused(() => cell.send(syDuty, 'dispute.caucus', { text: 'No dispute', language: 'en' }, [], 'caucus-sy'), 400, 'validation_failed', 'body.envelope.references');
      cell.created(await cell.caucus(syDuty, dispute, 'caucus-sy', 'Fine now'));
    });

    it('leaves the other side nothing to learn: its record, its states, its inbox and its search are the same before and after', async () => {
      const dispute = await disputeAt('facilitation');
      const secret = `Quorvantine${randomBytes(3).toString('hex')}`;
      const seenByIl = async () => ({
        dispute: await cell.stateOf(dispute, ilDuty),
        logs: (await ilDuty.get('/api/v1/record')).body.compartments.map((log: { id: string; size: number }) => [log.id, log.id === 'plenary' ? log.size : undefined]),
        plenary: (await ilDuty.get('/api/v1/compartments/plenary/entries?start=0&limit=1000')).body,
        mine: (await ilDuty.get('/api/v1/inbox?view=mine')).body,
        sent: (await ilDuty.get('/api/v1/inbox?view=sent')).body,
        search: (await ilDuty.get(`/api/v1/search?q=${secret}`)).body,
      });
      const before = await seenByIl();
      const asked = cell.created(await cell.caucus(usChief, dispute, 'caucus-sy', `Would Syria accept ${secret}?`));
      const answered = cell.created(await cell.caucus(syHead, dispute, 'caucus-sy', `Yes, ${secret}.`));
      const after = await seenByIl();
      expect(after).toEqual(before);
      expect(after.search.results).toEqual([]);
      expect(JSON.stringify(after)).not.toContain(asked);
      // Its messages, by id, are as unknown to the other side as ids that name nothing.
      for (const path of ['', '/state']) {
        const hidden = await ilDuty.get(`/api/v1/items/${answered}${path}`);
        const missing = await ilDuty.get(`/api/v1/items/${NO_ITEM}${path}`);
        expect(hidden.status).toBe(404);
        expect(JSON.stringify(hidden.body)).toBe(JSON.stringify(missing.body));
      }
      const searchedThere = await ilDuty.get(`/api/v1/search?q=${secret}&compartment=caucus-sy`);
      const searchedNowhere = await ilDuty.get(`/api/v1/search?q=${secret}&compartment=caucus-zz`);
      expect(searchedThere.status).toBe(404);
      expect(JSON.stringify(searchedThere.body)).toBe(JSON.stringify(searchedNowhere.body));
      // Its own side and the supervisor see it.
      expect((await syDuty.get(`/api/v1/search?q=${secret}`)).body.results.map((hit: { item: string }) => hit.item).sort()).toEqual([asked, answered].sort());
      expect((await cell.stateOf(dispute, syDuty)).referencedBy.map((item: { id: string }) => item.id)).toEqual(expect.arrayContaining([asked, answered]));
      expect((await cell.stateOf(dispute, usDuty)).referencedBy.map((item: { id: string }) => item.id)).toEqual(expect.arrayContaining([asked, answered]));
    });
  });

  describe('resolutions and closing', () => {
    it('drafts one resolution per dispute, signed by the sides of the dispute and the supervisors, naming its dispute', async () => {
      const dispute = await disputeAt('resolution');
      await cell.refused(() => cell.draft(usChief, dispute, { parties: ['sy', 'il'] }), 400, 'validation_failed', 'body.envelope.payload.parties', /sy, il, us/);
      const elsewhere = await disputeAt('resolution');
      await cell.refused(() => cell.draft(usChief, dispute, { dispute: elsewhere }), 400, 'validation_failed', 'body.envelope.payload.dispute');
      await cell.refused(() => cell.send(usChief, 'dispute.resolution', resolutionOf(dispute), [dispute], 'plenary', 'general'), 400, 'validation_failed', 'body.envelope.track');
      const first = cell.created(await cell.draft(syDuty, dispute));
      await cell.refused(() => cell.draft(usChief, dispute), 409, 'conflict', 'body.envelope.references[0]', /amends its latest/);
      await cell.refused(() => cell.send(ilDuty, 'dispute.resolution', resolutionOf(dispute), [first]), 400, 'validation_failed', 'body.envelope.payload.amendment');
      await cell.refused(() => cell.amend(ilDuty, first, elsewhere), 400, 'validation_failed', 'body.envelope.payload.dispute');
      cell.created(await cell.amend(ilDuty, first, dispute));
    });

    it('is no longer signed once its dispute closed without it, and resolves only a dispute in its resolution stage', async () => {
      const dispute = await disputeAt('resolution');
      const version = cell.created(await cell.draft(usChief, dispute));
      cell.created(await cell.sign(syHead, version));
      cell.created(await cell.close(usChief, dispute, 'unresolved', 'The sides could not agree'));
      await cell.refused(() => cell.sign(ilHead, version), 409, 'conflict', 'body.envelope.references[0]', /unresolved/);
      await cell.refused(() => cell.amend(ilDuty, version, dispute), 409, 'conflict', 'body.envelope.payload.dispute', /unresolved/);
      const early = await disputeAt('negotiation');
      await cell.refused(() => cell.close(usChief, early, 'resolved'), 409, 'conflict', 'body.envelope.type');
      await cell.refused(() => cell.close(syHead, early, 'unresolved', 'We give up'), 403, 'forbidden', undefined);
      const unresolvedResolution = await disputeAt('resolution');
      await cell.refused(() => cell.close(usChief, unresolvedResolution, 'resolved'), 409, 'conflict', 'body.envelope.payload.outcome', /no resolution/);
    });
  });

  describe('contested translations', () => {
    it('opens one dispute about a translation at a time', async () => {
      const original = cell.created(await cell.send(ilDuty, 'message', { text: 'התרגיל יתקיים ביום שני.', language: 'he' }));
      const translation = cell.created(await cell.send(syTranslator, 'translation', { language: 'ar', text: 'ستجري المناورة يوم الاثنين.' }, [original]));
      const first = cell.created(await cell.raise(ilDuty, [translation], { subject: 'The translation says Tuesday', respondents: ['sy'] }));
      await cell.refused(() => cell.raise(ilDuty, [translation], { respondents: ['sy'] }), 409, 'conflict', 'body.envelope.references[0]', /contested already/);
      await cell.refused(() => cell.raise(syDuty, [original, translation]), 409, 'conflict', 'body.envelope.references[1]', /contested already/);
      cell.created(await cell.close(usChief, first, 'unresolved', 'Withdrawn'));
      cell.created(await cell.raise(ilDuty, [translation], { respondents: ['sy'] }));
    });
  });

  it('rebuilds the obligations, lifecycles and documents of disputes from the logs to the same state', async () => {
    const { db } = cell.server.handle.services;
    expect((await rebuildDerivedState(db, { repair: false })).differences).toEqual([]);
  });
});

/** A cell with a third side, which is no party to a dispute between the other two. */
function withThirdSide(): Scenario {
  return Scenario.parse({
    ...demoScenario,
    parties: [...demoScenario.parties, { id: 'lb', kind: 'side', name: { en: 'Lebanon', ar: 'لبنان', he: 'לבנון' } }],
    members: [
      ...demoScenario.members,
      { username: 'lb.head', party: 'lb', displayName: 'Lebanese head of delegation', roles: ['head'] },
      { username: 'lb.admin', party: 'lb', displayName: 'Lebanese administrator', roles: ['admin'] },
    ],
  });
}

describe.each(ENGINES)('a dispute between two of three sides on $engine', (setup) => {
  let cell: Awaited<ReturnType<typeof openCell>>;

  beforeAll(async () => {
    cell = await openCell(setup, withThirdSide(), ['us.chief', 'sy.duty1', 'il.duty1', 'lb.head']);
  });

  afterAll(async () => {
    await cell?.server.close();
    await cell?.storage.cleanup();
  });

  it('asks, hears and lets act only its own sides; its caucuses are theirs alone', async () => {
    const [usChief, syDuty, ilDuty, lbHead] = ['us.chief', 'sy.duty1', 'il.duty1', 'lb.head'].map((username) => cell.client(username)) as [SigningClient, SigningClient, SigningClient, SigningClient];
    const subject = cell.created(await cell.message(ilDuty, 'A schedule'));
    const dispute = cell.created(await cell.raise(syDuty, [subject]));
    await cell.refused(() => cell.respond(lbHead, dispute), 403, 'forbidden', 'body.envelope.author', /respondents/);
    await cell.refused(() => cell.propose(lbHead, dispute, 'negotiation'), 403, 'forbidden', 'body.envelope.author');
    // A stage names the sides whose position it awaits: the dispute's, not a third one.
    await cell.refused(() => cell.move(usChief, dispute, 'facilitation', [], ['sy', 'il', 'lb']), 400, 'validation_failed', 'body.envelope.payload.sides', /sy, il/);
    await cell.refused(() => cell.move(usChief, dispute, 'facilitation', [], ['sy']), 400, 'validation_failed', 'body.envelope.payload.sides');
    const stage = cell.created(await cell.move(usChief, dispute, 'facilitation'));
    // The stage asks the two sides of the dispute, not the third.
    expect((await cell.obligationsOf(stage)).map((owed) => owed.party)).toEqual(['il', 'sy']);
    await cell.refused(() => cell.respond(lbHead, stage), 403, 'forbidden', 'body.envelope.author', /sides of the dispute/);
    await cell.refused(() => cell.caucus(usChief, dispute, 'caucus-lb', 'Your view?'), 400, 'validation_failed', 'body.envelope.compartment', /caucus-sy, caucus-il/);
    cell.created(await cell.move(usChief, dispute, 'resolution'));
    await cell.refused(() => cell.draft(lbHead, dispute, { parties: ['sy', 'il', 'us'] }), 403, 'forbidden', 'body.envelope.author');
    expect((await rebuildDerivedState(cell.server.handle.services.db, { repair: false })).differences).toEqual([]);
  });
});
