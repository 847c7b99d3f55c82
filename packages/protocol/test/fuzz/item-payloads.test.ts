import { ITEM_TYPES } from '@fusion-cell/protocol';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertSoundVerdicts } from '../../../../test-support/fuzz/fuzz-target.ts';
import { candidatePayloads, ITEM_TYPE_NAMES } from '../../../../test-support/fuzz/item-payloads.ts';
import { itemPayloadTarget } from '../../../../test-support/fuzz/item-payload-target.ts';

describe('fuzz: item payloads of every registered type', () => {
  // A type whose refinements the generator cannot meet would leave its valid inputs untested.
  it.each(ITEM_TYPE_NAMES)('generates valid %s payloads from the registry', (type) => {
    const samples = fc.sample(candidatePayloads(type), { numRuns: 200, seed: 1 });
    const valid = samples.filter((payload) => ITEM_TYPES[type].payload.safeParse(payload).success);
    expect(valid.length, `valid ${type} payloads among 200 candidates`).toBeGreaterThan(0);
  });

  it('accepts valid payloads unchanged, refuses unknown fields and wrong types, never throws', async () => {
    await assertSoundVerdicts(itemPayloadTarget, 300);
  });
});
