// Values for a zod schema, read from its structure: strict objects, strings with their
// lengths, patterns and formats, numbers with their bounds, enums, unions, tuples, arrays,
// records. Refinements cannot be read back, so a schema's own parse filters the candidates;
// the few refinements that candidates would almost never meet (a duration, a closed ring)
// are given as overrides, keyed by the schema's definition (shared by its described copies).

import fc from 'fast-check';
import type { z } from 'zod';
import { contentText, legalText } from './text.ts';

/** Arbitraries that replace what the walker would derive, for schemas with refinements. */
export type Overrides = ReadonlyMap<object, fc.Arbitrary<unknown>>;

type Definition = Record<string, any> & { type: string };

function definitionOf(schema: unknown): Definition {
  return (schema as { _zod: { def: Definition } })._zod.def;
}

/** The override key of a schema: its definition, which `.describe()` and `.meta()` copies share. */
export function overrideKey(schema: z.ZodType): object {
  return definitionOf(schema);
}

interface Checks {
  minLength?: number;
  maxLength?: number;
  exactLength?: number;
  patterns: RegExp[];
  formats: string[];
  trims: boolean;
  minimum?: { value: number; inclusive: boolean };
  maximum?: { value: number; inclusive: boolean };
  integer: boolean;
  /** The pattern of a string format (email, …), when the schema has one. */
  formatPattern?: RegExp;
}

function readChecks(definition: Definition): Checks {
  const checks: Checks = { patterns: [], formats: [], trims: false, integer: false };
  if (typeof definition['format'] === 'string') {
    checks.formats.push(definition['format']);
    // Dates and times are generated from dates below; other formats from their own pattern.
    if (definition['pattern'] instanceof RegExp && !['datetime', 'date'].includes(definition['format'])) checks.formatPattern = definition['pattern'];
  }
  for (const check of (definition['checks'] ?? []) as Array<{ _zod: { def: Record<string, any> } }>) {
    const def = check._zod.def;
    switch (def['check']) {
      case 'min_length':
        checks.minLength = Math.max(checks.minLength ?? 0, def['minimum']);
        break;
      case 'max_length':
        checks.maxLength = Math.min(checks.maxLength ?? Infinity, def['maximum']);
        break;
      case 'length_equals':
        checks.exactLength = def['length'];
        break;
      case 'string_format':
        if (def['format'] === 'regex' && def['pattern'] instanceof RegExp) checks.patterns.push(def['pattern']);
        else checks.formats.push(def['format']);
        break;
      case 'overwrite':
        // The only overwrite the protocol uses is trim(); generated text then has visible ends.
        checks.trims = true;
        break;
      case 'greater_than':
        checks.minimum = { value: Number(def['value']), inclusive: def['inclusive'] };
        break;
      case 'less_than':
        checks.maximum = { value: Number(def['value']), inclusive: def['inclusive'] };
        break;
      case 'number_format':
        checks.integer = def['format'] !== 'float32' && def['format'] !== 'float64';
        break;
      default:
        break; // refinements: left to the schema's own parse
    }
  }
  return checks;
}

const isoDateTime: fc.Arbitrary<string> = fc
  .tuple(
    fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }),
    fc.constantFrom('Z', '+00:00', '+02:00', '-05:30', '+14:00'),
    fc.boolean(),
  )
  .map(([date, zone, fraction]) => {
    const text = date.toISOString();
    return `${fraction ? text.slice(0, -1) : text.slice(0, 19)}${zone}`;
  });

const isoDate: fc.Arbitrary<string> = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));

function stringValues(checks: Checks): fc.Arbitrary<string> {
  const minLength = checks.exactLength ?? checks.minLength ?? 0;
  const maxLength = checks.exactLength ?? checks.maxLength ?? 200;
  const fits = (text: string) => text.length >= minLength && text.length <= maxLength;
  const [pattern] = [...checks.patterns, ...(checks.formatPattern ? [checks.formatPattern] : [])];
  if (pattern) return fc.stringMatching(pattern).filter(fits);
  if (checks.formats.includes('datetime')) return isoDateTime;
  if (checks.formats.includes('date')) return isoDate;
  if (checks.trims && minLength > 0) return contentText(minLength, maxLength);
  return legalText(minLength, maxLength);
}

function numberValues(checks: Checks): fc.Arbitrary<number> {
  const { minimum, maximum } = checks;
  if (checks.integer) {
    const min = minimum ? (minimum.inclusive ? Math.ceil(minimum.value) : Math.floor(minimum.value) + 1) : Number.MIN_SAFE_INTEGER;
    const max = maximum ? (maximum.inclusive ? Math.floor(maximum.value) : Math.ceil(maximum.value) - 1) : Number.MAX_SAFE_INTEGER;
    // Small numbers most of the time, and anywhere in the bounds otherwise (a filter over every
    // safe integer would almost never pass narrow bounds).
    return fc.oneof(fc.integer({ min: Math.max(min, -1000), max: Math.min(max, 1000) }), fc.integer({ min: Math.max(min, Number.MIN_SAFE_INTEGER), max: Math.min(max, Number.MAX_SAFE_INTEGER) }));
  }
  return fc.double({
    noNaN: true,
    noDefaultInfinity: true,
    ...(minimum ? { min: minimum.value, minExcluded: !minimum.inclusive } : {}),
    ...(maximum ? { max: maximum.value, maxExcluded: !maximum.inclusive } : {}),
  });
}

/** Whether an object member may be left out: optional, or filled in by a default. */
function mayBeAbsent(schema: unknown): boolean {
  const type = definitionOf(schema).type;
  return type === 'optional' || type === 'default' || type === 'prefault';
}

/**
 * Candidate values for a schema. Most are valid; those that miss a refinement are not, so
 * filter with {@link validValues} when only valid ones will do.
 */
export function candidateValues(schema: z.ZodType, overrides: Overrides = new Map(), depth = 0): fc.Arbitrary<unknown> {
  const definition = definitionOf(schema);
  const override = overrides.get(definition);
  if (override) return override;
  if (depth > 12) return fc.constant(null);
  const inner = (child: unknown) => candidateValues(child as z.ZodType, overrides, depth + 1);
  switch (definition.type) {
    case 'string':
      return stringValues(readChecks(definition));
    case 'number':
      return numberValues(readChecks(definition));
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'literal':
      return fc.constantFrom(...(definition['values'] as unknown[]));
    case 'enum':
      return fc.constantFrom(...Object.values(definition['entries'] as Record<string, unknown>));
    case 'optional':
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
      return inner(definition['innerType']);
    case 'nullable':
      return fc.option(inner(definition['innerType']), { nil: null, freq: 5 });
    case 'pipe':
      return inner(definition['in']);
    case 'lazy':
      return inner(definition['getter']());
    case 'object': {
      const shape = definition['shape'] as Record<string, unknown>;
      const members = Object.fromEntries(Object.entries(shape).map(([key, child]) => [key, inner(child)]));
      const requiredKeys = Object.keys(shape).filter((key) => !mayBeAbsent(shape[key]));
      return fc.record(members, { requiredKeys });
    }
    case 'array': {
      const checks = readChecks(definition);
      const minLength = checks.exactLength ?? checks.minLength ?? 0;
      const maxLength = Math.min(checks.exactLength ?? checks.maxLength ?? Infinity, minLength + 4);
      return fc.array(inner(definition['element']), { minLength, maxLength });
    }
    case 'tuple':
      return fc.tuple(...(definition['items'] as unknown[]).map(inner));
    case 'union':
      return fc.oneof(...(definition['options'] as unknown[]).map(inner));
    case 'record':
      return fc.dictionary(inner(definition['keyType']) as fc.Arbitrary<string>, inner(definition['valueType']), { maxKeys: 4, noNullPrototype: true });
    case 'unknown':
    case 'any':
    case 'custom':
      return fc.jsonValue({ maxDepth: 2 });
    default:
      throw new Error(`no generator for zod "${definition.type}" schemas: add an override for it`);
  }
}

/** Values the schema accepts: derived candidates, filtered by the schema itself. */
export function validValues(schema: z.ZodType, overrides: Overrides = new Map()): fc.Arbitrary<unknown> {
  return candidateValues(schema, overrides).filter((value) => schema.safeParse(value).success);
}
