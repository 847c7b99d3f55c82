// The stream's client frame schema over the text a socket carries: valid frames parse back to
// themselves, unknown fields and wrongly typed values are refused, and nothing but JSON's own
// syntax error is ever thrown.

import { ClientFrame } from '@fusion-cell/protocol';
import { accepted, crash, describeThrown, invalidAccepted, refused, validRefused, type FuzzTarget, type Verdict } from './fuzz-target.ts';
import { changedJson } from './json-mutations.ts';
import { frameTexts, validClientFrames, type FrameText } from './stream-frames.ts';

function judgeFrame(input: FrameText): Verdict {
  let json: unknown;
  try {
    json = JSON.parse(input.text);
  } catch (error) {
    if (error instanceof SyntaxError && input.kind !== 'valid') return refused;
    return crash(`JSON.parse threw ${describeThrown(error)} for ${JSON.stringify(input.text).slice(0, 200)}`);
  }
  let result: ReturnType<typeof ClientFrame.safeParse>;
  try {
    result = ClientFrame.safeParse(json);
  } catch (error) {
    return crash(`ClientFrame threw ${describeThrown(error)}`);
  }
  if (input.kind === 'valid') {
    if (!result.success) return validRefused(`refused ${input.text}: ${result.error.issues[0]?.message}`);
    if (JSON.stringify(result.data) !== input.text) return validRefused(`${input.text} came back as ${JSON.stringify(result.data)}`);
    return accepted;
  }
  if (!result.success) return refused;
  if (input.kind === 'mutated' && changedJson(input.mutated) && ['add-unknown-field', 'retype', 'deep-nesting'].includes(input.mutated.mutation.kind)) {
    return invalidAccepted(`accepted a ${input.mutated.mutation.kind} at ${JSON.stringify(input.mutated.mutation.path)}: ${input.text.slice(0, 300)}`);
  }
  return accepted;
}

export const clientFrameTarget: FuzzTarget<FrameText> = { name: 'stream client frames', inputs: frameTexts(validClientFrames), judge: judgeFrame };
