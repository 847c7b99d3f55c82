import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildDerivedState } from '../src/record/rebuild.ts';
import { ENGINES, type TestStorage } from './support/engines.ts';
import { SigningClient } from './support/signing-client.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type Response = Awaited<ReturnType<SigningClient['send']>>;

/** Meetings, their minutes, the single negotiating text and the commitments taken in them. */
describe.each(ENGINES)('the diplomatic track on $engine', (setup) => {
  let storage: TestStorage;
  let server: TestServer;
  let usChief: SigningClient;
  let usDuty: SigningClient;
  let syHead: SigningClient;
  let syDuty: SigningClient;
  let ilHead: SigningClient;
  let ilDuty: SigningClient;

  beforeAll(async () => {
    storage = await setup.create();
    // The clock moves by days here; sessions must outlive it.
    server = await startTestServer(storage, { checkpointIntervalMs: 60_000, timerIntervalMs: 3_600_000, sessionIdleMinutes: 10_000_000, sessionMaxHours: 1_000_000 });
    const open = (username: string) => SigningClient.open(server.url, username, server.passwordOf(username));
    [usChief, usDuty, syHead, syDuty, ilHead, ilDuty] = await Promise.all([open('us.chief'), open('us.duty1'), open('sy.head'), open('sy.duty1'), open('il.head'), open('il.duty1')]);
  });

  afterAll(async () => {
    await server.close();
    await storage.cleanup();
  });

  // Each act is authored a millisecond after the last, so two acts are never one replayed envelope.
  let authored = 0;
  const now = () => new Date(server.clock.now() + ++authored).toISOString();
  const at = (fromNow: number) => new Date(server.clock.now() + fromNow).toISOString();
  const entries = async () => Number((await server.handle.services.db.selectFrom('log_entries').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const stateOf = async (item: string) => (await usChief.get(`/api/v1/items/${item}/state`)).body;
  const send = (client: SigningClient, type: string, payload: Record<string, unknown>, references: string[] = [], compartment = 'plenary', track = 'diplomatic') =>
    client.send({ type, track, compartment, references, authoredAt: now(), payload: payload as never });
  const created = (response: Response): string => {
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body.id as string;
  };
  /** A refusal with its status, code and field, after which the record holds no more entries than before. */
  const refused = async (attempt: () => Promise<Response>, status: number, field: string | undefined, message?: RegExp) => {
    const before = await entries();
    const response = await attempt();
    expect(response.status, JSON.stringify(response.body)).toBe(status);
    expect(response.body.error.field).toBe(field);
    if (message) expect(response.body.error.message).toMatch(message);
    expect(await entries()).toBe(before);
    return response;
  };

  let rounds = 0;
  const meetingPayload = (overrides: Record<string, unknown> = {}) => ({
    round: ++rounds,
    title: `Round ${rounds} of the talks`,
    startsAt: at(3 * DAY),
    endsAt: at(3 * DAY + 4 * HOUR),
    timeZone: 'Europe/Zurich',
    mode: 'in-person',
    venue: 'Palais des Nations, Geneva',
    parties: ['sy', 'il', 'us'],
    agenda: [
      { id: 'withdrawal', title: 'Withdrawal lines' },
      { id: 'crossings', title: 'Crossings and inspections' },
    ],
    language: 'en',
    ...overrides,
  });
  const meeting = (client: SigningClient, overrides: Record<string, unknown> = {}, compartment = 'plenary', references: string[] = []) => send(client, 'meeting', meetingPayload(overrides), references, compartment);
  const reason = (text: string) => ({ reason: text, language: 'en' });
  const sign = (client: SigningClient, version: string, act: 'initials' | 'signature' = 'signature') => send(client, 'document.sign', { act, version }, [version]);
  const minutesPayload = (meetingId: string, overrides: Record<string, unknown> = {}) => ({
    meeting: meetingId,
    parties: ['sy', 'il', 'us'],
    sections: [
      { agendaItem: 'withdrawal', text: 'The parties discussed the withdrawal lines.', decisions: [{ id: 'd1', text: 'Forces withdraw 2 km from the line.' }] },
      { agendaItem: 'crossings', text: 'Inspections at the crossings resume.' },
    ],
    language: 'en',
    ...overrides,
  });
  const textPayload = (overrides: Record<string, unknown> = {}) => ({
    title: 'Joint statement on the withdrawal',
    penHolder: 'us',
    parties: ['sy', 'il'],
    sections: [
      {
        id: 'preamble',
        passages: [
          { id: 'p1', text: 'The parties reaffirm their commitment to the ceasefire.' },
          { id: 'p2', text: 'Forces withdraw two kilometres from the line within seven days.' },
        ],
      },
      { id: 'operative', passages: [{ id: 'p3', text: 'The supervisor verifies the withdrawal.' }] },
    ],
    language: 'en',
    ...overrides,
  });
  const bracket = (client: SigningClient, version: string, passage: string, action: 'raise' | 'lift' = 'raise') => send(client, 'joint.text.bracket', { passage, action, language: 'en' }, [version]);
  const suggest = (client: SigningClient, version: string, changes: unknown[]) => send(client, 'joint.text.suggestion', { changes, reason: 'Clearer wording', language: 'en' }, [version]);

  describe('meetings', () => {
    it('convenes a supervisor’s meeting at once, each other invited party owing an acknowledgment by the declared rule', async () => {
      const id = created(await meeting(usChief, { round: 6, title: 'Round 6' }));
      const state = await stateOf(id);
      expect(state.details).toEqual({ state: 'convened' });
      const owed = state.obligations.map((obligation: { party: string; kind: string; required: string; dueAt: string }) => [obligation.party, obligation.kind, obligation.required, Date.parse(obligation.dueAt) - Date.parse(state.item.receivedAt)]);
      // `meeting` in the rules: understood, within a day; the author's party owes nothing.
      expect(owed.sort()).toEqual([
        ['il', 'ack', 'understood', DAY],
        ['sy', 'ack', 'understood', DAY],
      ]);
      expect(created(await send(syDuty, 'ack', { level: 'understood', readBack: 'Round 6 in Geneva.', language: 'en' }, [id]))).toBeTruthy();
      expect((await stateOf(id)).obligations.find((obligation: { party: string }) => obligation.party === 'sy').met).toBe(true);
    });

    it('refuses unknown parties, an absent author, members of parties not taking part, and an end before the start, naming the field', async () => {
      await refused(() => meeting(usChief, { parties: ['sy', 'xx', 'us'] }), 400, 'body.envelope.payload.parties[1]', /xx is not a side or supervisor/);
      await refused(() => meeting(syDuty, { parties: ['sy', 'il', 'us'] }, 'caucus-sy'), 400, 'body.envelope.payload.parties[1]');
      await refused(() => meeting(syDuty, { parties: ['il', 'us'] }), 400, 'body.envelope.payload.parties', /takes part/);
      await refused(() => meeting(usChief, { parties: ['sy', 'us'], members: [syHead.memberId, ilHead.memberId] }), 400, 'body.envelope.payload.members[1]');
      await refused(() => meeting(usChief, { startsAt: at(3 * DAY), endsAt: at(2 * DAY) }), 400, 'body.envelope.payload.endsAt', /ends after it starts/);
      created(await meeting(usChief, { parties: ['sy', 'us'], members: [syHead.memberId, usChief.memberId] }));
    });

    it('lets a side propose, a supervisor confirm once, and cancels by the rules: a side only its own proposal, never twice', async () => {
      const proposed = created(await meeting(syDuty));
      expect((await stateOf(proposed)).details).toEqual({ state: 'proposed' });
      await refused(() => send(ilDuty, 'meeting.cancel', reason('Not convenient'), [proposed]), 403, 'body.envelope.references[0]', /only a meeting it proposed/);
      // Who may enter the type at all is the policy's to say, naming no field.
      await refused(() => send(syDuty, 'meeting.confirm', { language: 'en' }, [proposed]), 403, undefined, /only a supervisor/);
      created(await send(usDuty, 'meeting.confirm', { note: 'Confirmed', language: 'en' }, [proposed]));
      expect((await stateOf(proposed)).details).toEqual({ state: 'convened' });
      await refused(() => send(usChief, 'meeting.confirm', { language: 'en' }, [proposed]), 409, 'body.envelope.references[0]', /is convened/);
      await refused(() => send(syDuty, 'meeting.cancel', reason('We withdraw'), [proposed]), 403, 'body.envelope.references[0]', /supervisor/);
      created(await send(usChief, 'meeting.cancel', reason('The venue is unavailable'), [proposed]));
      expect((await stateOf(proposed)).details).toEqual({ state: 'cancelled' });
      await refused(() => send(usChief, 'meeting.cancel', reason('Again'), [proposed]), 409, 'body.envelope.references[0]', /cancelled already/);
      await refused(() => send(usChief, 'meeting.confirm', { language: 'en' }, [proposed]), 409, 'body.envelope.references[0]');

      const own = created(await meeting(ilDuty));
      created(await send(ilDuty, 'meeting.cancel', reason('We withdraw our proposal'), [own]));
      await refused(() => send(usChief, 'meeting.confirm', { language: 'en' }, ['A'.repeat(43)]), 400, 'body.envelope.references[0]');
    });

    it('convenes a meeting on an explanation request only by a supervisor, only once its reply is overdue, moving the request’s lifecycle', async () => {
      const request = created(await send(syDuty, 'explanation.request', { question: 'Why were vehicles moved at night?', language: 'en' }, [], 'plenary', 'deescalation'));
      const onRequest = (client: SigningClient) => send(client, 'meeting', meetingPayload({ title: 'On the night movement' }), [request], 'plenary', 'deescalation');
      await refused(() => onRequest(syDuty), 403, 'body.envelope.type');
      await refused(() => onRequest(usChief), 409, 'body.envelope.references[0]');
      server.clock.advance(48 * HOUR + 1);
      const convened = created(await onRequest(usChief));
      expect((await stateOf(request)).lifecycle).toMatchObject({ state: 'meeting-convened', by: convened });
      await refused(() => onRequest(usChief), 409, 'body.envelope.type');
    });
  });

  describe('minutes', () => {
    it('are drafted by a supervisor, amended once by a side, signed by all three and then agreed: no further version', async () => {
      const round = created(await meeting(usChief, { title: 'Round with minutes' }));
      await refused(() => send(syDuty, 'minutes', minutesPayload(round), [round]), 403, 'body.envelope.author', /supervisor drafts/);
      const proposed = created(await meeting(syDuty));
      await refused(() => send(usChief, 'minutes', minutesPayload(proposed), [proposed]), 409, 'body.envelope.payload.meeting', /proposed/);
      await refused(() => send(usChief, 'minutes', minutesPayload(round), []), 400, 'body.envelope.references[0]');
      await refused(() => send(usChief, 'minutes', minutesPayload(round, { parties: ['sy', 'us'] }), [round]), 400, 'body.envelope.payload.parties');
      await refused(
        () => send(usChief, 'minutes', minutesPayload(round, { sections: [{ agendaItem: 'elections', text: 'Not on the agenda.' }] }), [round]),
        400,
        'body.envelope.payload.sections[0].agendaItem',
        /not on the meeting’s agenda/,
      );
      const draft = created(await send(usChief, 'minutes', minutesPayload(round), [round]));

      await refused(() => send(syDuty, 'minutes', minutesPayload(round), [draft]), 400, 'body.envelope.payload.amendment');
      await refused(() => send(syDuty, 'minutes', minutesPayload(proposed, { amendment: 'Another meeting' }), [draft]), 400, 'body.envelope.payload.meeting');
      const amended = created(await send(syDuty, 'minutes', minutesPayload(round, { amendment: 'Records the inspections’ schedule', sections: [{ agendaItem: 'crossings', text: 'Inspections resume on Monday.' }] }), [draft]));

      // Signing or amending the stale version is refused.
      await refused(() => sign(syHead, draft), 409, 'body.envelope.references[0]', /stale/);
      await refused(() => send(ilDuty, 'minutes', minutesPayload(round, { amendment: 'From the old version' }), [draft]), 409, 'body.envelope.references[0]', /stale/);
      for (const client of [usChief, syHead, ilHead]) created(await sign(client, amended));
      expect((await stateOf(amended)).document).toMatchObject({ version: 2, inForce: { id: amended, number: 2 } });
      // Editing agreed minutes.
      await refused(() => send(ilDuty, 'minutes', minutesPayload(round, { amendment: 'A late change' }), [amended]), 409, 'body.envelope.references[0]', /agreed/);
    });

    it('are amended only by a party taking part in the meeting', async () => {
      const bilateral = created(await meeting(usChief, { parties: ['sy', 'us'] }));
      const draft = created(await send(usChief, 'minutes', minutesPayload(bilateral, { parties: ['sy', 'us'] }), [bilateral]));
      await refused(() => send(ilDuty, 'minutes', minutesPayload(bilateral, { parties: ['sy', 'us'], amendment: 'Ours' }), [draft]), 403, 'body.envelope.author', /taking part/);
      created(await send(syDuty, 'minutes', minutesPayload(bilateral, { parties: ['sy', 'us'], amendment: 'Ours' }), [draft]));
    });
  });

  describe('the joint text', () => {
    it('is issued by its pen-holder, a party of the compartment, for sides of the compartment', async () => {
      await refused(() => send(syDuty, 'joint.text', textPayload()), 403, 'body.envelope.author', /pen-holder/);
      await refused(() => send(usChief, 'joint.text', textPayload({ penHolder: 'xx' })), 400, 'body.envelope.payload.penHolder');
      await refused(() => send(usChief, 'joint.text', textPayload({ parties: ['sy', 'us'] })), 400, 'body.envelope.payload.parties[1]', /not a side/);
      const first = created(await send(usChief, 'joint.text', textPayload()));
      await refused(() => send(syDuty, 'joint.text', textPayload({ note: 'Ours' }), [first]), 403, 'body.envelope.author');
      await refused(() => send(usChief, 'joint.text', textPayload({ parties: ['sy'], note: 'Fewer parties' }), [first]), 400, 'body.envelope.payload.parties');
      await refused(() => send(usChief, 'joint.text', textPayload({ penHolder: 'sy', note: 'Handing over' }), [first]), 400, 'body.envelope.payload.penHolder');
    });

    it('goes through two versions with a bracket raised and lifted, then is initialled and signed by both sides', async () => {
      const first = created(await send(usChief, 'joint.text', textPayload()));
      const raised = created(await bracket(ilDuty, first, 'p2'));
      expect((await stateOf(first)).details).toMatchObject({ openBrackets: [{ passage: 'p2', party: 'il', raisedBy: raised }] });
      await refused(() => bracket(ilDuty, first, 'p2'), 409, 'body.envelope.payload.passage', /already holds/);
      await refused(() => bracket(ilDuty, first, 'p9'), 400, 'body.envelope.payload.passage');
      // Removing another party's bracket; lifting where none is open.
      await refused(() => bracket(syDuty, first, 'p2', 'lift'), 403, 'body.envelope.payload.passage', /only its owner \(il\)/);
      await refused(() => bracket(syDuty, first, 'p1', 'lift'), 409, 'body.envelope.payload.passage', /no bracket/);
      // Signing a text with open brackets.
      await refused(() => sign(syHead, first, 'initials'), 409, 'body.envelope.references[0]', /open brackets/);
      // A new version keeps the bracketed passage.
      const withoutP2 = textPayload({ note: 'Drops p2', sections: [{ id: 'preamble', passages: [{ id: 'p1', text: 'The parties reaffirm the ceasefire.' }] }] });
      await refused(() => send(usChief, 'joint.text', withoutP2, [first]), 409, 'body.envelope.payload.sections', /passage p2 holds an open bracket/);

      const second = created(await send(usChief, 'joint.text', textPayload({ note: 'Withdrawal within ten days', sections: [{ id: 'preamble', passages: [{ id: 'p1', text: 'The parties reaffirm their commitment to the ceasefire.' }, { id: 'p2', text: 'Forces withdraw two kilometres from the line within ten days.' }] }] }), [first]));
      // The bracket stays open across versions, on the latest one only.
      await refused(() => bracket(ilDuty, first, 'p2', 'lift'), 409, 'body.envelope.references[0]', /stale/);
      await refused(() => sign(syHead, second, 'initials'), 409, 'body.envelope.references[0]', /open brackets/);
      created(await bracket(ilDuty, second, 'p2', 'lift'));
      expect((await stateOf(second)).details).toEqual({ openBrackets: [] });

      // Signing or initialling a version that is not the latest.
      await refused(() => sign(syHead, first, 'initials'), 409, 'body.envelope.references[0]', /stale/);
      await refused(() => sign(syHead, second, 'signature'), 409, 'body.envelope.payload.act', /initials before/);
      created(await sign(syHead, second, 'initials'));
      created(await sign(ilHead, second, 'initials'));
      expect((await stateOf(second)).document.versions[1]).toMatchObject({ state: 'initialled' });
      created(await sign(syHead, second, 'signature'));
      created(await sign(ilHead, second, 'signature'));
      expect((await stateOf(second)).document).toMatchObject({ inForce: { id: second, number: 2 } });
    });

    it('refuses initials on a version whose passages still hold options', async () => {
      const options = textPayload({ sections: [{ id: 'only', passages: [{ id: 'o1', options: [{ id: 'a', text: 'Seven days.' }, { id: 'b', text: 'Ten days.' }] }] }] });
      const version = created(await send(usChief, 'joint.text', options));
      await refused(() => sign(ilHead, version, 'initials'), 409, 'body.envelope.references[0]', /options/);
    });

    it('takes suggestions from its parties on the latest version, owed a decision by the pen-holder, decided once', async () => {
      const first = created(await send(usChief, 'joint.text', textPayload()));
      await refused(() => suggest(ilDuty, first, [{ kind: 'replace', passage: 'p9', text: 'No such passage.' }]), 400, 'body.envelope.payload.changes[0].passage');
      await refused(() => suggest(ilDuty, first, [{ kind: 'insert', passage: 'p1', after: 'p2', text: 'Taken.' }]), 400, 'body.envelope.payload.changes[0].passage');
      await refused(() => suggest(ilDuty, first, [{ kind: 'insert', passage: 'p4', after: 'p9', text: 'After nothing.' }]), 400, 'body.envelope.payload.changes[0].after');
      const suggestion = created(await suggest(ilDuty, first, [{ kind: 'replace', passage: 'p2', text: 'Forces withdraw three kilometres.' }, { kind: 'insert', passage: 'p4', after: 'p3', text: 'A joint commission meets weekly.' }]));
      // `joint.text.suggestion` in the rules: the pen-holder owes a decision within three days.
      const owed = (await stateOf(suggestion)).obligations;
      expect(owed.map((obligation: { party: string; kind: string; required: string }) => [obligation.party, obligation.kind, obligation.required])).toEqual([['us', 'reply', 'joint.text.decision']]);

      await refused(() => send(syDuty, 'joint.text.decision', { decision: 'accepted', reason: 'Fine', language: 'en' }, [suggestion]), 403, 'body.envelope.author', /only the pen-holder/);
      created(await send(usDuty, 'joint.text.decision', { decision: 'accepted', reason: 'Clearer', language: 'en' }, [suggestion]));
      expect((await stateOf(suggestion)).obligations[0]).toMatchObject({ met: true });
      await refused(() => send(usChief, 'joint.text.decision', { decision: 'rejected', reason: 'On second thought', language: 'en' }, [suggestion]), 409, 'body.envelope.references[0]', /already decided/);

      const second = created(await send(usChief, 'joint.text', textPayload({ note: 'Takes the suggestion' }), [first]));
      await refused(() => suggest(syDuty, first, [{ kind: 'delete', passage: 'p3' }]), 409, 'body.envelope.references[0]', /stale/);
      created(await suggest(syDuty, second, [{ kind: 'delete', passage: 'p3' }]));
    });

    it('refuses a suggestion by a party that does not take part in the text', async () => {
      const bilateral = created(await send(usChief, 'joint.text', textPayload({ parties: ['sy'] })));
      await refused(() => suggest(ilDuty, bilateral, [{ kind: 'delete', passage: 'p3' }]), 403, 'body.envelope.author', /does not take part/);
      // Nor does it bracket it.
      await refused(() => bracket(ilDuty, bilateral, 'p1'), 403, 'body.envelope.author');
      // An open bracket stays for the rebuild below.
      created(await bracket(syDuty, bilateral, 'p1'));
    });
  });

  describe('commitments', () => {
    let signedText = '';
    let draftText = '';

    beforeAll(async () => {
      draftText = created(await send(usChief, 'joint.text', textPayload({ title: 'Statement with commitments' })));
      for (const act of ['initials', 'signature'] as const) for (const client of [syHead, ilHead]) created(await sign(client, draftText, act));
      signedText = draftText;
      draftText = created(await send(usChief, 'joint.text', textPayload({ title: 'Statement with commitments', note: 'Not yet signed' }), [signedText]));
    });

    const commitmentPayload = (overrides: Record<string, unknown> = {}) => ({
      owner: 'il',
      undertaking: 'Withdraw forces two kilometres from the line.',
      due: at(2 * DAY),
      verification: 'Supervisor patrols and imagery.',
      source: 'p2',
      language: 'en',
      ...overrides,
    });
    const commit = (client: SigningClient, source: string, overrides: Record<string, unknown> = {}) => send(client, 'commitment', commitmentPayload(overrides), [source]);

    it('comes from the version in force, owned by a signer other than its author, due in the future', async () => {
      await refused(() => commit(usChief, draftText), 409, 'body.envelope.references[0]', /in force/);
      await refused(() => commit(usChief, 'A'.repeat(43)), 400, 'body.envelope.references[0]');
      await refused(() => commit(usChief, signedText, { owner: 'us' }), 400, 'body.envelope.payload.owner', /signed/);
      await refused(() => commit(ilDuty, signedText), 403, 'body.envelope.payload.owner', /its own commitment/);
      await refused(() => commit(usChief, signedText, { due: at(-HOUR) }), 400, 'body.envelope.payload.due');
      created(await commit(syDuty, signedText));
    });

    it('is owed a report by its owner at its due date, escalates when overdue, then is reported and verified', async () => {
      const commitment = created(await commit(usChief, signedText));
      const [owed] = (await stateOf(commitment)).obligations;
      expect(owed).toMatchObject({ party: 'il', kind: 'reply', required: 'commitment.report', met: false });
      expect(Date.parse(owed.dueAt)).toBe(Date.parse((await stateOf(commitment)).payload.due));
      await refused(() => send(usChief, 'commitment.verify', { verdict: 'verified', note: 'Too early', language: 'en' }, [commitment]), 409, 'body.envelope.references[0]', /open/);

      server.clock.advance(2 * DAY + 1);
      await server.handle.live.timers.tick();
      const overdue = await stateOf(commitment);
      expect(overdue.escalations).toHaveLength(1);
      const escalation = JSON.parse((await usChief.get(`/api/v1/items/${overdue.escalations[0].item}`)).body.leaf).envelope;
      expect(escalation.payload).toMatchObject({ kind: 'commitment-overdue', party: 'il', item: commitment });

      const report = (client: SigningClient) => send(client, 'commitment.report', { summary: 'Forces withdrawn on schedule.', language: 'en' }, [commitment]);
      await refused(() => report(syDuty), 403, 'body.envelope.author', /only the owner \(il\)/);
      created(await report(ilDuty));
      expect((await stateOf(commitment)).obligations[0]).toMatchObject({ met: true });
      await refused(() => send(syDuty, 'commitment.verify', { verdict: 'verified', note: 'We saw it', language: 'en' }, [commitment]), 403, undefined, /only a supervisor/);
      created(await send(usChief, 'commitment.verify', { verdict: 'verified', note: 'Patrols confirm it.', language: 'en' }, [commitment]));
      await refused(() => send(usDuty, 'commitment.verify', { verdict: 'verified', note: 'Twice', language: 'en' }, [commitment]), 409, 'body.envelope.references[0]', /verified/);
      await refused(() => report(ilDuty), 409, 'body.envelope.references[0]', /verified already/);
    });
  });

  describe('the calendar', () => {
    const calendar = async (client: SigningClient) => {
      const response = await fetch(`${server.url}/api/v1/meetings.ics`, { headers: { cookie: client.sessionCookie ?? '' } });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
      return response.text();
    };

    it('lists every meeting the member may see, with its times in UTC, venue, agenda, and cancelled ones marked', async () => {
      const startsAt = '2026-03-02T08:30:00.000Z';
      const plenary = created(await meeting(usChief, { title: 'Calendar round', startsAt, endsAt: '2026-03-02T12:00:00.000Z', timeZone: 'Asia/Damascus' }));
      const caucus = created(await meeting(syDuty, { title: 'Caucus with the supervisor', parties: ['sy', 'us'] }, 'caucus-sy'));
      const cancelled = created(await meeting(usChief, { title: 'Called off' }));
      created(await send(usChief, 'meeting.cancel', reason('Postponed'), [cancelled]));

      const forUs = await calendar(usChief);
      expect(forUs).toMatch(/^BEGIN:VCALENDAR\r\n/);
      const event = forUs.split('BEGIN:VEVENT').find((block) => block.includes(`UID:${plenary}`)) ?? '';
      expect(event).toContain('DTSTART:20260302T083000Z');
      expect(event).toContain('DTEND:20260302T120000Z');
      expect(event).toContain('LOCATION:Palais des Nations\\, Geneva');
      expect(event).toContain('DESCRIPTION:1. Withdrawal lines\\n2. Crossings and inspections');
      expect(event).toContain('STATUS:CONFIRMED');
      expect(forUs.split('BEGIN:VEVENT').find((block) => block.includes(`UID:${cancelled}`))).toContain('STATUS:CANCELLED');
      expect(forUs.split('BEGIN:VEVENT').find((block) => block.includes(`UID:${caucus}`))).toContain('STATUS:TENTATIVE');
      expect(await calendar(syHead)).toContain(`UID:${caucus}`);
      // A caucus meeting of the other side never appears.
      const forIl = await calendar(ilHead);
      expect(forIl).toContain(`UID:${plenary}`);
      expect(forIl).not.toContain(caucus);
      expect((await fetch(`${server.url}/api/v1/meetings.ics`)).status).toBe(401);
    });
  });

  it('rebuilds the brackets, documents and obligations from the logs to the same state', async () => {
    const { db } = server.handle.services;
    const stored = await db.selectFrom('joint_text_brackets').selectAll().orderBy('document_id').orderBy('passage').execute();
    expect(stored.length).toBeGreaterThan(0);
    expect((await rebuildDerivedState(db, { repair: false })).differences).toEqual([]);
    await db.deleteFrom('joint_text_brackets').execute();
    const dirty = await rebuildDerivedState(db, { repair: true });
    expect(dirty.differences.filter((difference) => difference.table === 'joint_text_brackets')).toHaveLength(stored.length);
    expect(await db.selectFrom('joint_text_brackets').selectAll().orderBy('document_id').orderBy('passage').execute()).toEqual(stored);
  });
});
