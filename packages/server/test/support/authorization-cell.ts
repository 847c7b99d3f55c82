import { ROLES, Scenario, type CompartmentKind, type ScenarioHistoryEntry, type PartyKind, type Role, type ScenarioInput } from '@fusion-cell/protocol';
import type { z } from 'zod';
import { demoScenario } from './test-server.ts';

/**
 * The cell the authorization matrix runs against: the demo cell, plus an observer party, a
 * member in every role of every party that calls, a spare member per party for others to act
 * on, and a first entry in every compartment, so that every log has an item and a checkpoint.
 * Devices wait for approval, so approving one is a real act.
 */

export interface PartyRef {
  id: string;
  kind: PartyKind;
}

/** One party of each kind makes the calls; `il` is the other side, whose things callers try to reach. */
export const CALLING_PARTIES: readonly PartyRef[] = [
  { id: 'sy', kind: 'side' },
  { id: 'us', kind: 'supervisor' },
  { id: 'un', kind: 'observer' },
];
export const OTHER_SIDE: PartyRef = { id: 'il', kind: 'side' };
export const ALL_PARTIES: readonly PartyRef[] = [...CALLING_PARTIES, OTHER_SIDE];

export interface Caller {
  party: PartyRef;
  role: Role;
  username: string;
}

/** The member acted on by the party's administrator (disabled, enabled, its devices approved and revoked). */
export function spareOf(party: string): string {
  return `${party}.spare`;
}

const OBSERVER_NAME = { en: 'Observer mission', ar: 'بعثة المراقبة', he: 'משלחת משקיפים' };

function withEveryRole(members: ScenarioInput['members']): ScenarioInput['members'] {
  const all = [...members];
  for (const party of ALL_PARTIES) {
    for (const role of ROLES) {
      if (all.some((member) => member.party === party.id && member.roles.includes(role))) continue;
      all.push({ username: `${party.id}.${role}`, party: party.id, displayName: `${party.id} ${role}`, roles: [role] });
    }
    all.push({ username: spareOf(party.id), party: party.id, displayName: `${party.id} spare member`, roles: ['translator'] });
  }
  return all;
}

function firstEntries(members: ScenarioInput['members']): Array<z.input<typeof ScenarioHistoryEntry>> {
  return ALL_PARTIES.map((party) => {
    const head = members.find((member) => member.party === party.id && member.roles.includes('head'));
    if (!head) throw new Error(`no head in ${party.id}`);
    return { author: head.username, compartment: `internal-${party.id}`, track: 'general', language: 'en', text: `Internal note of ${party.id}.` };
  });
}

function buildScenario(): Scenario {
  const members = withEveryRole(demoScenario.members);
  return Scenario.parse({
    ...demoScenario,
    parties: [...demoScenario.parties, { id: 'un', kind: 'observer', name: OBSERVER_NAME }],
    members,
    demo: { autoApproveDevices: false, history: [...(demoScenario.demo?.history ?? []), ...firstEntries(members)] },
  });
}

export const authorizationScenario: Scenario = buildScenario();

function memberFor(party: string, role: Role): string {
  const member = authorizationScenario.members.find((candidate) => candidate.party === party && candidate.roles.includes(role) && candidate.username !== spareOf(party));
  if (!member) throw new Error(`no ${role} in ${party}`);
  return member.username;
}

/** Every (party kind × role): one caller each. */
export const CALLERS: readonly Caller[] = CALLING_PARTIES.flatMap((party) => ROLES.map((role) => ({ party, role, username: memberFor(party.id, role) })));

/** The member of a party who writes the items others answer. */
export function dutyOf(party: string): string {
  return memberFor(party, 'duty');
}

/** The head of delegation of a party: who proposes what a duty officer may not (a commercial opportunity). */
export function headOf(party: string): string {
  return memberFor(party, 'head');
}

export function describeCaller(caller: Caller | undefined): string {
  return caller ? `${caller.username} (${caller.party.kind} ${caller.role})` : 'anonymous';
}

/**
 * Who is in a compartment, by the product's rules: plenary holds every party, the caucus of
 * a side holds that side and the supervisors, the internal compartment of a party that party
 * alone. Nothing else exists.
 */
export function isInAudience(party: PartyRef, compartment: string): boolean {
  if (compartment === 'plenary') return true;
  const caucus = ALL_PARTIES.find((side) => side.kind === 'side' && compartment === `caucus-${side.id}`);
  if (caucus) return party.id === caucus.id || party.kind === 'supervisor';
  const internal = ALL_PARTIES.find((owner) => compartment === `internal-${owner.id}`);
  return internal !== undefined && party.id === internal.id;
}

export type Relation = 'in' | 'not-in' | 'missing';

export interface CompartmentProbe {
  id: string;
  kind: CompartmentKind;
  relation: Relation;
  /** For a compartment the caller is not in: the missing compartment whose answer it must give. */
  missingTwin?: string;
}

/**
 * Missing compartments have the length of real ones, so that even a length could not tell
 * them apart.
 */
const MISSING: Record<Exclude<CompartmentKind, 'plenary'>, string> = { caucus: 'caucus-zz', internal: 'internal-zz' };
const EXISTING: ReadonlyArray<{ id: string; kind: CompartmentKind }> = [
  { id: 'plenary', kind: 'plenary' },
  ...ALL_PARTIES.filter((party) => party.kind === 'side').map((side) => ({ id: `caucus-${side.id}`, kind: 'caucus' as const })),
  ...ALL_PARTIES.map((party) => ({ id: `internal-${party.id}`, kind: 'internal' as const })),
];

/** Every compartment of the cell and one missing compartment of each kind, as a caller stands to them. */
export function compartmentProbes(caller: Caller): CompartmentProbe[] {
  const probes: CompartmentProbe[] = EXISTING.map(({ id, kind }) =>
    isInAudience(caller.party, id) ? { id, kind, relation: 'in' } : { id, kind, relation: 'not-in', missingTwin: MISSING[kind as keyof typeof MISSING] },
  );
  for (const [kind, id] of Object.entries(MISSING)) probes.push({ id, kind: kind as CompartmentKind, relation: 'missing' });
  return probes;
}

/** The compartments the party is in, sorted. */
export function compartmentsOf(party: PartyRef): string[] {
  return EXISTING.map(({ id }) => id)
    .filter((id) => isInAudience(party, id))
    .sort();
}
