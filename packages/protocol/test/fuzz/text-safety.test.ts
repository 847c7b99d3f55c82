import { findUnsafeText, formatFieldPath } from '@fusion-cell/protocol';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzParameters, fuzzTimeout } from '../../../../test-support/fuzz/fuzz-settings.ts';
import { mutationsOf } from '../../../../test-support/fuzz/json-mutations.ts';
import { nested } from '../../../../test-support/fuzz/odd-values.ts';
import { legalCharacter } from '../../../../test-support/fuzz/text.ts';

/** JSON with legal text only: every string a field may hold. */
const legalJson = fc.jsonValue({ maxDepth: 4, stringUnit: legalCharacter });

describe('fuzz: text no field may hold, anywhere in a request', () => {
  it('finds nothing in legal JSON, and finds an unsafe text exactly where it was put', () => {
    fc.assert(
      fc.property(legalJson, mutationsOf(legalJson, ['unsafe-text']), (clean, mutated) => {
        expect(findUnsafeText(clean)).toBeUndefined();
        const found = findUnsafeText(mutated.value);
        expect(found && formatFieldPath(found.path)).toBe(formatFieldPath(mutated.mutation.path));
      }),
      fuzzParameters(300),
    );
  }, fuzzTimeout());

  // Found by the fuzzer: each level copied the path of its parent, so a body nested tens of
  // thousands deep (well within the size limit) held the event loop for seconds.
  it('walks a value nested 20 000 levels deep in linear time', () => {
    for (const kind of ['array', 'object'] as const) {
      const value = nested(20_000, kind, 'end');
      const started = performance.now();
      expect(findUnsafeText(value)).toBeUndefined();
      expect(performance.now() - started).toBeLessThan(500);
    }
  });
});
