// Generators for the protocol's refined schemas that derived candidates would almost never
// satisfy: ISO 8601 durations and closed GeoJSON rings.

import { Duration, LinearRing } from '@fusion-cell/protocol';
import fc from 'fast-check';
import { overrideKey, type Overrides } from './zod-arbitrary.ts';

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

export const PROTOCOL_OVERRIDES: Overrides = new Map<object, fc.Arbitrary<unknown>>([
  [overrideKey(Duration), durationText],
  [overrideKey(LinearRing), linearRing],
]);
