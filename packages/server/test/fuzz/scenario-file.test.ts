import { Scenario } from '@fusion-cell/protocol';
import { parseScenario, ScenarioError } from '@fusion-cell/server';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzTimeout } from '../../../../test-support/fuzz/fuzz-settings.ts';
import { assertSoundVerdicts } from '../../../../test-support/fuzz/fuzz-target.ts';
import { scenarioTarget } from '../../../../test-support/fuzz/scenario-target.ts';
import { validScenarios } from '../../../../test-support/fuzz/scenarios.ts';

describe('fuzz: scenario files', () => {
  it('generates scenarios the protocol accepts', () => {
    for (const scenario of fc.sample(validScenarios, { numRuns: 30, seed: 3 })) {
      const result = Scenario.safeParse(scenario);
      expect(result.success, JSON.stringify(result.error?.issues[0])).toBe(true);
    }
  });

  // Found by the fuzzer: defaults filled in when a scenario leaves its rules out differ from
  // the same defaults written out, so the cell's rules depend on how the file was written.
  it('reads a scenario without acknowledgment rules the same once its defaults are written out', () => {
    const [scenario] = fc.sample(validScenarios, { numRuns: 1, seed: 5 });
    const { rules: _left, ...withoutRules } = scenario!;
    const once = Scenario.parse(withoutRules);
    const twice = Scenario.parse(JSON.parse(JSON.stringify(once)));
    expect(twice.rules).toEqual(once.rules);
  });

  // Found by the fuzzer: a record of rules drops this key without a word, where any other
  // key that names no rule is refused.
  it('refuses a "__proto__" key among the acknowledgment rules', () => {
    const [scenario] = fc.sample(validScenarios, { numRuns: 1, seed: 5 });
    const text = JSON.stringify({ ...scenario, rules: { acknowledgments: {} } }).replace('"acknowledgments":{}', '"acknowledgments":{"__proto__":{"level":"received","within":"PT5M"}}');
    expect(() => parseScenario(text)).toThrow(ScenarioError);
  });

  it('accepts valid scenarios as a fixed point, refuses damaged ones with ScenarioError naming the field', async () => {
    await assertSoundVerdicts(scenarioTarget, 150);
  }, fuzzTimeout());
});
