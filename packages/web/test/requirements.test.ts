import { describe, expect, it } from 'vitest';
import { Rules } from '@fusion-cell/protocol';
import type { Envelope } from '@fusion-cell/record';
import { requirementOf } from '../src/features/items/requirements.ts';

/** What an item asks of its recipients comes from the cell's rules, as the server applies them. */

const envelope = (type: string, payload: Record<string, unknown> = {}): Envelope => ({
  cell: 'test-cell',
  compartment: 'plenary',
  type,
  track: 'general',
  payload: payload as Envelope['payload'],
  references: [],
  author: 'm_author',
  device: 'd_author',
  authoredAt: '2026-01-06T10:00:00.000Z',
});

const cellRules = Rules.parse({
  acknowledgments: {
    message: { level: 'accepted', within: 'PT1H' },
    alert: { level: 'understood', within: 'PT90S', urgent: true },
    'explanation.request': { reply: 'explanation.reply', within: 'PT12H' },
  },
  linkCheck: { every: 'PT4H', answerWithin: 'PT3M' },
});

describe("an item's requirement under the cell's rules", () => {
  it("asks for the level and deadline of the cell's rule, not the default one", () => {
    expect(requirementOf(envelope('message', { text: 'hello', language: 'en', ackRequested: true }), cellRules)).toEqual({
      kind: 'ack',
      level: 'accepted',
      withinMs: 3_600_000,
      urgent: false,
    });
    expect(requirementOf(envelope('alert'), cellRules)).toEqual({ kind: 'ack', level: 'understood', withinMs: 90_000, urgent: true });
    expect(requirementOf(envelope('explanation.request'), cellRules)).toEqual({ kind: 'reply', type: 'explanation.reply', withinMs: 43_200_000, urgent: false });
  });

  it('asks nothing of a message without a request, or of a type the rules leave out', () => {
    expect(requirementOf(envelope('message', { text: 'hello', language: 'en' }), cellRules)).toBeUndefined();
    // The cell's rules replace the defaults: a clarification asks for nothing here.
    expect(requirementOf(envelope('clarification'), cellRules)).toBeUndefined();
    expect(requirementOf(envelope('constructor'), cellRules)).toBeUndefined();
  });

  it("asks every link check to be received within the cell's link-check answer time", () => {
    expect(requirementOf(envelope('link.check'), cellRules)).toEqual({ kind: 'ack', level: 'received', withinMs: 180_000, urgent: true });
  });

  it('follows the default rules when the cell keeps them', () => {
    expect(requirementOf(envelope('clarification'), Rules.parse({}))).toMatchObject({ kind: 'reply', type: 'clarification.reply', withinMs: 86_400_000 });
  });
});
