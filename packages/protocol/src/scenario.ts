import { z } from 'zod';
import { Language, LocalizedText, PartyKind, Role, Slug, Track, TRACKS, Username } from './common.ts';
import { parseCompartmentId } from './compartments.ts';
import { Area } from './geo.ts';
import { checkRulesAgainstRegistry } from './items/rule-check.ts';
import { Rules } from './rules.ts';

export const ScenarioParty = z.strictObject({
  id: Slug,
  kind: PartyKind,
  name: LocalizedText,
});

export const ScenarioMember = z.strictObject({
  username: Username,
  party: Slug,
  displayName: z.string().min(1).max(120),
  roles: z.array(Role).min(1).refine((roles) => new Set(roles).size === roles.length, 'roles must not repeat'),
  email: z.email().optional(),
});

export const ZoneRule = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('no-forces') }),
  z.strictObject({
    kind: z.literal('limited-forces'),
    caps: z.strictObject({
      personnel: z.number().int().nonnegative().optional(),
      armouredVehicles: z.number().int().nonnegative().optional(),
      artilleryPieces: z.number().int().nonnegative().optional(),
      aircraft: z.number().int().nonnegative().optional(),
    }),
  }),
]);

export const ScenarioZone = z.strictObject({
  id: Slug,
  name: LocalizedText,
  illustrative: z.boolean().describe('true when the geometry is made up for demonstration'),
  rule: ZoneRule,
  area: Area,
});

/** A message the demo cell starts with, signed at initialisation by its author's device. */
export const ScenarioHistoryEntry = z.strictObject({
  author: Username,
  compartment: z
    .string()
    .regex(/^(plenary|caucus-[a-z][a-z0-9-]*|internal-[a-z][a-z0-9-]*)$/, 'must be plenary, caucus-<side> or internal-<party>'),
  track: Track,
  language: Language,
  text: z.string().min(1).max(4000),
  ackRequested: z.boolean().optional().describe('the recipients must acknowledge it, as the rules say'),
});

export const Scenario = z
  .strictObject({
    format: z.literal('fusion-cell/scenario@1'),
    cell: z.strictObject({
      id: Slug,
      name: LocalizedText,
      agreements: z
        .array(z.strictObject({ title: z.string().min(1), date: z.iso.date(), reference: z.string().optional() }))
        .default([]),
      languages: z.array(Language).min(1),
      tracks: z.array(Track).min(1).default([...TRACKS]),
    }),
    parties: z.array(ScenarioParty).min(2),
    members: z.array(ScenarioMember).min(1),
    rules: Rules.default(Rules.parse({})),
    zones: z.array(ScenarioZone).default([]),
    demo: z
      .strictObject({
        autoApproveDevices: z.boolean().default(false),
        history: z.array(ScenarioHistoryEntry).default([]),
      })
      .optional(),
  })
  .superRefine((scenario, context) => {
    for (const problem of checkRulesAgainstRegistry(scenario.rules)) context.addIssue({ code: 'custom', path: problem.path, message: problem.message });
    const partyIds = new Set<string>();
    scenario.parties.forEach((party, index) => {
      if (partyIds.has(party.id)) {
        context.addIssue({ code: 'custom', path: ['parties', index, 'id'], message: `party "${party.id}" is defined twice` });
      }
      partyIds.add(party.id);
    });
    if (!scenario.parties.some((party) => party.kind === 'side')) {
      context.addIssue({ code: 'custom', path: ['parties'], message: 'a cell needs at least one side' });
    }
    const usernames = new Set<string>();
    scenario.members.forEach((member, index) => {
      if (!partyIds.has(member.party)) {
        context.addIssue({ code: 'custom', path: ['members', index, 'party'], message: `no party "${member.party}"` });
      }
      if (usernames.has(member.username)) {
        context.addIssue({ code: 'custom', path: ['members', index, 'username'], message: `username "${member.username}" is used twice` });
      }
      usernames.add(member.username);
    });
    for (const party of scenario.parties) {
      if (!scenario.members.some((member) => member.party === party.id && member.roles.includes('admin'))) {
        context.addIssue({ code: 'custom', path: ['members'], message: `party "${party.id}" has no admin` });
      }
    }
    const zoneIds = new Set<string>();
    scenario.zones.forEach((zone, index) => {
      if (zoneIds.has(zone.id)) {
        context.addIssue({ code: 'custom', path: ['zones', index, 'id'], message: `zone "${zone.id}" is defined twice` });
      }
      zoneIds.add(zone.id);
    });
    scenario.demo?.history.forEach((entry, index) => {
      const author = scenario.members.find((member) => member.username === entry.author);
      if (!author) {
        context.addIssue({ code: 'custom', path: ['demo', 'history', index, 'author'], message: `no member "${entry.author}"` });
      }
      const { kind, owner: partyId } = parseCompartmentId(entry.compartment);
      const party = scenario.parties.find((candidate) => candidate.id === partyId);
      const path = ['demo', 'history', index, 'compartment'];
      if (partyId !== undefined && !party) {
        context.addIssue({ code: 'custom', path, message: `no party "${partyId}"` });
      } else if (kind === 'caucus' && party?.kind !== 'side') {
        context.addIssue({ code: 'custom', path, message: `a caucus belongs to a side; "${partyId}" is not one` });
      } else if (author && party) {
        const authorParty = scenario.parties.find((candidate) => candidate.id === author.party);
        const inAudience =
          kind === 'internal' ? author.party === party.id : author.party === party.id || authorParty?.kind === 'supervisor';
        if (!inAudience) context.addIssue({ code: 'custom', path, message: `"${entry.author}" is not in ${entry.compartment}` });
      }
    });
  });
export type Scenario = z.infer<typeof Scenario>;
export type ScenarioInput = z.input<typeof Scenario>;
