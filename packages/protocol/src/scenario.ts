import { z } from 'zod';
import { Language, LocalizedText, parseDuration, PartyKind, Role, Slug, Track, TRACKS, Username } from './common.ts';
import { parseCompartmentId } from './compartments.ts';
import { readPayload } from './items/read-payload.ts';
import { itemTypeDefinition } from './items/registry.ts';
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

/** A message the demo cell starts with, signed at initialisation by its author's device. */
const HistoryCompartment = z
  .string()
  .regex(/^(plenary|caucus-[a-z][a-z0-9-]*|internal-[a-z][a-z0-9-]*)$/, 'must be plenary, caucus-<side> or internal-<party>');

/** A message of the demo's history, written out in short. */
export const ScenarioHistoryMessage = z.strictObject({
  author: Username,
  compartment: HistoryCompartment,
  track: Track,
  language: Language,
  text: z.string().min(1).max(4000),
  ackRequested: z.boolean().optional().describe('the recipients must acknowledge it, as the rules say'),
});

/**
 * An item of any type a member may enter, for a demo that shows more than messages: its
 * references are earlier entries of the history, by position from 0, and `payloadRefs` fills
 * payload members with the id of such an entry (the version a signature names).
 */
export const ScenarioHistoryItem = z.strictObject({
  author: Username,
  compartment: HistoryCompartment,
  track: Track,
  type: z.string().min(1).max(64),
  payload: z.record(z.string(), z.unknown()),
  refers: z.array(z.number().int().nonnegative()).max(100).optional().describe('earlier history entries it refers to, by position'),
  payloadRefs: z.record(z.string(), z.number().int().nonnegative()).optional().describe('payload members that hold the id of an earlier history entry'),
  payloadTimes: z
    .record(z.string().regex(/^[A-Za-z]+(\.[A-Za-z]+)*$/, 'must be a payload member, or a dotted path to one'), z.string().regex(/^-?P/, 'must be an ISO 8601 duration, negative for the past').refine((value) => parseDuration(value.replace(/^-/, '')) !== undefined, 'must be an ISO 8601 duration such as P3D or -PT6H'))
    .optional()
    .describe('payload members (dotted paths) that hold a time relative to when the demo is created: a notice always lies ahead'),
});

/**
 * A history item's payload with its relative times filled in: each dotted path set to `now`
 * moved by its duration (`-PT6H` six hours before).
 */
export function fillPayloadTimes(payload: Record<string, unknown>, times: Readonly<Record<string, string>> | undefined, now: number): Record<string, unknown> {
  const filled = structuredClone(payload);
  for (const [path, duration] of Object.entries(times ?? {})) {
    const sign = duration.startsWith('-') ? -1 : 1;
    const at = new Date(now + sign * (parseDuration(duration.replace(/^-/, '')) ?? 0)).toISOString();
    const members = path.split('.');
    let target: Record<string, unknown> = filled;
    for (const member of members.slice(0, -1)) {
      const next = Object.hasOwn(target, member) ? target[member] : undefined;
      if (!next || typeof next !== 'object') target[member] = {};
      target = target[member] as Record<string, unknown>;
    }
    target[members[members.length - 1] as string] = at;
  }
  return filled;
}

export const ScenarioHistoryEntry = z.union([ScenarioHistoryMessage, ScenarioHistoryItem]);
export type ScenarioHistoryEntry = z.infer<typeof ScenarioHistoryEntry>;

/** An id in the form of an item id, standing in for one not yet known when a scenario is checked. */
const SOME_ITEM_ID = 'A'.repeat(43);

/** What is wrong with an item of the history as its type reads it: a type no member enters, a payload it refuses, a reference forward. */
function historyItemProblems(entry: z.infer<typeof ScenarioHistoryItem>, index: number): Array<{ path: PropertyKey[]; message: string }> {
  const definition = itemTypeDefinition(entry.type);
  if (!definition || definition.cellOnly) return [{ path: ['type'], message: `"${entry.type}" is not an item type a member enters` }];
  const problems: Array<{ path: PropertyKey[]; message: string }> = [];
  for (const [position, referred] of (entry.refers ?? []).entries()) {
    if (referred >= index) problems.push({ path: ['refers', position], message: 'refers to an entry before this one' });
  }
  for (const [member, referred] of Object.entries(entry.payloadRefs ?? {})) {
    if (referred >= index) problems.push({ path: ['payloadRefs', member], message: 'refers to an entry before this one' });
  }
  const filled = { ...fillPayloadTimes(entry.payload, entry.payloadTimes, Date.UTC(2026, 0, 1)), ...Object.fromEntries(Object.keys(entry.payloadRefs ?? {}).map((member) => [member, SOME_ITEM_ID])) };
  const reading = readPayload(definition, filled);
  if (!reading.ok) problems.push({ path: ['payload', ...reading.path], message: reading.message });
  return problems;
}

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
    scenario.demo?.history.forEach((entry, index) => {
      if ('type' in entry) {
        for (const problem of historyItemProblems(entry, index)) context.addIssue({ code: 'custom', path: ['demo', 'history', index, ...problem.path], message: problem.message });
      }
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
