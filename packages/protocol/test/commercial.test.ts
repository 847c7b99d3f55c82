import { describe, expect, it } from 'vitest';
import {
  checkTransition,
  CURRENCY_CODES,
  filterPipeline,
  ITEM_TYPES,
  lifecycleProblems,
  mayAnswer,
  matchesText,
  OPPORTUNITY_LIFECYCLE,
  opportunityPipeline,
  partiesOwing,
  pipelineSummary,
  requirementOf,
  Rules,
  type PartyKind,
  type PipelineRecordItem,
} from '../src/index.ts';

const opportunity = (overrides: Record<string, unknown> = {}) => ({
  sector: 'energy',
  title: 'Solar plant in the south',
  description: 'A 50 MW solar plant with storage.',
  sought: 'An investor and an engineering contractor',
  language: 'en',
  value: { min: 40_000_000, max: 60_000_000, currency: 'USD' },
  contactParty: 'sy',
  ...overrides,
});

const issuesOf = (payload: unknown) => {
  const parsed = ITEM_TYPES.opportunity.payload.safeParse(payload);
  return parsed.success ? [] : parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
};

describe('an opportunity', () => {
  it('is refused when its value range runs backwards, at value.max', () => {
    expect(issuesOf(opportunity({ value: { min: 10, max: 5, currency: 'USD' } }))).toEqual([{ path: 'value.max', message: 'the maximum must not be less than the minimum' }]);
    expect(issuesOf(opportunity({ value: { min: 10, max: 10, currency: 'USD' } }))).toEqual([]);
  });

  it('takes whole, non-negative amounts only', () => {
    expect(issuesOf(opportunity({ value: { min: 1.5, max: 5, currency: 'USD' } }))[0]?.path).toBe('value.min');
    expect(issuesOf(opportunity({ value: { min: -1, max: 5, currency: 'USD' } }))[0]?.path).toBe('value.min');
  });

  it('states its value in an active ISO 4217 currency, named when unknown', () => {
    for (const code of ['USD', 'EUR', 'SYP', 'ILS', 'VED', 'ZWG', 'SLE', 'XAU']) expect(issuesOf(opportunity({ value: { min: 1, max: 2, currency: code } })), code).toEqual([]);
    expect(issuesOf(opportunity({ value: { min: 1, max: 2, currency: 'XYZ' } }))).toEqual([{ path: 'value.currency', message: 'XYZ is not an ISO 4217 currency code' }]);
    // Withdrawn from the standard, or reserved for no currency and for tests.
    for (const code of ['HRK', 'SLL', 'XXX', 'XTS']) expect(issuesOf(opportunity({ value: { min: 1, max: 2, currency: code } }))[0]?.path, code).toBe('value.currency');
    expect(issuesOf(opportunity({ value: { min: 1, max: 2, currency: 'usd' } }))[0]?.message).toMatch(/three-letter ISO 4217 code/);
    expect(CURRENCY_CODES.length).toBeGreaterThan(150);
  });

  it('is filed under a sector of the fixed list, with an optional location', () => {
    expect(issuesOf(opportunity({ sector: 'mining' }))[0]?.path).toBe('sector');
    expect(issuesOf(opportunity({ location: { type: 'Point', coordinates: [36.3, 33.5] } }))).toEqual([]);
    expect(issuesOf(opportunity({ location: { type: 'Point', coordinates: [36.3, 95] } }))[0]?.path).toBe('location.coordinates.1');
  });
});

describe('the opportunity lifecycle', () => {
  const known = new Set(Object.keys(ITEM_TYPES));
  const mover = (isSubjectAuthor: boolean) => ({ roles: ['commercial' as const], partyKind: 'side' as PartyKind, isSubjectAuthor });

  it('names only states and types that exist', () => {
    expect(lifecycleProblems(OPPORTUNITY_LIFECYCLE, known)).toEqual([]);
  });

  it('is moved into interest by another party, and on by the proposer alone, one step at a time', () => {
    expect(checkTransition(OPPORTUNITY_LIFECYCLE, 'proposed', 'interest', mover(false))).toEqual({ allowed: true, to: 'interest' });
    expect(checkTransition(OPPORTUNITY_LIFECYCLE, 'discussion', 'interest', mover(false))).toEqual({ allowed: true, to: 'discussion' });
    expect(checkTransition(OPPORTUNITY_LIFECYCLE, 'interest', 'opportunity.move', mover(true), { to: 'discussion' })).toEqual({ allowed: true, to: 'discussion' });
    expect(checkTransition(OPPORTUNITY_LIFECYCLE, 'discussion', 'opportunity.move', mover(true), { to: 'agreed' })).toEqual({ allowed: true, to: 'agreed' });
    expect(checkTransition(OPPORTUNITY_LIFECYCLE, 'agreed', 'opportunity.move', mover(true), { to: 'closed' })).toEqual({ allowed: true, to: 'closed' });
    expect(checkTransition(OPPORTUNITY_LIFECYCLE, 'proposed', 'opportunity.move', mover(true), { to: 'withdrawn' })).toEqual({ allowed: true, to: 'withdrawn' });
  });

  it('refuses a move from where it stands, naming the state, and another party moving it, naming the mover', () => {
    expect(checkTransition(OPPORTUNITY_LIFECYCLE, 'proposed', 'opportunity.move', mover(true), { to: 'agreed' })).toEqual({
      allowed: false,
      because: 'state',
      reason: 'opportunity.move cannot be entered while the opportunity is proposed',
    });
    expect(checkTransition(OPPORTUNITY_LIFECYCLE, 'withdrawn', 'interest', mover(false))).toMatchObject({ allowed: false, because: 'state' });
    expect(checkTransition(OPPORTUNITY_LIFECYCLE, 'interest', 'opportunity.move', mover(false), { to: 'discussion' })).toMatchObject({ allowed: false, because: 'mover' });
    expect(checkTransition(OPPORTUNITY_LIFECYCLE, 'proposed', 'interest', mover(true))).toMatchObject({ allowed: false, because: 'mover' });
  });

  it('asks the proposer alone to acknowledge an interest, under the rule `interest`', () => {
    expect(mayAnswer('interest', 'opportunity')).toEqual({ allowed: true });
    expect(mayAnswer('interest', 'message').allowed).toBe(false);
    const kinds = new Map<string, PartyKind>([['sy', 'side'], ['il', 'side'], ['us', 'supervisor']]);
    expect(partiesOwing('interest', ['sy', 'il', 'us'], (party) => kinds.get(party), 'il', 'sy', 'opportunity')).toEqual(['sy']);
    expect(requirementOf({ type: 'interest', payload: { note: 'we are interested', language: 'en' } }, Rules.parse({}))).toMatchObject({ kind: 'ack', level: 'understood', withinMs: 2 * 86_400_000 });
  });
});

describe('the pipeline', () => {
  let clock = 1_000;
  const item = (type: string, authorParty: string, payload: Record<string, unknown>, references: string[] = [], compartment = 'plenary'): PipelineRecordItem => {
    clock += 1_000;
    return { id: `${type}-${clock}`, type, compartment, index: clock, authorParty, receivedAt: clock, references, payload };
  };
  const solar = item('opportunity', 'sy', opportunity());
  const port = item('opportunity', 'il', opportunity({ sector: 'transport', title: 'Port logistics', description: 'Container handling at the port.', sought: 'An operator', value: { min: 5_000_000, max: 5_000_000, currency: 'EUR' }, contactParty: 'il' }));
  const wells = item('opportunity', 'sy', opportunity({ sector: 'water', title: 'آبار المياه الجوفية', description: 'حَفْرُ آبار', language: 'ar', value: { min: 1_000_000, max: 3_000_000, currency: 'USD' } }));
  const records = [
    solar,
    port,
    wells,
    item('interest', 'il', { note: 'We can invest', language: 'en' }, [solar.id]),
    // Another party cannot move the proposer's opportunity: a record holding such a move anyway does not move.
    item('opportunity.move', 'il', { to: 'discussion' }, [solar.id]),
    item('opportunity.move', 'sy', { to: 'discussion', note: 'Talks start', language: 'en' }, [solar.id]),
    item('interest', 'us', { note: 'Guarantees possible', language: 'en' }, [solar.id]),
    item('opportunity.move', 'sy', { to: 'agreed' }, [solar.id]),
    // Not allowed from agreed: ignored.
    item('opportunity.move', 'sy', { to: 'discussion' }, [solar.id]),
    item('opportunity.move', 'il', { to: 'withdrawn' }, [port.id]),
  ];
  const pipeline = opportunityPipeline([...records].reverse());

  it('replays each opportunity’s moves in log order, keeping only the allowed ones', () => {
    const byTitle = new Map(pipeline.map((entry) => [entry.payload.title, entry]));
    const entry = byTitle.get('Solar plant in the south');
    expect(entry?.status).toBe('agreed');
    expect(entry?.moves.map((move) => [move.status, move.party])).toEqual([
      ['interest', 'il'],
      ['discussion', 'sy'],
      ['agreed', 'sy'],
    ]);
    expect(entry?.interests.map((interest) => interest.party)).toEqual(['il', 'us']);
    expect(byTitle.get('Port logistics')?.status).toBe('withdrawn');
    expect(pipeline.map((candidate) => candidate.payload.title)).toEqual(['آبار المياه الجوفية', 'Port logistics', 'Solar plant in the south']);
  });

  it('counts every status and sums each currency apart', () => {
    const summary = pipelineSummary(pipeline);
    expect(summary.counts).toEqual([
      { status: 'proposed', count: 1 },
      { status: 'interest', count: 0 },
      { status: 'discussion', count: 0 },
      { status: 'agreed', count: 1 },
      { status: 'closed', count: 0 },
      { status: 'withdrawn', count: 1 },
    ]);
    expect(summary.totals).toEqual([
      { status: 'withdrawn', currency: 'EUR', count: 1, min: 5_000_000, max: 5_000_000 },
      { status: 'proposed', currency: 'USD', count: 1, min: 1_000_000, max: 3_000_000 },
      { status: 'agreed', currency: 'USD', count: 1, min: 40_000_000, max: 60_000_000 },
    ]);
  });

  it('filters by sector, proposing party, status and words, whatever the vowel marks', () => {
    expect(filterPipeline(pipeline, { party: 'sy' }).map((entry) => entry.payload.sector)).toEqual(['water', 'energy']);
    expect(filterPipeline(pipeline, { sector: 'transport', status: 'withdrawn' })).toHaveLength(1);
    const wellsEntry = pipeline.find((entry) => entry.payload.sector === 'water');
    expect(wellsEntry && matchesText(wellsEntry, 'حفر')).toBe(true);
    expect(filterPipeline(pipeline, { text: 'SOLAR   storage' }).map((entry) => entry.payload.sector)).toEqual(['energy']);
    expect(filterPipeline(pipeline, { text: 'nuclear' })).toEqual([]);
  });
});
