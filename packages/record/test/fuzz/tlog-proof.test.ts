import { beforeAll, describe, it } from 'vitest';
import { fuzzTimeout } from '../../../../test-support/fuzz/fuzz-settings.ts';
import { assertSoundVerdicts } from '../../../../test-support/fuzz/fuzz-target.ts';
import { buildProofPool, tlogProofTarget, type ProofCase } from '../../../../test-support/fuzz/tlog-proof-target.ts';

describe('fuzz: tlog-proofs', () => {
  let pool: ProofCase[];

  beforeAll(async () => {
    pool = await buildProofPool(6);
  });

  it('[R12] verifies sound proofs, never a damaged one, and throws only TlogProofError with a closed code', async () => {
    await assertSoundVerdicts(tlogProofTarget(pool), 300, { shrink: false });
  }, fuzzTimeout());
});
