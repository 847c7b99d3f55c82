import { describe, expect, it } from 'vitest';
import { CHANNEL_LIFECYCLE, checkTransition, FINDING_CHECKS, ITEM_TYPE_LIST, ITEM_TYPES, lifecycleProblems, mayAnswer, partiesOwing, replayLifecycle, requiredParties, requirementOf, Rules, type Lifecycle } from '../src/index.ts';

const rules = Rules.parse({});

describe('the item type registry', () => {
  it('names each module by its own type, once', () => {
    expect(Object.keys(ITEM_TYPES)).toEqual(ITEM_TYPE_LIST.map((type) => type.type));
    expect(new Set(ITEM_TYPE_LIST.map((type) => type.type)).size).toBe(ITEM_TYPE_LIST.length);
  });

  it('declares a payload version, tracks and summary fields the payload has, for every type', () => {
    for (const type of ITEM_TYPE_LIST) {
      expect(type.version, type.type).toBeGreaterThanOrEqual(1);
      expect(type.tracks.length, type.type).toBeGreaterThan(0);
      const shape = (type.payload as unknown as { shape?: Record<string, unknown>; def?: { in?: { shape?: Record<string, unknown> } } }).shape;
      if (shape) for (const field of type.summary) expect(Object.keys(shape), `${type.type}.${field}`).toContain(field);
    }
  });

  it('declares lifecycles whose states and moves name what exists', () => {
    const known = new Set(ITEM_TYPE_LIST.map((type) => type.type));
    for (const type of ITEM_TYPE_LIST) if (type.lifecycle) expect(lifecycleProblems(type.lifecycle, known), type.type).toEqual([]);
    const broken: Lifecycle = { name: 'broken', subject: { kind: 'item', of: ['no.such'] }, states: ['open'], initial: 'closed', transitions: [{ by: 'message', from: ['open'], to: 'gone' }] };
    expect(lifecycleProblems(broken, known)).toEqual(['broken: the initial state closed is not one of its states', 'broken: message names a state gone it does not have', 'broken: its subject no.such is not an item type']);
  });

  it('runs each automatic check at most once per type, every one of them registered', () => {
    const registered = new Set<string>(FINDING_CHECKS.map((check) => check.check));
    for (const type of ITEM_TYPE_LIST) {
      const keys = (type.findings ?? []).map((finding) => finding.check);
      expect(new Set(keys).size, type.type).toBe(keys.length);
      for (const key of keys) expect(registered.has(key), `${type.type} ${key}`).toBe(true);
    }
  });

  it('has every default rule read by the type that declares it, and every reply answering its request', () => {
    for (const [key, rule] of Object.entries(rules.acknowledgments)) {
      const owner = ITEM_TYPE_LIST.find((type) => type.obligation?.ruleKey === key || type.obligation?.variants?.keys.includes(key));
      expect(owner, key).toBeDefined();
      if (rule.reply && owner) expect(mayAnswer(rule.reply, owner.type), key).toEqual({ allowed: true });
    }
  });
});

describe('what may answer what', () => {
  it.each([
    ['ack', 'message', true],
    ['ack', 'ack', false],
    ['ack', 'escalation', false],
    ['clarification', 'escalation', true],
    ['explanation.reply', 'explanation.request', true],
    ['explanation.reply', 'clarification', false],
    ['message', 'alert', false],
    ['no.such.type', 'alert', false],
  ])('%s answering %s: %s', (answer, target, allowed) => {
    expect(mayAnswer(answer, target).allowed).toBe(allowed);
  });
});

describe('requirements and who owes them', () => {
  it('asks what the type declares under the rules, and nothing of a message that does not ask', () => {
    expect(requirementOf({ type: 'alert', payload: { severity: 'flash' } }, rules)).toEqual({ kind: 'ack', level: 'received', withinMs: 300_000, urgent: true, repeatEveryMs: 300_000 });
    expect(requirementOf({ type: 'alert', payload: { severity: 'immediate' } }, rules)).toEqual({ kind: 'ack', level: 'received', withinMs: 1_800_000, urgent: true, repeatEveryMs: 600_000 });
    expect(requirementOf({ type: 'alert', payload: { severity: 'priority' } }, rules)).toEqual({ kind: 'ack', level: 'received', withinMs: 14_400_000, urgent: false });
    // A cell that sets one rule for every alert keeps it for each severity.
    const single = Rules.parse({ acknowledgments: { alert: { level: 'understood', within: 'PT1M' } } });
    expect(requirementOf({ type: 'alert', payload: { severity: 'priority' } }, single)).toMatchObject({ kind: 'ack', level: 'understood', withinMs: 60_000 });
    expect(requirementOf({ type: 'message', payload: { ackRequested: true } }, rules)).toMatchObject({ kind: 'ack', level: 'understood' });
    expect(requirementOf({ type: 'message', payload: {} }, rules)).toBeUndefined();
    expect(requirementOf({ type: 'clarification', payload: {} }, rules)).toMatchObject({ kind: 'reply', type: 'clarification.reply' });
    expect(requirementOf({ type: 'link.check', payload: {} }, rules)).toEqual({ kind: 'ack', level: 'received', withinMs: 600_000, urgent: true });
  });

  const kinds: Record<string, 'side' | 'supervisor' | 'observer'> = { sy: 'side', il: 'side', us: 'supervisor', un: 'observer' };
  const kindOf = (party: string) => kinds[party];
  it.each([
    ['a side in plenary: the other side', ['sy', 'il', 'us', 'un'], 'sy', ['il']],
    ['a side in its caucus: the supervisor', ['sy', 'us'], 'sy', ['us']],
    ['the supervisor in plenary: the sides', ['sy', 'il', 'us', 'un'], 'us', ['sy', 'il']],
    ['the cell: every party but observers', ['sy', 'il', 'us', 'un'], null, ['sy', 'il', 'us']],
  ])('%s', (_name, audience, author, owing) => {
    expect(requiredParties(audience, kindOf, author)).toEqual(owing);
  });

  it('puts a flagged finding to the party whose notice it checked, and to no one for a reported incident', () => {
    const audience = ['sy', 'il', 'us', 'un'];
    const kindOf = (party: string) => (party === 'us' ? 'supervisor' : party === 'un' ? 'observer' : 'side') as 'side' | 'supervisor' | 'observer';
    expect(partiesOwing('finding', audience, kindOf, null, 'sy', 'activity.notice')).toEqual(['sy']);
    expect(partiesOwing('finding', audience, kindOf, null, 'il', 'incident.report')).toEqual([]);
    expect(partiesOwing('finding', audience, kindOf, null, 'il', 'explanation.request')).toEqual([]);
    expect(partiesOwing('finding', audience, kindOf, null, 'un', 'activity.notice')).toEqual([]);
  });
});

describe('lifecycles', () => {
  it('moves the channel only from where a move starts, naming the state otherwise', () => {
    expect(checkTransition(CHANNEL_LIFECYCLE, 'open', 'channel.suspended')).toEqual({ allowed: true, to: 'suspended' });
    expect(checkTransition(CHANNEL_LIFECYCLE, 'suspended', 'channel.suspended')).toEqual({ allowed: false, because: 'state', reason: 'channel.suspended cannot be entered while the channel is suspended' });
    expect(checkTransition(CHANNEL_LIFECYCLE, 'open', 'message').allowed).toBe(false);
  });

  it('gives the same state when replayed, skipping moves that were not allowed', () => {
    expect(replayLifecycle(CHANNEL_LIFECYCLE, ['channel.suspended', 'channel.suspended', 'channel.resumed'])).toBe('open');
    expect(replayLifecycle(CHANNEL_LIFECYCLE, ['channel.resumed', 'channel.suspended'])).toBe('suspended');
  });

  it('refuses a move by someone the transition does not allow', () => {
    const guarded = { ...CHANNEL_LIFECYCLE, transitions: [{ by: 'channel.suspended', from: ['open'], to: 'suspended', partyKinds: ['supervisor'] as const }] };
    expect(checkTransition(guarded, 'open', 'channel.suspended', { roles: ['head'], partyKind: 'side' })).toEqual({ allowed: false, because: 'mover', reason: 'only a supervisor may make this move' });
  });
});
