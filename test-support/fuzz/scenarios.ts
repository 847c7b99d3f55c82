// Scenario files (protocol Scenario): cells whose parties, members, rules and demo
// history fit together, so every generated scenario is valid; the mutations break them.

import {
  ACK_LEVELS,
  ITEM_TYPE_LIST,
  LANGUAGES,
  mayAnswer,
  PARTY_KINDS,
  ROLES,
  TRACKS,
  type Role,
  type ScenarioInput,
} from '@fusion-cell/protocol';
import fc from 'fast-check';
import { durationText } from './protocol-overrides.ts';
import { contentText, legalText } from './text.ts';

/** Addresses every mail validator agrees on. */
const emailAddress = fc.stringMatching(/^[a-z0-9_+-]{1,8}(?:\.[a-z0-9_+-]{1,8})?@[a-z0-9][a-z0-9-]{0,8}\.[a-z]{2,6}$/);

// Built once: a regular expression's arbitrary costs far more to build than to draw from.
const username = fc.stringMatching(/^[a-z][a-z0-9._-]{1,20}$/);
const displayName = legalText(1, 120);
const adminRoles = fc.subarray([...ROLES]).map((roles): Role[] => ['admin', ...roles.filter((role) => role !== 'admin')]);

const slug = fc.stringMatching(/^[a-z][a-z0-9-]{0,11}$/);
const localized = fc.record({ en: legalText(1, 60), ar: legalText(1, 60), he: legalText(1, 60) }, { requiredKeys: ['en'] });
const subsetOf = <T>(values: readonly T[]) => fc.subarray([...values], { minLength: 1 });

/**
 * The rules a scenario may set, derived from the registry: one per item type that asks
 * something under a rule of its own, answered at a level or by a type that may answer it.
 */
const RULE_OWNERS = ITEM_TYPE_LIST.filter((type) => type.obligation && !type.obligation.ruleFrom);

function acknowledgmentRuleFor(owner: string) {
  const replies = ITEM_TYPE_LIST.map((type) => type.type).filter((reply) => mayAnswer(reply, owner).allowed);
  const byLevel = fc.record({ level: fc.constantFrom(...ACK_LEVELS), within: durationText, remindBefore: durationText, urgent: fc.boolean() }, { requiredKeys: ['level', 'within'] });
  if (replies.length === 0) return byLevel;
  return fc.oneof(byLevel, fc.record({ reply: fc.constantFrom(...replies), within: durationText, remindBefore: durationText, urgent: fc.boolean() }, { requiredKeys: ['reply', 'within'] }));
}

const acknowledgments = fc
  .subarray(RULE_OWNERS.map((type) => [type.obligation!.ruleKey, type.type] as const))
  .chain((owners) => fc.tuple(...owners.map(([key, owner]) => acknowledgmentRuleFor(owner).map((rule) => [key, rule] as const))))
  .map((entries) => Object.fromEntries(entries));

const rules = fc.record(
  {
    acknowledgments,
    urgentRepeatEvery: durationText,
    noticeLeadTime: durationText,
    authoredTimeTolerance: durationText,
    linkCheck: fc.record({ every: durationText, answerWithin: durationText }),
  },
  { requiredKeys: [] },
);

const historyText = contentText(1, 400);
const agreementDate = fc
  .date({ min: new Date('1950-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));
const cell = fc.record(
  {
    id: slug,
    name: localized,
    agreements: fc.array(fc.record({ title: legalText(1, 60), date: agreementDate, reference: legalText(0, 40) }, { requiredKeys: ['title', 'date'] }), { maxLength: 2 }),
    languages: subsetOf(LANGUAGES),
    tracks: subsetOf(TRACKS),
  },
  { requiredKeys: ['id', 'name', 'languages'] },
);

interface PartyPlan {
  id: string;
  kind: (typeof PARTY_KINDS)[number];
  name: ScenarioInput['parties'][number]['name'];
}

function membersOf(parties: PartyPlan[]) {
  const member = (party: string, admin: boolean) =>
    fc.record(
      {
        username,
        party: fc.constant(party),
        displayName,
        roles: admin ? adminRoles : subsetOf(ROLES),
        email: emailAddress,
      },
      { requiredKeys: ['username', 'party', 'displayName', 'roles'] },
    );
  const perParty = parties.map((party) => fc.tuple(member(party.id, true), fc.array(member(party.id, false), { maxLength: 2 })).map(([admin, others]) => [admin, ...others]));
  return fc
    .tuple(...perParty)
    .map((lists) => lists.flat())
    // Usernames are unique across the cell.
    .filter((members) => new Set(members.map((member) => member.username)).size === members.length);
}

/** Compartments a member may write the demo history in: plenary, its own internal one, a side's caucus it attends. */
function compartmentsOf(member: { party: string }, parties: PartyPlan[]): string[] {
  const own = parties.find((party) => party.id === member.party)!;
  const caucuses = parties.filter((party) => party.kind === 'side' && (party.id === own.id || own.kind === 'supervisor')).map((party) => `caucus-${party.id}`);
  return ['plenary', `internal-${own.id}`, ...caucuses];
}

/** Valid scenarios, as a file holds them (defaults left out at random). */
export const validScenarios: fc.Arbitrary<ScenarioInput> = fc
  .uniqueArray(fc.record({ id: slug, kind: fc.constantFrom(...PARTY_KINDS), name: localized }), { minLength: 2, maxLength: 4, selector: (party) => party.id })
  .map((parties): PartyPlan[] => [{ ...parties[0]!, kind: 'side' }, ...parties.slice(1)])
  .chain((parties) =>
    membersOf(parties).chain((members) => {
      const history = fc.array(
        fc.nat().chain((pick) => {
          const author = members[pick % members.length]!;
          return fc.record(
            {
              author: fc.constant(author.username),
              compartment: fc.constantFrom(...compartmentsOf(author, parties)),
              track: fc.constantFrom(...TRACKS),
              language: fc.constantFrom(...LANGUAGES),
              text: historyText,
              ackRequested: fc.boolean(),
            },
            { requiredKeys: ['author', 'compartment', 'track', 'language', 'text'] },
          );
        }),
        { maxLength: 3 },
      );
      return fc.record(
        {
          format: fc.constant('fusion-cell/scenario@1' as const),
          cell,
          parties: fc.constant(parties),
          members: fc.constant(members),
          rules,
          demo: fc.record({ autoApproveDevices: fc.boolean(), history }, { requiredKeys: [] }),
        },
        { requiredKeys: ['format', 'cell', 'parties', 'members'] },
      ) as fc.Arbitrary<ScenarioInput>;
    }),
  );
