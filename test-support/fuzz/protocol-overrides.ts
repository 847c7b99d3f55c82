// Generators for the protocol's refined schemas that derived candidates would almost never
// satisfy: ISO 8601 durations, closed GeoJSON rings, time zone names, and the joint text's
// passages and suggested changes, whose fields go together.

import { Duration, LinearRing, PassageOption, Slug, SuggestedChange, Passage, TimeZone } from '@fusion-cell/protocol';
import fc from 'fast-check';
import { candidateValues, overrideKey, type Overrides } from './zod-arbitrary.ts';

/** A duration of days, hours, minutes and seconds, longer than zero: `PT5M`, `P2DT3H`. */
export const durationText: fc.Arbitrary<string> = fc
  .record({ days: fc.nat({ max: 400 }), hours: fc.nat({ max: 48 }), minutes: fc.nat({ max: 120 }), seconds: fc.nat({ max: 120 }) })
  .filter(({ days, hours, minutes, seconds }) => days + hours + minutes + seconds > 0)
  .map(({ days, hours, minutes, seconds }) => {
    const time = `${hours ? `${hours}H` : ''}${minutes ? `${minutes}M` : ''}${seconds ? `${seconds}S` : ''}`;
    return `P${days ? `${days}D` : ''}${time ? `T${time}` : ''}`;
  });

const position = fc.tuple(
  fc.double({ min: -180, max: 180, noNaN: true }),
  fc.double({ min: -90, max: 90, noNaN: true }),
);

/** A closed ring: at least four positions, the last one the first. */
export const linearRing: fc.Arbitrary<Array<[number, number]>> = fc
  .array(position, { minLength: 3, maxLength: 6 })
  .map((positions) => [...positions, [positions[0]![0], positions[0]![1]]]);

/** Names the runtime knows, and one it does not: the schema refuses that one. */
const timeZone: fc.Arbitrary<string> = fc.constantFrom('UTC', 'Europe/Paris', 'Asia/Damascus', 'Asia/Jerusalem', 'America/New_York', 'Mars/Olympus');

const slug = candidateValues(Slug) as fc.Arbitrary<string>;
const wording = fc.string({ minLength: 1, maxLength: 40 }).map((text) => `w${text}`);

/** A passage with its wording, or with two or three options to choose from. */
const passage: fc.Arbitrary<unknown> = fc.oneof(
  fc.record({ id: slug, text: wording }),
  fc.record({ id: slug, options: fc.uniqueArray(candidateValues(PassageOption), { minLength: 2, maxLength: 3, selector: (option) => (option as { id: string }).id }) }),
);

/** A replacement or deletion of a passage, or an insertion after one or at a section's start. */
const suggestedChange: fc.Arbitrary<unknown> = fc.oneof(
  fc.record({ kind: fc.constant('replace'), passage: slug, text: wording }),
  fc.record({ kind: fc.constant('delete'), passage: slug }),
  fc.record({ kind: fc.constant('insert'), passage: slug, after: slug, text: wording }),
  fc.record({ kind: fc.constant('insert'), passage: slug, section: slug, text: wording }),
);

export const PROTOCOL_OVERRIDES: Overrides = new Map<object, fc.Arbitrary<unknown>>([
  [overrideKey(Duration), durationText],
  [overrideKey(LinearRing), linearRing],
  [overrideKey(TimeZone), timeZone],
  [overrideKey(Passage), passage],
  [overrideKey(SuggestedChange), suggestedChange],
]);
