// RFC 8785 canonical JSON (SPEC.md R1) over any JavaScript value: plain JSON is serialised
// exactly as an independent reference does it and parses back to itself; everything else
// (undefined, NaN, infinities, functions, symbols, big integers, class instances, sparse
// arrays, lone surrogates, nesting past 64 levels, cycles) is refused with CanonicalJsonError.

import { canonicalJson, CanonicalJsonError, MAX_JSON_DEPTH } from '@fusion-cell/record';
import fc from 'fast-check';
import { accepted, crash, describeThrown, invalidAccepted, refused, validRefused, type FuzzTarget, type Verdict } from './fuzz-target.ts';
import { mutationsOf } from './json-mutations.ts';
import { nested, oddNumber } from './odd-values.ts';
import { legalCharacter, oddText } from './text.ts';

/** The reference: I-JSON values only, keys sorted by UTF-16 code units, JSON.stringify for leaves. */
function reference(value: unknown, depth = 0): string | undefined {
  if (depth > MAX_JSON_DEPTH) return undefined;
  if (value === null || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : undefined;
  if (typeof value === 'string') return /\p{Surrogate}/u.test(value) ? undefined : JSON.stringify(value);
  if (Array.isArray(value)) {
    const items: string[] = [];
    for (let index = 0; index < value.length; index += 1) {
      if (!(index in value)) return undefined;
      const item = reference(value[index], depth + 1);
      if (item === undefined) return undefined;
      items.push(item);
    }
    return `[${items.join(',')}]`;
  }
  if (typeof value !== 'object') return undefined;
  const prototype = Object.getPrototypeOf(value) as unknown;
  if ((prototype !== Object.prototype && prototype !== null) || Object.getOwnPropertySymbols(value).length > 0) return undefined;
  const members: string[] = [];
  for (const key of Object.keys(value).sort()) {
    if (/\p{Surrogate}/u.test(key)) return undefined;
    const member = reference((value as Record<string, unknown>)[key], depth + 1);
    if (member === undefined) return undefined;
    members.push(`${JSON.stringify(key)}:${member}`);
  }
  return `{${members.join(',')}}`;
}

class Point {
  constructor(readonly x = 1) {}
}

/** Values JSON has no place for. */
const notJson: fc.Arbitrary<unknown> = fc.constantFrom(
  undefined,
  Number.NaN,
  Infinity,
  -Infinity,
  10n,
  Symbol('s'),
  () => 1,
  new Date(0),
  new Map([[1, 2]]),
  new Point(),
  // A hole, made without a sparse literal.
  Object.assign(new Array<number>(3), { 0: 1, 2: 3 }),
  { [Symbol('key')]: 1 },
  Object.create({ inherited: true }) as object,
);

function cyclic(): unknown {
  const value: Record<string, unknown> = { a: 1 };
  value['self'] = value;
  return value;
}

const anyString = fc.oneof(fc.string({ unit: legalCharacter }), oddText());
const jsonLike: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    anyString,
    oddNumber,
    fc.constantFrom(null, true, false),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(anyString, tie('value'), { maxKeys: 4 }),
  ),
})).value;

export const canonicalInputs: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: jsonLike },
  { weight: 2, arbitrary: mutationsOf(jsonLike).map((mutated) => mutated.value) },
  { weight: 1, arbitrary: fc.tuple(notJson, jsonLike).map(([bad, around]) => (Array.isArray(around) ? [...around, bad] : { around, bad })) },
  { weight: 1, arbitrary: fc.integer({ min: MAX_JSON_DEPTH - 2, max: MAX_JSON_DEPTH + 200 }).map((depth) => nested(depth, depth % 2 ? 'array' : 'object', 1)) },
  { weight: 1, arbitrary: fc.constant(null).map(cyclic) },
);

function judgeCanonical(value: unknown): Verdict {
  const expected = reference(value);
  let text: string;
  try {
    text = canonicalJson(value);
  } catch (error) {
    if (!(error instanceof CanonicalJsonError)) return crash(`canonicalJson threw ${describeThrown(error)}`);
    return expected === undefined ? refused : validRefused(`refused plain JSON ${expected.slice(0, 200)}: ${error.message}`);
  }
  if (expected === undefined) return invalidAccepted(`serialised a value that is not plain JSON as ${text.slice(0, 200)}`);
  if (text !== expected) return validRefused(`${text.slice(0, 200)} differs from the reference ${expected.slice(0, 200)}`);
  if (canonicalJson(JSON.parse(text)) !== text) return validRefused(`${text.slice(0, 200)} does not parse back to itself`);
  return accepted;
}

export const canonicalJsonTarget: FuzzTarget<unknown> = { name: 'canonical JSON', inputs: canonicalInputs, judge: judgeCanonical };
