import { describe, it } from 'vitest';
import { fuzzTimeout } from '../../../../test-support/fuzz/fuzz-settings.ts';
import { assertSoundVerdicts } from '../../../../test-support/fuzz/fuzz-target.ts';
import { streamConnectionTarget } from '../../../../test-support/fuzz/stream-connection-target.ts';

describe('fuzz: stream frames as the server handles them', () => {
  it('answers every frame within the protocol, never reads a hidden compartment, sends a subscription its entries once', async () => {
    await assertSoundVerdicts(streamConnectionTarget, 200);
  }, fuzzTimeout());
});
