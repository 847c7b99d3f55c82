// Client frames of the stream, as the text a socket carries: valid frames, valid frames
// mutated, truncated JSON, and text that is not JSON at all.

import { ClientFrame } from '@fusion-cell/protocol';
import fc from 'fast-check';
import { mutationsOf, type Mutated } from './json-mutations.ts';
import { oddText } from './text.ts';
import { validValues } from './zod-arbitrary.ts';

/** Frames the protocol accepts, derived from its schema (new frame types are covered too). */
export const validClientFrames = validValues(ClientFrame) as fc.Arbitrary<ClientFrame>;

/** Frames for a server whose compartments are known: mostly those, sometimes others. */
export function framesFor(compartments: readonly string[]): fc.Arbitrary<ClientFrame> {
  const compartment = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...compartments) }, { weight: 1, arbitrary: oddText(20).filter((text) => text.length > 0 && text.length <= 64) });
  const from = fc.oneof(fc.nat({ max: 40 }), fc.maxSafeNat());
  return fc.oneof(
    fc.record({ type: fc.constant('hello' as const), protocol: fc.oneof({ weight: 5, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.integer() }), subscriptions: fc.array(fc.record({ compartment, from }), { maxLength: 4 }) }),
    fc.record({ type: fc.constant('subscribe' as const), compartment, from }),
    fc.record({ type: fc.constant('unsubscribe' as const), compartment }),
    fc.record({ type: fc.constant('pong' as const), time: fc.double({ noNaN: true, noDefaultInfinity: true }) }),
    validClientFrames,
  );
}

export type FrameText =
  | { kind: 'valid'; frame: ClientFrame; text: string }
  | { kind: 'mutated'; mutated: Mutated<ClientFrame>; text: string }
  | { kind: 'text'; text: string };

/** Text of a frame, its JSON cut short, or text that is no JSON at all. */
export function frameTexts(frames: fc.Arbitrary<ClientFrame>): fc.Arbitrary<FrameText> {
  return fc.oneof(
    { weight: 3, arbitrary: frames.map((frame): FrameText => ({ kind: 'valid', frame, text: JSON.stringify(frame) })) },
    { weight: 3, arbitrary: mutationsOf(frames).map((mutated): FrameText => ({ kind: 'mutated', mutated, text: JSON.stringify(mutated.value) ?? '' })) },
    {
      weight: 1,
      arbitrary: fc.tuple(frames, fc.nat()).map(([frame, cut]): FrameText => {
        const text = JSON.stringify(frame);
        return { kind: 'text', text: text.slice(0, cut % text.length) };
      }),
    },
    { weight: 1, arbitrary: fc.oneof(oddText(200), fc.constantFrom('', 'null', '[]', '{}', '"hello"', '1e999', '{"type":"hello"}', '{"type":"__proto__"}')).map((text): FrameText => ({ kind: 'text', text })) },
  );
}
