import type { PartyKind } from '../common.ts';

/**
 * What a party does to one exact version of a co-signed document: initials (*ad referendum*,
 * pending confirmation by its authorities) or its signature.
 */
export const SIGNING_ACTS = ['initials', 'signature'] as const;
export type SigningAct = (typeof SIGNING_ACTS)[number];

export interface Party {
  id: string;
  kind: PartyKind;
}

/**
 * A type whose items are versions of a document that parties co-sign: a zone, agreed minutes,
 * a joint text, a glossary term, a dispute's resolution.
 *
 * An item of the type that does not refer first to another item of the type starts a
 * document, as its version 1; one that does is a new version of that item's document, and
 * must refer to the document's latest version (no forks). A `document.sign` item binds a
 * party's act to one version's id, which is the hash of that version's signed entry. A version
 * is in force (agreed) when every required party has signed it; it stays in force until a
 * newer version is fully signed. Acts go in order: with `acts: ['initials', 'signature']`, a
 * version is signed only once every required party has initialled it.
 */
export interface DocumentDeclaration {
  /** The acts parties perform on a version, in order; the last one puts it in force. */
  acts: readonly SigningAct[];
  /** The parties that must perform each act, from the compartment's parties and the version's payload. */
  signers(parties: readonly Party[], payload: Record<string, unknown>): string[];
  /** Why this version may not be signed as it stands (a joint text with open options), if so. */
  unsignable?(payload: Record<string, unknown>): string | undefined;
  /** Once a version is in force the document is closed: agreed minutes take no new version. */
  final?: boolean;
}

/** Every side and every supervisor in the compartment: a zone, a dispute's resolution, the glossary. */
export function sidesAndSupervisors(parties: readonly Party[]): string[] {
  return parties.filter((party) => party.kind === 'side' || party.kind === 'supervisor').map((party) => party.id);
}

/** One version of a document as the record holds it. */
export interface DocumentVersion {
  id: string;
  number: number;
  /** The version it replaces; absent for version 1. */
  supersedes?: string;
  authorParty: string;
  receivedAt: number;
  /** The parties that must perform each act on this version (see `DocumentDeclaration.signers`). */
  signers: readonly string[];
}

/** One party's act on one version. */
export interface DocumentSigning {
  version: string;
  party: string;
  act: SigningAct;
  item: string;
  receivedAt: number;
}

export type VersionState = 'proposed' | 'initialled' | 'in-force' | 'replaced' | 'superseded';

export interface VersionStatus {
  id: string;
  number: number;
  /**
   * `proposed` until every act is complete; `initialled` when every party initialled it but
   * not all signed; `in-force` when fully signed and no later version is; `replaced` when it was
   * in force and a later version now is; `superseded` when a later version came before it was
   * in force.
   */
  state: VersionState;
  /** The parties that must perform each act on it. */
  signers: readonly string[];
  /** The parties that have performed each act on this version. */
  done: Record<SigningAct, string[]>;
  /** The parties still to perform the next act, in the order of `signers`. */
  awaiting: string[];
  /** The act they are awaited for, when anyone is. */
  nextAct?: SigningAct;
}

export interface DocumentStatus {
  latest: VersionStatus;
  inForce?: VersionStatus;
  versions: VersionStatus[];
}

/**
 * A document's state, computed the same way by the server (to keep its derived tables), the
 * apps (to show it) and anyone replaying the record: from its versions, in order, the acts
 * recorded on each, and who must perform them.
 */
export function documentStatus(declaration: Pick<DocumentDeclaration, 'acts'>, versions: readonly DocumentVersion[], signings: readonly DocumentSigning[]): DocumentStatus {
  const ordered = [...versions].sort((a, b) => a.number - b.number);
  let inForceIndex = -1;
  const complete = ordered.map((version) => {
    const done = actsDone(declaration.acts, signings.filter((signing) => signing.version === version.id), version.signers);
    return { version, done, complete: declaration.acts.every((act) => version.signers.every((party) => done[act].includes(party))) };
  });
  complete.forEach((entry, index) => {
    if (entry.complete) inForceIndex = index;
  });
  const statuses = complete.map(({ version, done, complete: signed }, index): VersionStatus => {
    const { signers } = version;
    const nextAct = declaration.acts.find((act) => !signers.every((party) => done[act].includes(party)));
    const awaiting = nextAct ? signers.filter((party) => !done[nextAct].includes(party)) : [];
    const state: VersionState = signed
      ? index === inForceIndex
        ? 'in-force'
        : 'replaced'
      : index < ordered.length - 1
        ? 'superseded'
        : declaration.acts.length > 1 && nextAct !== declaration.acts[0]
          ? 'initialled'
          : 'proposed';
    return { id: version.id, number: version.number, state, signers, done, awaiting, ...(nextAct && index === ordered.length - 1 ? { nextAct } : {}) };
  });
  const latest = statuses[statuses.length - 1];
  if (!latest) throw new Error('a document has at least one version');
  return { latest, versions: statuses, ...(inForceIndex >= 0 ? { inForce: statuses[inForceIndex] } : {}) };
}

/**
 * The parties whose acts count on a version: an act counts only when made in order (a
 * signature before the party initialled, where initials come first, is not recorded as valid
 * and is refused when entered), by a required party, once.
 */
function actsDone(acts: readonly SigningAct[], signings: readonly DocumentSigning[], signers: readonly string[]): Record<SigningAct, string[]> {
  const done: Record<SigningAct, string[]> = { initials: [], signature: [] };
  const sorted = [...signings].sort((a, b) => a.receivedAt - b.receivedAt);
  for (const signing of sorted) {
    if (!signers.includes(signing.party) || !acts.includes(signing.act) || done[signing.act].includes(signing.party)) continue;
    const previous = acts[acts.indexOf(signing.act) - 1];
    if (previous && !signers.every((party) => done[previous].includes(party))) continue;
    done[signing.act].push(signing.party);
  }
  return done;
}

/** A refused act says why: a stale version, a party that does not sign, an act not asked, one done already, out of turn, or a version that cannot be signed. */
export type SigningRefusal = 'stale' | 'signer' | 'act' | 'done' | 'order' | 'unsignable';
export type SigningCheck = { allowed: true } | { allowed: false; because: SigningRefusal; reason: string; field: 'references[0]' | 'payload.act' | 'author' };

/**
 * Whether `party` may perform `act` on `version` of a document now: the version must be the
 * latest (a signature on a stale version is refused), the party one of those who sign, the
 * act one the type asks for, its turn come, and not performed already.
 */
export function checkSigning(declaration: DocumentDeclaration, status: DocumentStatus, version: { id: string; payload: Record<string, unknown> }, party: string, act: SigningAct): SigningCheck {
  if (status.latest.id !== version.id) {
    const own = status.versions.find((entry) => entry.id === version.id);
    return { allowed: false, because: 'stale', reason: `version ${own?.number ?? '?'} is stale: version ${status.latest.number} is the latest`, field: 'references[0]' };
  }
  const { signers } = status.latest;
  if (!declaration.acts.includes(act)) return { allowed: false, because: 'act', reason: `this document asks for ${declaration.acts.join(' then ')}, not ${act}`, field: 'payload.act' };
  if (!signers.includes(party)) return { allowed: false, because: 'signer', reason: 'your party is not one of those that sign this document', field: 'author' };
  if (status.latest.done[act].includes(party)) return { allowed: false, because: 'done', reason: `your party has already given its ${act} to this version`, field: 'payload.act' };
  const previous = declaration.acts[declaration.acts.indexOf(act) - 1];
  if (previous && !signers.every((signer) => status.latest.done[previous].includes(signer))) {
    return { allowed: false, because: 'order', reason: `every party gives its ${previous} before anyone signs`, field: 'payload.act' };
  }
  const unsignable = declaration.unsignable?.(version.payload);
  if (unsignable) return { allowed: false, because: 'unsignable', reason: unsignable, field: 'references[0]' };
  return { allowed: true };
}
