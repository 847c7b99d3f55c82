// JSON values meant to break parsers: numbers at the edges of IEEE 754 and of safe integers,
// nesting far deeper than any field allows, odd keys, very long and illegal text.

import fc from 'fast-check';
import { oddText } from './text.ts';

/** Numbers a careless parser mishandles: negative zero, unsafe integers, extremes, fractions. */
export const oddNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0, -0, 1, -1, 0.5, 1e21, 1e-7, 2 ** 31, 2 ** 32, 2 ** 53, 2 ** 53 + 2, -(2 ** 53) - 2, Number.MAX_SAFE_INTEGER, 1e308, -1e308, Number.MIN_VALUE, 2 ** 64),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);

/** Keys that mean something to JavaScript, to paths, or to nothing at all. */
export const oddKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('', ' ', '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'toJSON', 'valueOf', 'a.b', '[0]', '0', '-1', 'length', '$ref', 'envelope', 'type', 'payload'),
  oddText(12),
);

/** `depth` levels of arrays or objects around a value. */
export function nested(depth: number, kind: 'array' | 'object', leaf: unknown = null): unknown {
  let value = leaf;
  for (let level = 0; level < depth; level += 1) value = kind === 'array' ? [value] : { a: value };
  return value;
}

/** Nesting beyond the 64 levels any signed value may have, up to a few thousand. */
export const deepNesting: fc.Arbitrary<unknown> = fc
  .tuple(fc.integer({ min: 60, max: 3000 }), fc.constantFrom<'array' | 'object'>('array', 'object'))
  .map(([depth, kind]) => nested(depth, kind));

/** Text far longer than any field allows. */
export const longText: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom('a', ' ', 'é', '😀', '\u0000'), fc.integer({ min: 4_000, max: 70_000 }))
  .map(([unit, length]) => unit.repeat(Math.ceil(length / unit.length)));

/** Any odd JSON value: odd text and numbers, empty and deep containers, objects with odd keys. */
export const oddJsonValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: oddText() },
  { weight: 3, arbitrary: oddNumber },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}, '', [null], { '': null }) },
  { weight: 1, arbitrary: deepNesting },
  { weight: 1, arbitrary: longText },
  { weight: 1, arbitrary: fc.dictionary(oddKey, fc.oneof(oddText(), oddNumber, fc.constant(null)), { maxKeys: 3 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

/** The JSON type of a value, as the retyping mutation sees it. */
export function jsonKind(value: unknown): 'null' | 'boolean' | 'number' | 'string' | 'array' | 'object' | 'other' {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const kind = typeof value;
  return kind === 'boolean' || kind === 'number' || kind === 'string' || kind === 'object' ? kind : 'other';
}

/** One value of each JSON type, to swap for a value of another type. */
export const VALUES_OF_EACH_KIND: readonly unknown[] = [null, true, 0, 2 ** 64, '', 'text', [], ['x'], {}, { x: 1 }];
