import { randomBytes } from 'node:crypto';
import { newReleaseNonce, releaseCommitment } from '@fusion-cell/protocol';
import type { JsonObject } from '@fusion-cell/record';
import { ALL_PARTIES, CALLERS, compartmentProbes, dutyOf, headOf, isInAudience, OTHER_SIDE, type Caller } from './authorization-cell.ts';
import type { CaseSpec, Expected } from './authorization-case.ts';
import { required, type World } from './authorization-world.ts';
import { relationWords } from './compartment-cases.ts';
import { answer, commitment, expectedItemAnswer, jointText, meeting, minutes, opportunity, intelReport, ITEM_MATRIX, notice, partiesIn, question, text, type Answers } from './item-matrix.ts';

/** An item id that names nothing; hidden items must answer as it does. */
const NO_ITEM = randomBytes(32).toString('base64url');
const referenceNotFound: Expected = { status: 400, code: 'reference_not_found', field: 'body.envelope.references[0]' };

/** Every text differs, so that no two envelopes are the same item (a replay would answer 200). */
let written = 0;
const unique = (what: string): string => `${what} #${++written}`;

/** Parties that write the items callers answer, the other side first: it never calls. */
const AUTHORS = [...ALL_PARTIES].reverse();

/** A party in the compartment, the first that is none of the parties of a list of preferences. */
function authorIn(compartment: string, ...preferences: string[][]): string {
  for (const notOf of preferences) {
    const found = AUTHORS.find((party) => !notOf.includes(party.id) && isInAudience(party, compartment));
    if (found) return found.id;
  }
  throw new Error(`no party to write in ${compartment}`);
}

async function enter(world: World, party: string, compartment: string, type: string, payload: JsonObject, references: string[] = [], track = 'general'): Promise<string> {
  const response = await world.client(dutyOf(party)).send({ compartment, type, track, payload, references });
  if (response.status !== 201) throw new Error(`${party} could not write ${type} in ${compartment}: ${JSON.stringify(response.body)}`);
  return response.body.id;
}

/** A fresh item for the caller to answer (or act on), written by other parties, as the answer's rules want it, with any other item the case names. */
async function somethingToAnswer(world: World, answers: Answers, compartment: string, caller: Caller): Promise<string[]> {
  const diplomatic = diplomaticSubject(world, answers, compartment, caller);
  if (diplomatic) return diplomatic;
  const settling = disputeAndUnderstandingSubject(world, answers, compartment, caller);
  if (settling) return [await settling];
  return [await oneToAnswer(world, answers, compartment, caller)];
}

/**
 * What a dispute or understanding case acts on, entered fresh; undefined for other kinds. A
 * dispute is raised by the other side naming the caller's (a supervisor's cases act on one all
 * the same) and moved by the supervisor as far as the case needs; it is always in the plenary,
 * whatever compartment the case is in (a caucus refers to it there).
 */
function disputeAndUnderstandingSubject(world: World, answers: Answers, compartment: string, caller: Caller): Promise<string> | undefined {
  switch (answers) {
    case 'a dispute raised by the other side':
      return disputeAt(world, 'notice');
    case 'a dispute in facilitation':
      return disputeAt(world, 'facilitation');
    case 'a dispute in its resolution stage':
      return disputeAt(world, 'resolution');
    case 'an item with text':
      return enter(world, authorIn(compartment, [caller.party.id], []), compartment, 'message', text(unique('to be translated')));
    case 'a read-back of an item of its own party':
      return (async () => {
        const own = await enter(world, caller.party.id, compartment, 'message', text(unique('to be read back')));
        return enter(world, authorIn(compartment, [caller.party.id]), compartment, 'ack', { level: 'understood', readBack: unique('as we understood it'), language: 'en' }, [own]);
      })();
    default:
      return undefined;
  }
}

/** A dispute of the other side about an item of its own in the plenary, naming the calling side, moved on by the supervisor to `stage`. */
async function disputeAt(world: World, stage: 'notice' | 'facilitation' | 'resolution'): Promise<string> {
  const other = OTHER_SIDE.id;
  const subject = await enter(world, other, 'plenary', 'message', text(unique('disputed')));
  const dispute = await enter(world, other, 'plenary', 'dispute', { subject: unique('a dispute'), statement: 'It is not what was agreed.', respondents: ['sy'], language: 'en' }, [subject]);
  if (stage !== 'notice') await enter(world, 'us', 'plenary', 'dispute.stage', { to: stage, sides: [other, 'sy'], language: 'en' }, [dispute]);
  return dispute;
}

async function oneToAnswer(world: World, answers: Answers, compartment: string, caller: Caller): Promise<string> {
  const other = authorIn(compartment, [caller.party.id]);
  switch (answers) {
    case 'any item':
      return enter(world, other, compartment, 'message', text(unique('to be answered')));
    case 'clarification': {
      const unclear = await enter(world, authorIn(compartment, [other]), compartment, 'message', text(unique('to be clarified')));
      return enter(world, other, compartment, 'clarification', question(unique('what does it mean?')), [unclear]);
    }
    case 'explanation.request':
      return enter(world, other, compartment, 'explanation.request', question(unique('what is this activity?')));
    case 'explanation.request with a contested reply': {
      const request = await enter(world, other, compartment, 'explanation.request', question(unique('what is this activity?')));
      const reply = await enter(world, authorIn(compartment, [other, caller.party.id], [other]), compartment, 'explanation.reply', answer(unique('an exercise')), [request]);
      await enter(world, other, compartment, 'ack', { level: 'contested', reason: unique('not an answer'), language: 'en' }, [reply]);
      return request;
    }
    case 'a glossary term':
      return enter(world, other, compartment, 'glossary.term', { term: unique('withdrawal'), language: 'en' });
    case 'an incident alleging a violation': {
      const incident = { what: unique('shots fired'), language: 'en', place: { type: 'Point', coordinates: [35.9, 33] }, occurredAt: '2026-01-06T08:00:00.000Z', violation: true };
      return enter(world, other, compartment, 'incident.report', incident, [], 'deescalation');
    }
    case 'a notice of its own party':
      return enter(world, caller.party.id, compartment, 'activity.notice', notice(unique('an exercise')), [], 'deescalation');
    case 'an opportunity':
      return proposed(world, proposerIn(compartment, [caller.party.id]), compartment);
    case 'an opportunity of its own party':
      return proposed(world, proposerIn(compartment, ALL_PARTIES.filter((party) => party.id !== caller.party.id).map((party) => party.id)), compartment);
    case 'an intelligence report':
      return enter(world, other, compartment, 'intel.report', intelReport(unique('a report')), [], 'intelligence');
    case 'a request for information':
      return enter(world, other, compartment, 'intel.rfi', { question: unique('where?'), priority: 'routine', language: 'en' }, [], 'intelligence');
    case 'a request for information of its own party':
      return enter(world, caller.party.id, compartment, 'intel.rfi', { question: unique('where?'), priority: 'routine', language: 'en' }, [], 'intelligence');
    default:
      throw new Error(`nothing to answer as ${answers}`);
  }
}

/** A side of the compartment other than these parties. */
function sideIn(compartment: string, notOf: readonly string[]): string {
  const side = AUTHORS.find((party) => party.kind === 'side' && !notOf.includes(party.id) && isInAudience(party, compartment));
  if (!side) throw new Error(`no side in ${compartment} but ${notOf.join(', ')}`);
  return side.id;
}

const diplomaticItem = (world: World, party: string, compartment: string, type: string, payload: object, references: string[] = []) =>
  enter(world, party, compartment, type, payload as JsonObject, references, 'diplomatic');

/** Minutes a supervisor drafted on a meeting it convened, signed by every party taking part: agreed. */
async function agreedMinutes(world: World, compartment: string): Promise<string> {
  const convened = await diplomaticItem(world, 'us', compartment, 'meeting', meeting(unique('a round'), compartment));
  const version = await diplomaticItem(world, 'us', compartment, 'minutes', minutes(convened, compartment), [convened]);
  for (const party of partiesIn(compartment)) {
    const response = await world.client(headOf(party)).send({ compartment, type: 'document.sign', track: 'diplomatic', payload: { act: 'signature', version }, references: [version] });
    if (response.status !== 201) throw new Error(`${party} could not sign minutes in ${compartment}: ${JSON.stringify(response.body)}`);
  }
  return version;
}

/** What a diplomatic case acts on, entered fresh; undefined for the other kinds of answer. */
function diplomaticSubject(world: World, answers: Answers, compartment: string, caller: Caller): Promise<string[]> | undefined {
  const own = caller.party.id;
  const one = async (made: Promise<string>) => [await made];
  switch (answers) {
    case 'a meeting proposed by another side':
      return one(diplomaticItem(world, sideIn(compartment, [own]), compartment, 'meeting', meeting(unique('a proposed round'), compartment)));
    case 'a meeting of its own party':
      return one(diplomaticItem(world, own, compartment, 'meeting', meeting(unique('our round'), compartment)));
    case 'minutes drafted by a supervisor, and their meeting':
      return (async () => {
        const convened = await diplomaticItem(world, 'us', compartment, 'meeting', meeting(unique('a round'), compartment));
        return [await diplomaticItem(world, 'us', compartment, 'minutes', minutes(convened, compartment), [convened]), convened];
      })();
    case 'a joint text':
      return one(diplomaticItem(world, 'us', compartment, 'joint.text', jointText(unique('a statement'), compartment, 'us')));
    case 'a suggestion on a joint text its party holds the pen of':
      return (async () => {
        const text = await diplomaticItem(world, own, compartment, 'joint.text', jointText(unique('our statement'), compartment, own));
        return [await diplomaticItem(world, sideIn(compartment, [own]), compartment, 'joint.text.suggestion', { changes: [{ kind: 'delete', passage: 'p1' }], language: 'en' }, [text])];
      })();
    case 'agreed minutes':
      return one(agreedMinutes(world, compartment));
    case 'a commitment owed by its own party':
      return (async () => {
        const source = await agreedMinutes(world, compartment);
        const recorder = own === 'us' ? sideIn(compartment, []) : 'us';
        return [await diplomaticItem(world, recorder, compartment, 'commitment', commitment(unique('to withdraw'), own), [source])];
      })();
    case 'a commitment reported done':
      return (async () => {
        const source = await agreedMinutes(world, compartment);
        const owner = sideIn(compartment, []);
        const undertaken = await diplomaticItem(world, 'us', compartment, 'commitment', commitment(unique('to withdraw'), owner), [source]);
        await diplomaticItem(world, owner, compartment, 'commitment.report', { summary: unique('done'), language: 'en' }, [undertaken]);
        return [undertaken];
      })();
    default:
      return undefined;
  }
}

/** The head of delegation of a side or the supervisor in the compartment, none of `notOf`: who proposes the opportunity a case answers. */
function proposerIn(compartment: string, notOf: readonly string[]): string {
  const party = AUTHORS.find((candidate) => candidate.kind !== 'observer' && !notOf.includes(candidate.id) && isInAudience(candidate, compartment));
  if (!party) throw new Error(`no party to propose an opportunity in ${compartment}`);
  return headOf(party.id);
}

async function proposed(world: World, username: string, compartment: string): Promise<string> {
  const response = await world.client(username).send({ compartment, type: 'opportunity', track: 'commercial', payload: opportunity(unique('a solar plant')) as unknown as JsonObject, references: [] });
  if (response.status !== 201) throw new Error(`${username} could not propose in ${compartment}: ${JSON.stringify(response.body)}`);
  return response.body.id;
}

/**
 * A release by the caller of a message its party enters first in its own internal compartment,
 * with its commitment in the payload and its opening beside the envelope. One refused before its
 * opening is looked at names an original that does not exist.
 */
function released(world: World, caller: Caller, compartment: string, payload: JsonObject, track = 'general', enters = true) {
  return async () => {
    const original = enters ? await enter(world, caller.party.id, `internal-${caller.party.id}`, 'message', text(unique('to be released'))) : NO_ITEM;
    const nonce = newReleaseNonce();
    const client = world.client(caller.username);
    const signed = await client.sign(client.envelope({ compartment, type: 'intel.release', track, payload: { ...payload, original: await releaseCommitment(nonce, original) }, references: [] }));
    return { ...signed, release: { original, nonce } };
  };
}

/** Each head suspends the channel, then resumes it, one head after the other. */
function channelOrder(caller: Caller, type: string): number {
  return CALLERS.indexOf(caller) * 2 + (type === 'channel.suspended' ? 0 : 1);
}

/** Every item type in every compartment for one caller, with what is needed to enter the allowed ones. */
export async function itemCases(caller: Caller, world: World): Promise<CaseSpec[]> {
  const client = world.client(caller.username);
  const signed = (compartment: string, type: string, payload: JsonObject, references: string[], track = 'general') => () =>
    client.sign(client.envelope({ compartment, type, track, payload, references }));
  const specs: CaseSpec[] = [];
  for (const [type, rule] of Object.entries(ITEM_MATRIX)) {
    for (const probe of compartmentProbes(caller)) {
      const expected = expectedItemAnswer(caller, rule, probe);
      const enters = expected.status === 201;
      let references: string[] = [];
      // An answer refers to what it answers: refused ones to something the caller can see, so that nothing else refuses them first.
      if (rule.answers && enters) references = await somethingToAnswer(world, rule.answers, probe.id, caller);
      else if (rule.answers) references = [probe.relation === 'in' ? required(world.firstItem, probe.id) : NO_ITEM];
      const payload = rule.payload(unique(`${caller.username} ${type} in ${probe.id}`), references, { compartment: probe.id, party: caller.party.id });
      specs.push({
        id: `${type} in ${probe.id}`,
        what: `${type} in ${relationWords(probe)}`,
        path: '/api/v1/items',
        makeBody: rule.release ? released(world, caller, probe.id, payload, rule.track, enters) : signed(probe.id, type, payload, references, rule.track),
        expected,
        ...(probe.missingTwin ? { sameAs: `${type} in ${probe.missingTwin}` } : {}),
        ...(enters && rule.inOrder ? { phase: 'in-order' as const, order: channelOrder(caller, type) } : {}),
      });
    }
  }
  // A reference to a hidden item is refused as one to an item that does not exist.
  for (const probe of compartmentProbes(caller).filter((candidate) => candidate.relation === 'not-in')) {
    specs.push({
      id: `reference into ${probe.id}`,
      what: `a message referring to the first item of ${relationWords(probe)}`,
      path: '/api/v1/items',
      makeBody: signed('plenary', 'message', text(unique('see that')), [required(world.firstItem, probe.id)]),
      expected: referenceNotFound,
      sameAs: 'reference to nothing',
    });
  }
  specs.push({
    id: 'reference to nothing',
    what: 'a message referring to an item id that names nothing',
    path: '/api/v1/items',
    makeBody: signed('plenary', 'message', text(unique('see that')), [NO_ITEM]),
    expected: referenceNotFound,
  });
  return specs;
}
