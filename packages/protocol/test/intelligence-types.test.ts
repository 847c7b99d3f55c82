import { describe, expect, it } from 'vitest';
import {
  checkTransition,
  currentOpinions,
  DEFAULT_ACKNOWLEDGMENT_RULES,
  IntelReportPayload,
  obligationDueAt,
  OPAQUE_MEMBER,
  readPayload,
  replayLifecycle,
  requirementOf,
  RFI_LIFECYCLE,
  Rules,
  TLP_COLOURS,
  TLP_LEVELS,
  tlpAllowedIn,
  tlpMayLeaveCompartment,
} from '../src/index.ts';

const HOUR = 3_600_000;
const report = {
  title: 'Armour south of Quneitra',
  summary: 'Tanks on the road.',
  body: 'Ten tanks moved south.',
  language: 'en',
  tlp: 'AMBER',
  reliability: 'B',
  credibility: 2,
  informationTime: '2026-01-06T06:00:00.000Z',
};

const fieldOf = (payload: unknown) => {
  const result = IntelReportPayload.safeParse(payload);
  return result.success ? undefined : result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
};

describe('intel.report payload', () => {
  it('takes every TLP 2.0 marking and both Admiralty grades in range', () => {
    for (const tlp of TLP_LEVELS) expect(fieldOf({ ...report, tlp })).toBeUndefined();
    for (const reliability of ['A', 'F']) for (const credibility of [1, 6]) expect(fieldOf({ ...report, reliability, credibility })).toBeUndefined();
  });

  it.each([
    ['no marking', { tlp: undefined }, 'tlp'],
    ['a TLP 1.0 marking', { tlp: 'WHITE' }, 'tlp'],
    ['a lower-case marking', { tlp: 'amber' }, 'tlp'],
    ['reliability G', { reliability: 'G' }, 'reliability'],
    ['credibility 0', { credibility: 0 }, 'credibility'],
    ['credibility 7', { credibility: 7 }, 'credibility'],
    ['credibility 1.5', { credibility: 1.5 }, 'credibility'],
    ['twenty-one caveats', { caveats: Array.from({ length: 21 }, (_, index) => `caveat ${index}`) }, 'caveats'],
    ['a location that is a line', { location: { type: 'LineString', coordinates: [[0, 0], [1, 1]] } }, 'location.type'],
    ['an unknown field', { source: 'HUMINT' }, ''],
  ])('refuses %s, naming the field', (_name, overrides, path) => {
    const issues = fieldOf({ ...report, ...overrides });
    expect(issues?.[0]?.path).toBe(path);
  });

  it('says what the marking may be, in the words a form shows', () => {
    expect(fieldOf({ ...report, tlp: 'PURPLE' })?.[0]?.message).toBe('must be one of CLEAR, GREEN, AMBER, AMBER+STRICT or RED (TLP 2.0)');
    expect(fieldOf({ ...report, credibility: 9 })?.[0]?.message).toBe('must be an information credibility grade from 1 to 6');
  });

  it('keeps the STIX objects of an import as given, for the STIX module to check', () => {
    expect(IntelReportPayload.shape.stix.meta()?.[OPAQUE_MEMBER]).toBe(true);
    expect(fieldOf({ ...report, stix: [{ type: 'report', x_custom: { deep: [1] } }] })).toBeUndefined();
    expect(fieldOf({ ...report, stix: ['not an object'] })?.[0]?.path).toBe('stix.0');
  });

  it('reads through the registry as version 1', () => {
    expect(readPayload('intel.report', report)).toMatchObject({ ok: true, payload: { tlp: 'AMBER' } });
  });
});

describe('TLP 2.0', () => {
  it('keeps AMBER+STRICT out of the plenary, and RED in its compartment', () => {
    expect(tlpAllowedIn('AMBER+STRICT', 'plenary')).toBe(false);
    expect(tlpAllowedIn('AMBER+STRICT', 'caucus')).toBe(true);
    expect(tlpAllowedIn('AMBER+STRICT', 'internal')).toBe(true);
    for (const tlp of ['CLEAR', 'GREEN', 'AMBER', 'RED'] as const) expect(tlpAllowedIn(tlp, 'plenary')).toBe(true);
    expect(tlpMayLeaveCompartment('RED')).toBe(false);
    expect(tlpMayLeaveCompartment('AMBER+STRICT')).toBe(true);
  });

  it('draws each label in the standard’s colours on black', () => {
    expect(TLP_COLOURS.RED).toEqual({ text: '#FF2B2B', background: '#000000' });
    expect(TLP_COLOURS.AMBER.text).toBe('#FFC000');
    expect(TLP_COLOURS.GREEN.text).toBe('#33FF00');
    expect(TLP_COLOURS.CLEAR.text).toBe('#FFFFFF');
  });
});

describe('requests for information', () => {
  const rules = Rules.parse({ acknowledgments: DEFAULT_ACKNOWLEDGMENT_RULES });

  it('ask a reply by their own deadline, or the rule’s', () => {
    const received = Date.parse('2026-01-06T09:00:00.000Z');
    const rfi = { type: 'intel.rfi', payload: { question: 'Who?', priority: 'routine', language: 'en' } };
    const requirement = requirementOf(rfi, rules);
    expect(requirement).toMatchObject({ kind: 'reply', type: 'intel.rfi.reply', withinMs: 72 * HOUR });
    expect(obligationDueAt(rfi, received, requirement?.withinMs ?? 0)).toBe(received + 72 * HOUR);
    const own = { ...rfi, payload: { ...rfi.payload, replyDue: '2026-01-06T15:00:00.000Z' } };
    expect(obligationDueAt(own, received, 72 * HOUR)).toBe(received + 6 * HOUR);
    // A deadline before the request arrived cannot be met: the rule's stands.
    const past = { ...rfi, payload: { ...rfi.payload, replyDue: '2026-01-06T08:00:00.000Z' } };
    expect(obligationDueAt(past, received, 72 * HOUR)).toBe(received + 72 * HOUR);
  });

  it('are closed by their asker, as answered or unanswered, once', () => {
    const close = (outcome: string) => ({ type: 'intel.rfi.close', payload: { outcome, language: 'en' } });
    expect(replayLifecycle(RFI_LIFECYCLE, [close('answered')])).toBe('answered');
    expect(replayLifecycle(RFI_LIFECYCLE, [close('unanswered'), close('answered')])).toBe('unanswered');
    expect(checkTransition(RFI_LIFECYCLE, 'open', 'intel.rfi.close', { roles: ['analyst'], partyKind: 'side', isSubjectAuthor: false }, close('answered').payload)).toMatchObject({ allowed: false, because: 'mover' });
    expect(checkTransition(RFI_LIFECYCLE, 'answered', 'intel.rfi.close', undefined, close('answered').payload)).toMatchObject({ allowed: false, because: 'state' });
  });
});

describe('opinions', () => {
  it('keep each party’s latest as its current one, with the earlier ones as history', () => {
    const opinions = [
      { item: 'b', party: 'il', opinion: 'strongly-disagree', index: 9 },
      { item: 'a', party: 'il', opinion: 'disagree', index: 4 },
      { item: 'c', party: 'us', opinion: 'neutral', index: 6 },
    ];
    expect(currentOpinions(opinions)).toEqual([
      { current: opinions[0], history: [opinions[1]] },
      { current: opinions[2], history: [] },
    ]);
  });
});
