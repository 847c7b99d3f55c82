import { itemTypeDefinition, type InboxView } from '@fusion-cell/protocol';
import { DomainError } from '../errors.ts';
import type { Actor } from './actor.ts';

/**
 * Everything a member may ask to do, with the resource it concerns. Every route and every
 * stream message is decided here and nowhere else.
 */
export type Action =
  | { type: 'cell.read' }
  | { type: 'member.list'; party: string }
  | { type: 'member.manage'; party: string; member?: string }
  | { type: 'device.register' }
  | { type: 'device.list'; party: string; member?: string }
  | { type: 'device.approve'; party: string; member: string }
  | { type: 'device.revoke'; party: string; member: string }
  | { type: 'compartment.read'; compartment: string }
  | { type: 'item.create'; compartment: string; itemType: string }
  /** Releasing an extract of an item: `compartment` is the original's, `originalParty` the party that entered it. */
  | { type: 'item.release'; compartment: string; originalParty: string }
  /** Reading how a release is tied to its original: `compartment` is the original's. */
  | { type: 'release.read'; compartment: string }
  | { type: 'checkpoint.cosign'; compartment: string }
  | { type: 'record.export' }
  | { type: 'party.settings.read'; party: string }
  | { type: 'party.settings.write'; party: string }
  | { type: 'inbox.read'; view: InboxView }
  | { type: 'presence.read' }
  /** The violation register, over the compartments the member reads. */
  | { type: 'register.read' }
  /** Searching the items of the compartments the member reads (each asked as `compartment.read`). */
  | { type: 'search.read' }
  /** The commercial pipeline, over the compartments the member reads. */
  | { type: 'pipeline.read' }
  /** The reports of a compartment, exported as a STIX 2.1 bundle. */
  | { type: 'stix.export'; compartment: string }
  /** Checking a STIX bundle for import into a compartment, as reports the member's device will sign. */
  | { type: 'stix.import'; compartment: string }
  | { type: 'stream.connect' }
  /** Storing a file that items will name as evidence. */
  | { type: 'attachment.upload' }
  /** Reading a stored file: `uploaders`, the parties that uploaded it; `namedIn`, the compartments of the items naming it as evidence. */
  | { type: 'attachment.read'; uploaders: readonly string[]; namedIn: readonly string[] }
  /** Hearing, on the stream, a reminder, urgent repeat or escalation about what `party` owes in `compartment`. */
  | { type: 'notification.hear'; compartment: string; party: string; kind: 'reminder' | 'urgent-repeat' | 'escalation' };

export type Decision =
  | { allowed: true }
  /** `hidden` refusals must look exactly like a request for something that does not exist. */
  | { allowed: false; hidden: boolean; reason: string };

const allow: Decision = { allowed: true };
const deny = (reason: string): Decision => ({ allowed: false, hidden: false, reason });
const hide = (reason: string): Decision => ({ allowed: false, hidden: true, reason });

/** Answers "may this member do this?" without side effects. */
export function decide(actor: Actor, action: Action): Decision {
  const isAdmin = actor.roles.has('admin');
  switch (action.type) {
    case 'cell.read':
    case 'device.register':
      return allow;
    case 'member.list':
      return action.party === actor.partyId ? allow : deny('members of another party are not listed');
    case 'member.manage':
      if (action.party !== actor.partyId) return deny('only the party itself manages its members');
      if (!isAdmin) return deny('managing members needs the admin role');
      if (action.member === actor.memberId) return deny('an administrator cannot change their own account');
      return allow;
    case 'device.list':
      if (action.party !== actor.partyId) return deny('devices of another party are not listed');
      if (action.member === actor.memberId || isAdmin) return allow;
      return deny('listing devices of other members needs the admin role');
    case 'device.approve':
      if (action.party !== actor.partyId) return deny('only the party itself approves its devices');
      return isAdmin ? allow : deny('approving devices needs the admin role');
    case 'device.revoke':
      if (action.party !== actor.partyId) return deny('only the party itself revokes its devices');
      // Anyone may revoke their own device, at once, when it is lost.
      return isAdmin || action.member === actor.memberId ? allow : deny('revoking devices needs the admin role');
    case 'compartment.read':
    case 'checkpoint.cosign':
    case 'stix.export':
      return actor.compartments.has(action.compartment) ? allow : hide('the party is not in this compartment');
    case 'stix.import':
      // An import enters reports: whoever may enter one there may check a bundle for it.
      return decide(actor, { type: 'item.create', compartment: action.compartment, itemType: 'intel.report' });
    case 'item.create': {
      if (!actor.compartments.has(action.compartment)) return hide('the party is not in this compartment');
      const definition = itemTypeDefinition(action.itemType);
      if (!definition) return deny(`there is no item type "${action.itemType}"`);
      // Who may write a type is the policy's to say in full: the kind of party as much as the roles.
      if (definition.cellOnly) return deny(`${action.itemType} items are entered by the cell itself`);
      if (definition.partyKinds && !definition.partyKinds.includes(actor.partyKind)) {
        return deny(`only a ${definition.partyKinds.join(' or ')} may enter ${action.itemType} items`);
      }
      return definition.roles.some((role) => actor.roles.has(role)) ? allow : deny(`your roles may not create ${action.itemType} items`);
    }
    case 'item.release':
      // An original the party cannot read is as unknown to it as one that does not exist.
      if (!actor.compartments.has(action.compartment)) return hide('the party is not in the original’s compartment');
      return action.originalParty === actor.partyId ? allow : deny('only the party that entered an item releases an extract of it');
    case 'release.read':
      // Readers of the broader compartment learn nothing of the original, not even that there is one.
      return actor.compartments.has(action.compartment) ? allow : hide('the party is not in the original’s compartment');
    case 'record.export':
    case 'register.read':
    case 'search.read':
    case 'pipeline.read':
    case 'presence.read':
    case 'stream.connect':
      return allow;
    case 'attachment.upload':
      // Administrators only run accounts; evidence is filed by those who answer for the party.
      return [...actor.roles].some((role) => role !== 'admin') ? allow : deny('uploading evidence needs a role other than admin');
    case 'attachment.read':
      // Its uploaders see a file before any item names it, then whoever sees an item naming it.
      // A file that does not exist has neither, so an outsider cannot tell one from the other.
      if (action.uploaders.includes(actor.partyId)) return allow;
      return action.namedIn.some((compartment) => actor.compartments.has(compartment)) ? allow : hide('no item the party sees names this file');
    case 'party.settings.read':
      return action.party === actor.partyId ? allow : deny("another party's settings are its own");
    case 'party.settings.write':
      if (action.party !== actor.partyId) return deny("another party's settings are its own");
      return isAdmin ? allow : deny('changing notification settings needs the admin role');
    case 'notification.hear':
      if (!actor.compartments.has(action.compartment)) return hide('the party is not in this compartment');
      // The watch hears them: duty officers and heads of delegation.
      if (!actor.roles.has('duty') && !actor.roles.has('head')) return deny('notifications go to the watch');
      // Reminders and repeats go to the party that owes the answer; an escalation also to the
      // supervisors of the compartment, whose job it is to chase it.
      if (action.party === actor.partyId) return allow;
      return action.kind === 'escalation' && actor.partyKind === 'supervisor' ? allow : deny('notifications go to the party that owes the answer');
    case 'inbox.read':
      // What every party owes is the supervisor's view; a side sees what it owes and what is owed to it.
      return action.view === 'mine' || action.view === 'sent' || actor.partyKind === 'supervisor' ? allow : deny('the views across parties are for supervisors');
  }
}

/**
 * Throws when the policy refuses. Hidden refusals throw the same `not_found` as a missing
 * resource of the given kind, so no answer tells an outsider that it exists.
 */
export function authorize(actor: Actor, action: Action, resourceName = 'resource'): void {
  const decision = decide(actor, action);
  if (decision.allowed) return;
  if (decision.hidden) throw new DomainError('not_found', `${resourceName} not found`);
  throw new DomainError('forbidden', decision.reason);
}
