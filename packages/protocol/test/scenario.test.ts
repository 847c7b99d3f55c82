import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { durationToMilliseconds, Scenario, type ScenarioInput } from '../src/index.ts';

const demo = JSON.parse(fs.readFileSync(new URL('../../../scenarios/paris-2026.json', import.meta.url), 'utf8')) as ScenarioInput;

function issuesOf(input: unknown): Array<{ path: string; message: string }> {
  const result = Scenario.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

function withChange(change: (scenario: any) => void): unknown {
  const copy = structuredClone(demo);
  change(copy);
  return copy;
}

describe('scenario files', () => {
  it('accepts the demo scenario, with the delegations the demo promises', () => {
    const scenario = Scenario.parse(demo);
    const count = (party: string, role: string) => scenario.members.filter((member) => member.party === party && member.roles.includes(role as never)).length;
    for (const side of ['sy', 'il']) {
      expect([count(side, 'head'), count(side, 'duty'), count(side, 'analyst'), count(side, 'commercial'), count(side, 'translator'), count(side, 'admin')]).toEqual([1, 2, 1, 1, 1, 1]);
    }
    expect([count('us', 'head'), count('us', 'duty'), count('us', 'admin')]).toEqual([1, 2, 1]);
    expect(scenario.parties.map((party) => `${party.id}:${party.kind}`)).toEqual(['sy:side', 'il:side', 'us:supervisor']);
    const zones = scenario.demo?.history.filter((entry) => 'type' in entry && entry.type === 'zone') ?? [];
    expect(zones.length).toBeGreaterThan(0);
    expect(zones.every((zone) => 'payload' in zone && zone.payload['illustrative'] === true && /illustrative/i.test((zone.payload['name'] as { en: string }).en))).toBe(true);
  });

  it('fills in default rules when a scenario gives none', () => {
    const scenario = Scenario.parse(withChange((copy) => delete copy.rules));
    expect(scenario.rules.acknowledgments['alert.flash']).toMatchObject({ level: 'received', within: 'PT5M', urgent: true, repeatEvery: 'PT5M' });
    expect(scenario.rules.acknowledgments['alert.priority']).toMatchObject({ level: 'received', within: 'PT4H', urgent: false });
    expect(scenario.rules.alertPresentation.flash).toEqual({ sound: 'alarm', tone: 'critical' });
    expect(scenario.rules.noticeLeadTime).toBe('PT48H');
  });

  const mistakes: Array<[string, (scenario: any) => void, string, RegExp]> = [
    ['an unknown field', (s) => (s.cell.colour = 'blue'), 'cell', /colour/],
    ['an unknown role', (s) => (s.members[3].roles = ['spy']), 'members.3.roles.0', /./],
    ['a member of a missing party', (s) => (s.members[0].party = 'fr'), 'members.0.party', /no party "fr"/],
    ['a username used twice', (s) => (s.members[1].username = s.members[0].username), 'members.1.username', /used twice/],
    ['a party without an admin', (s) => (s.members = s.members.filter((m: any) => m.username !== 'us.admin')), 'members', /"us" has no admin/],
    ['a party defined twice', (s) => s.parties.push({ ...s.parties[0] }), 'parties.3.id', /defined twice/],
    ['a bad duration', (s) => (s.rules.acknowledgments['alert.flash'].within = '5 minutes'), 'rules.acknowledgments.alert.flash.within', /ISO 8601/],
    ['a severity that does not exist', (s) => (s.rules.acknowledgments['alert.routine'] = { level: 'received', within: 'PT1H' }), 'rules.acknowledgments.alert.routine', /no item type reads a rule "alert.routine"/],
    ['a sound that does not exist', (s) => (s.rules.alertPresentation = { flash: { sound: 'horn', tone: 'critical' }, immediate: { sound: 'chime', tone: 'serious' }, priority: { sound: 'none', tone: 'routine' } }), 'rules.alertPresentation.flash.sound', /./],
    ['a zero duration', (s) => (s.rules.noticeLeadTime = 'PT0M'), 'rules.noticeLeadTime', /longer than zero/],
    ['a rule for a type that does not exist', (s) => (s.rules.acknowledgments['allert'] = { level: 'received', within: 'PT5M' }), 'rules.acknowledgments.allert', /no item type reads a rule "allert"/],
    ['a reply of a type that does not answer it', (s) => (s.rules.acknowledgments['clarification'] = { reply: 'explanation.reply', within: 'PT1H' }), 'rules.acknowledgments.clarification.reply', /explanation\.reply cannot be the reply/],
    ['a reply of a type that does not exist', (s) => (s.rules.acknowledgments['explanation.request'] = { reply: 'explanation.answer', within: 'PT1H' }), 'rules.acknowledgments.explanation.request.reply', /answer nothing/],
    ['a rule for link checks among the acknowledgments', (s) => (s.rules.acknowledgments['link.check'] = { level: 'received', within: 'PT5M' }), 'rules.acknowledgments.link.check', /set elsewhere/],
    ['a zone ring that is not closed', (s) => s.demo.history[14].payload.area.coordinates[0].pop(), 'demo.history.14.payload.area.coordinates.0', /end where it starts/],
    ['a latitude out of range', (s) => (s.demo.history[14].payload.area.coordinates[0][1] = [35.9, 95]), 'demo.history.14.payload.area.coordinates.0.1.1', /./],
    ['a relative time that is not a duration', (s) => (s.demo.history[24].payloadTimes['window.from'] = 'tomorrow'), 'demo.history.24.payloadTimes.window.from', /duration/],
    ['a wrong format tag', (s) => (s.format = 'fusion-cell/scenario@9'), 'format', /./],
    ['history by a stranger to the caucus', (s) => (s.demo.history[4].author = 'il.head'), 'demo.history.4.compartment', /not in caucus-sy/],
    ['history in the caucus of a supervisor', (s) => (s.demo.history[5].compartment = 'caucus-us'), 'demo.history.5.compartment', /not one/],
    ['history of a type that does not exist', (s) => (s.demo.history[8].type = 'glossary.entry'), 'demo.history.8.type', /not an item type a member enters/],
    ['history of a type only the cell enters', (s) => (s.demo.history[8].type = 'escalation'), 'demo.history.8.type', /not an item type a member enters/],
    ['history whose payload its type refuses', (s) => delete s.demo.history[8].payload.term, 'demo.history.8.payload.term', /./],
    ['history referring forward', (s) => (s.demo.history[9].refers = [10]), 'demo.history.9.refers.0', /before this one/],
    ['history naming a later entry in its payload', (s) => (s.demo.history[9].payloadRefs.version = 9), 'demo.history.9.payloadRefs.version', /before this one/],
  ];

  it.each(mistakes)('refuses %s with the path of the bad field', (_name, change, path, message) => {
    const issues = issuesOf(withChange(change));
    const issue = issues.find((candidate) => candidate.path === path);
    expect(issue, JSON.stringify(issues)).toBeDefined();
    expect(issue?.message).toMatch(message);
  });
});

describe('durations', () => {
  it.each([
    ['PT5M', 300_000],
    ['PT24H', 86_400_000],
    ['P2D', 172_800_000],
    ['P1DT1H1M1S', 90_061_000],
  ])('%s is %d ms', (duration, milliseconds) => {
    expect(durationToMilliseconds(duration)).toBe(milliseconds);
  });
});

describe('duration syntax', () => {
  it.each(['P', 'PT', 'P1DT', '5M', 'PT5m', 'P1W', '-PT5M'])('refuses %s', (text) => {
    expect(() => durationToMilliseconds(text)).toThrow();
  });
});
