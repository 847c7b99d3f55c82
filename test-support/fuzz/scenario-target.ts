// Scenario files through parseScenario, as the server reads them at start-up: a valid one is
// accepted and reads the same after its defaults are written out; a damaged one is refused
// with ScenarioError alone, naming where; text no field may hold is refused at its path.

import { formatFieldPath, type ScenarioInput } from '@fusion-cell/protocol';
import { parseScenario, ScenarioError } from '@fusion-cell/server';
import fc from 'fast-check';
import { accepted, crash, describeThrown, invalidAccepted, refused, validRefused, type FuzzTarget, type Verdict } from './fuzz-target.ts';
import { changedJson, mutationsOf, type Mutated } from './json-mutations.ts';
import { validScenarios } from './scenarios.ts';
import { oddText } from './text.ts';

export type ScenarioFileInput =
  | { kind: 'valid'; text: string }
  | { kind: 'mutated'; mutated: Mutated<ScenarioInput>; text: string }
  | { kind: 'damaged-text'; text: string };

/** Mutations every scenario schema refuses wherever they land. */
const ALWAYS_REFUSED = new Set(['add-unknown-field', 'retype', 'deep-nesting', 'unsafe-text']);

export const scenarioInputs: fc.Arbitrary<ScenarioFileInput> = fc.oneof(
  { weight: 2, arbitrary: validScenarios.map((scenario): ScenarioFileInput => ({ kind: 'valid', text: JSON.stringify(scenario, null, 2) })) },
  { weight: 4, arbitrary: mutationsOf(validScenarios).map((mutated): ScenarioFileInput => ({ kind: 'mutated', mutated, text: JSON.stringify(mutated.value) ?? '' })) },
  {
    weight: 1,
    arbitrary: fc.tuple(validScenarios, fc.nat(), oddText(8), fc.constantFrom('cut', 'insert', 'bom')).map(([scenario, at, inserted, how]): ScenarioFileInput => {
      const text = JSON.stringify(scenario);
      const position = at % text.length;
      if (how === 'cut') return { kind: 'damaged-text', text: text.slice(0, position) };
      if (how === 'bom') return { kind: 'damaged-text', text: `\ufeff${text}` };
      return { kind: 'damaged-text', text: `${text.slice(0, position)}${inserted}${text.slice(position)}` };
    }),
  },
);

function judgeScenario(input: ScenarioFileInput): Verdict {
  let parsed: ReturnType<typeof parseScenario>;
  try {
    parsed = parseScenario(input.text, 'fuzz.json');
  } catch (error) {
    if (!(error instanceof ScenarioError)) return crash(`parseScenario threw ${describeThrown(error)}`);
    if (error.problems.length === 0 || error.problems.some((problem) => typeof problem.path !== 'string' || problem.message === '')) {
      return crash(`a ScenarioError without a usable problem: ${JSON.stringify(error.problems)}`);
    }
    if (input.kind === 'valid') return validRefused(`refused a valid scenario: ${error.message.slice(0, 300)}`);
    if (input.kind === 'mutated' && input.mutated.mutation.kind === 'unsafe-text') {
      const expected = formatFieldPath(input.mutated.mutation.path);
      if (error.problems[0]?.path !== expected) return crash(`unsafe text at ${expected} reported at ${error.problems[0]?.path}`);
    }
    return refused;
  }
  // Defaults written out read back the same: the parsed scenario is a fixed point.
  let again: ReturnType<typeof parseScenario>;
  try {
    again = parseScenario(JSON.stringify(parsed), 'fuzz.json');
  } catch (error) {
    return validRefused(`the parsed scenario does not read back: ${describeThrown(error)}`);
  }
  if (JSON.stringify(again) !== JSON.stringify(parsed)) return validRefused('the parsed scenario reads back differently');
  if (input.kind === 'mutated' && ALWAYS_REFUSED.has(input.mutated.mutation.kind) && changedJson(input.mutated)) {
    return invalidAccepted(`accepted a ${input.mutated.mutation.kind} at ${formatFieldPath(input.mutated.mutation.path)}`);
  }
  return accepted;
}

export const scenarioTarget: FuzzTarget<ScenarioFileInput> = { name: 'scenario files', inputs: scenarioInputs, judge: judgeScenario };
