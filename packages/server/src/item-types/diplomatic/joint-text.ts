import { passagesOf, type JointTextBracketPayload, type JointTextPayload, type JointTextSuggestionPayload } from '@fusion-cell/protocol';
import type { Envelope } from '@fusion-cell/record';
import { deriveBracket, openBrackets } from '../../diplomatic/bracket-store.ts';
import { documentOfVersion, payloadOf, type LoadedDocument } from '../../documents/document-store.ts';
import { DomainError } from '../../errors.ts';
import type { Actor } from '../../policy/actor.ts';
import { replyModule } from '../general/replies.ts';
import { defineServerItemType, type RuleServices } from '../server-item-type.ts';
import { actsOn, documentVersion, firstReferenceOf, recordedItem, sameSet } from './diplomatic-record.ts';

/** The latest version of the joint text an item refers to first: brackets and suggestions are on it, not on an older one. */
async function latestVersion(services: RuleServices, envelope: Envelope): Promise<{ document: LoadedDocument; text: JointTextPayload }> {
  const version = await firstReferenceOf(services, envelope, ['joint.text'], 'a version of a joint text');
  const document = await documentVersion(services, version.id, ['joint.text']);
  if (!document) throw new DomainError('validation_failed', `${envelope.type} refers first to a version of a joint text`, 'envelope.references[0]');
  const { latest, versions } = document.status;
  if (latest.id !== version.id) {
    const stale = versions.find((entry) => entry.id === version.id);
    throw new DomainError('conflict', `version ${stale?.number ?? '?'} is stale: ${envelope.type} refers to the latest, version ${latest.number}`, 'envelope.references[0]');
  }
  return { document, text: version.payload as unknown as JointTextPayload };
}

function passageIds(text: Pick<JointTextPayload, 'sections'>): Set<string> {
  return new Set(passagesOf(text).map((passage) => passage.id));
}

/**
 * The single negotiating text: its pen-holder, a party of the compartment, issues every version
 * and stays the same, as do the parties (sides of the compartment) that initial and sign it. A
 * new version keeps every passage on which a bracket is open. While any is open, no party
 * initials or signs it.
 */
export const jointTextModule = defineServerItemType({
  type: 'joint.text',
  // Brackets raised or lifted concurrently decide what a new version may drop.
  recheckUnderLock: true,
  async check(services, actor, envelope) {
    const payload = envelope.payload as unknown as JointTextPayload;
    const cell = services.record.cell;
    const audience = cell.audiences.get(envelope.compartment) ?? [];
    const [first] = envelope.references;
    const previous = first === undefined ? undefined : await recordedItem(services.db, first);
    if (previous?.type === 'joint.text') {
      const before = previous.payload as unknown as JointTextPayload;
      if (actor.partyId !== before.penHolder) throw new DomainError('forbidden', `only the pen-holder (${before.penHolder}) issues a version of this text`, 'envelope.author');
      if (payload.penHolder !== before.penHolder) throw new DomainError('validation_failed', `the pen-holder stays ${before.penHolder} in every version`, 'envelope.payload.penHolder');
      if (!sameSet(payload.parties, before.parties)) throw new DomainError('validation_failed', `the parties stay ${before.parties.join(', ')} in every version`, 'envelope.payload.parties');
      await checkBracketedPassagesKept(services, previous.id, payload);
      return;
    }
    if (!audience.includes(payload.penHolder) || cell.partyKinds.get(payload.penHolder) === 'observer') {
      throw new DomainError('validation_failed', `${payload.penHolder} is not a side or supervisor of this compartment`, 'envelope.payload.penHolder');
    }
    if (actor.partyId !== payload.penHolder) throw new DomainError('forbidden', `the pen-holder (${payload.penHolder}) issues the text`, 'envelope.author');
    payload.parties.forEach((party, index) => {
      if (!audience.includes(party) || cell.partyKinds.get(party) !== 'side') throw new DomainError('validation_failed', `${party} is not a side of this compartment`, `envelope.payload.parties[${index}]`);
    });
  },
  async signingBlocked(db, documentId) {
    const open = await openBrackets(db, documentId);
    if (open.length === 0) return undefined;
    return `brackets are open on ${open.map((bracket) => `${bracket.passage} (${bracket.party})`).join(', ')}: a text with open brackets is neither initialled nor signed`;
  },
  async describe(db, item) {
    const documentId = await documentOfVersion(db, item.id);
    return documentId === undefined ? {} : { openBrackets: await openBrackets(db, documentId) };
  },
});

async function checkBracketedPassagesKept(services: RuleServices, previousVersion: string, payload: JointTextPayload): Promise<void> {
  const documentId = await documentOfVersion(services.db, previousVersion);
  if (documentId === undefined) return;
  const kept = passageIds(payload);
  const dropped = (await openBrackets(services.db, documentId)).find((bracket) => !kept.has(bracket.passage));
  if (dropped) throw new DomainError('conflict', `passage ${dropped.passage} holds an open bracket (${dropped.party}): a new version keeps it until the bracket is lifted`, 'envelope.payload.sections');
}

/**
 * A party of the text, or its pen-holder, brackets a passage of the latest version, once; only
 * the bracket's owner lifts it.
 */
export const jointTextBracketModule = defineServerItemType({
  type: 'joint.text.bracket',
  recheckUnderLock: true,
  ownedTables: { joint_text_brackets: ['document_id', 'passage', 'party_id'] },
  async check(services, actor, envelope) {
    const payload = envelope.payload as unknown as JointTextBracketPayload;
    const { document, text } = await latestVersion(services, envelope);
    if (!passageIds(text).has(payload.passage)) throw new DomainError('validation_failed', `the latest version has no passage ${payload.passage}`, 'envelope.payload.passage');
    const onPassage = (await openBrackets(services.db, document.id)).filter((bracket) => bracket.passage === payload.passage);
    if (payload.action === 'raise') {
      if (!text.parties.includes(actor.partyId) && text.penHolder !== actor.partyId) throw new DomainError('forbidden', 'only a party of the text or its pen-holder brackets a passage', 'envelope.author');
      if (onPassage.some((bracket) => bracket.party === actor.partyId)) throw new DomainError('conflict', `your party already holds an open bracket on ${payload.passage}`, 'envelope.payload.passage');
      return;
    }
    if (onPassage.some((bracket) => bracket.party === actor.partyId)) return;
    const owner = onPassage[0]?.party;
    if (owner !== undefined) throw new DomainError('forbidden', `only its owner (${owner}) lifts this bracket`, 'envelope.payload.passage');
    throw new DomainError('conflict', `no bracket is open on ${payload.passage}`, 'envelope.payload.passage');
  },
  derive: deriveBracket,
});

/** A party of the text proposes changes to the latest version: passages it changes or removes exist, new ones do not yet. */
export const jointTextSuggestionModule = defineServerItemType({
  type: 'joint.text.suggestion',
  recheckUnderLock: true,
  async check(services, actor, envelope) {
    const payload = envelope.payload as unknown as JointTextSuggestionPayload;
    const { text } = await latestVersion(services, envelope);
    if (!text.parties.includes(actor.partyId)) throw new DomainError('forbidden', `${actor.partyId} does not take part in this text: only its parties (${text.parties.join(', ')}) suggest changes`, 'envelope.author');
    const passages = passageIds(text);
    const sections = new Set(text.sections.map((section) => section.id));
    payload.changes.forEach((change, index) => {
      const field = `envelope.payload.changes[${index}]`;
      if (change.kind !== 'insert' && !passages.has(change.passage)) throw new DomainError('validation_failed', `the latest version has no passage ${change.passage}`, `${field}.passage`);
      if (change.kind !== 'insert') return;
      if (passages.has(change.passage)) throw new DomainError('validation_failed', `the latest version already has a passage ${change.passage}: an insertion names a new one`, `${field}.passage`);
      if (change.after !== undefined && !passages.has(change.after)) throw new DomainError('validation_failed', `the latest version has no passage ${change.after}`, `${field}.after`);
      if (change.section !== undefined && !sections.has(change.section)) throw new DomainError('validation_failed', `the latest version has no section ${change.section}`, `${field}.section`);
    });
  },
});

const meetsReply = replyModule('joint.text.decision');

/** The pen-holder alone accepts or rejects a suggestion, once. */
export const jointTextDecisionModule = defineServerItemType({
  type: 'joint.text.decision',
  recheckUnderLock: true,
  async check(services, actor, envelope, target) {
    if (!target) return;
    await checkPenHolder(services, actor, target.id);
    if ((await actsOn(services.db, target.id, ['joint.text.decision'])).length > 0) throw new DomainError('conflict', 'the pen-holder has already decided on this suggestion', 'envelope.references[0]');
  },
  ...(meetsReply.derive ? { derive: meetsReply.derive } : {}),
});

async function checkPenHolder(services: RuleServices, actor: Actor, suggestion: string): Promise<void> {
  const suggested = await recordedItem(services.db, suggestion);
  const version = suggested?.references[0];
  const text = version === undefined ? undefined : ((await payloadOf(services.db, version)) as unknown as JointTextPayload | undefined);
  if (!text) throw new DomainError('validation_failed', 'a decision answers a suggestion on a joint text', 'envelope.references[0]');
  if (text.penHolder !== actor.partyId) throw new DomainError('forbidden', `only the pen-holder (${text.penHolder}) decides on a suggestion`, 'envelope.author');
}
