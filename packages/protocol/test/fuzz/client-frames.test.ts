import { describe, it } from 'vitest';
import { clientFrameTarget } from '../../../../test-support/fuzz/client-frame-target.ts';
import { assertSoundVerdicts } from '../../../../test-support/fuzz/fuzz-target.ts';

describe('fuzz: stream client frames', () => {
  it('parses valid frames back to themselves, refuses unknown fields and wrong types, never throws', async () => {
    await assertSoundVerdicts(clientFrameTarget, 300);
  });
});
