import canonicalize from 'canonicalize';
import { LONE_SURROGATE } from './bytes.ts';

/** A value of the JSON data model (RFC 8259) that RFC 8785 can canonicalize. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** Thrown for a value outside the JSON data model. */
export class CanonicalJsonError extends Error {
  override name = 'CanonicalJsonError';
}

/** Deeper nesting is refused: no legitimate item needs it, and it bounds recursion. */
export const MAX_JSON_DEPTH = 64;

/**
 * RFC 8785 (JCS) canonical JSON of a plain JSON value. Refuses undefined, NaN, ±Infinity,
 * functions, symbols, bigints, sparse arrays, class instances (Date, Map…), lone
 * surrogates and cycles (as excessive depth), so that what is signed is exactly what is parsed back.
 */
export function canonicalJson(value: unknown): string {
  assertJsonValue(value, '$', 0);
  return canonicalize(value)!;
}

/** Whether a value is a plain object (literal or `Object.create(null)`), not a class instance. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/** Throws {@link CanonicalJsonError} unless `value` is plain JSON. */
export function assertJsonValue(value: unknown, path = '$', depth = 0): asserts value is JsonValue {
  if (depth > MAX_JSON_DEPTH) throw new CanonicalJsonError(`${path}: nested deeper than ${MAX_JSON_DEPTH}`);
  switch (typeof value) {
    case 'string':
      if (LONE_SURROGATE.test(value)) throw new CanonicalJsonError(`${path}: string has a lone surrogate`);
      return;
    case 'boolean':
      return;
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError(`${path}: ${value} is not a JSON number`);
      return;
    case 'object':
      if (value === null) return;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
          if (!(i in value)) throw new CanonicalJsonError(`${path}[${i}]: sparse array`);
          assertJsonValue(value[i], `${path}[${i}]`, depth + 1);
        }
        return;
      }
      if (!isPlainObject(value)) throw new CanonicalJsonError(`${path}: not a plain object`);
      if (Object.getOwnPropertySymbols(value).length > 0) {
        throw new CanonicalJsonError(`${path}: symbol keys are not JSON`);
      }
      for (const key of Object.keys(value)) {
        if (LONE_SURROGATE.test(key)) throw new CanonicalJsonError(`${path}: key has a lone surrogate`);
        assertJsonValue(value[key], `${path}.${key}`, depth + 1);
      }
      return;
    default:
      throw new CanonicalJsonError(`${path}: ${typeof value} is not a JSON value`);
  }
}
