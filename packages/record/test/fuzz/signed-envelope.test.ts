import { describe, expect, it } from 'vitest';
import { canonicalJson, SignedEnvelope } from '../../src/index.ts';
import { fuzzTimeout } from '../../../../test-support/fuzz/fuzz-settings.ts';
import { assertSoundVerdicts } from '../../../../test-support/fuzz/fuzz-target.ts';
import { nested } from '../../../../test-support/fuzz/odd-values.ts';
import { signedEnvelopeTarget } from '../../../../test-support/fuzz/signed-envelope-target.ts';

describe('fuzz: signed envelopes', () => {
  it('[R2–R5, R23] parses valid envelopes to what was signed, never verifies a changed one, and throws only its own errors', async () => {
    await assertSoundVerdicts(signedEnvelopeTarget, 200);
  }, fuzzTimeout());

  // Found by the fuzzer: the payload's depth was counted from the payload, not from the leaf.
  it.each([60, 61, 62, 63, 64, 65])('[R1, R4] accepts a payload %i levels deep only if the signed envelope has canonical JSON', (depth) => {
    const signed = {
      envelope: {
        cell: 'paris',
        compartment: 'plenary',
        type: 'intel.report',
        track: 'intelligence',
        payload: { deep: nested(depth - 1, 'array', 1) },
        references: [],
        author: 'sy-duty',
        device: 'sy-duty-1',
        authoredAt: '2026-01-06T10:00:00.000Z',
      },
      signature: 'A'.repeat(86),
    };
    let canonical = true;
    try {
      canonicalJson(signed);
    } catch {
      canonical = false;
    }
    expect(SignedEnvelope.safeParse(signed).success).toBe(canonical);
  });
});
