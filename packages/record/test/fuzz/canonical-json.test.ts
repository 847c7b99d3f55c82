import { describe, it } from 'vitest';
import { canonicalJsonTarget } from '../../../../test-support/fuzz/canonical-json-target.ts';
import { assertSoundVerdicts } from '../../../../test-support/fuzz/fuzz-target.ts';

describe('fuzz: canonical JSON', () => {
  it('[R1] serialises plain JSON as the reference does, and refuses everything else with CanonicalJsonError', async () => {
    await assertSoundVerdicts(canonicalJsonTarget, 300);
  });
});
