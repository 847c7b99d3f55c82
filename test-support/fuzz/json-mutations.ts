// Mutations of a valid JSON value: one node changed, removed, retyped, given an unknown
// sibling, filled with odd text or numbers, nested too deep, truncated. Each mutation says
// what it did and where, so a property can tell which must be refused.

import fc from 'fast-check';
import { deepNesting, jsonKind, oddJsonValue, oddKey, oddNumber, VALUES_OF_EACH_KIND } from './odd-values.ts';
import { oddText, unsafeText } from './text.ts';

export type JsonPath = ReadonlyArray<string | number>;

export const MUTATION_KINDS = [
  'replace',
  'remove',
  'add-unknown-field',
  'retype',
  'unsafe-text',
  'odd-text',
  'odd-number',
  'deep-nesting',
  'truncate',
  'duplicate-element',
] as const;
export type MutationKind = (typeof MUTATION_KINDS)[number];

export interface JsonMutation {
  kind: MutationKind;
  /** The node changed: for `add-unknown-field`, the object that got the field. */
  path: JsonPath;
  /** The value before, when the node existed. */
  before?: unknown;
}

export interface Mutated<T> {
  original: T;
  value: unknown;
  mutation: JsonMutation;
}

/** Every node of a JSON value, root first, as paths. */
export function jsonPaths(value: unknown, path: JsonPath = [], into: JsonPath[] = []): JsonPath[] {
  into.push(path);
  if (into.length > 5000) return into; // enough targets; a deeper walk only costs time
  if (Array.isArray(value)) value.forEach((item, index) => jsonPaths(item, [...path, index], into));
  else if (value !== null && typeof value === 'object') for (const [key, item] of Object.entries(value)) jsonPaths(item, [...path, key], into);
  return into;
}

export function valueAt(value: unknown, path: JsonPath): unknown {
  let node = value;
  for (const part of path) node = (node as Record<string | number, unknown>)[part];
  return node;
}

/** A copy of `value` with the node at `path` replaced by `replacement` (removed when `remove`). */
export function withNode(value: unknown, path: JsonPath, replacement: unknown, remove = false): unknown {
  if (path.length === 0) return replacement;
  const copy = structuredClone(value);
  const parent = valueAt(copy, path.slice(0, -1)) as Record<string | number, unknown> | unknown[];
  const last = path[path.length - 1]!;
  if (Array.isArray(parent) && typeof last === 'number') {
    if (remove) parent.splice(last, 1);
    else parent[last] = replacement;
  } else if (remove) {
    delete (parent as Record<string, unknown>)[last as string];
  } else {
    // defineProperty, so a key such as "__proto__" becomes a member, as JSON.parse makes it.
    Object.defineProperty(parent, last, { value: replacement, enumerable: true, writable: true, configurable: true });
  }
  return copy;
}

function truncated(node: unknown, keep: number): unknown {
  if (typeof node === 'string') return node.slice(0, Math.min(keep, Math.max(0, node.length - 1)));
  if (Array.isArray(node)) return node.slice(0, Math.min(keep, Math.max(0, node.length - 1)));
  if (typeof node === 'number') return Math.trunc(node / 10);
  if (node !== null && typeof node === 'object') return Object.fromEntries(Object.entries(node).slice(0, keep));
  return node;
}

interface Choice {
  kind: MutationKind;
  target: number;
  replacement: unknown;
  key: string;
  otherKind: number;
  text: string;
  unsafe: string;
  number: number;
  nesting: unknown;
  keep: number;
}

function apply<T>(original: T, choice: Choice): Mutated<T> {
  const paths = jsonPaths(original);
  const path = paths[choice.target % paths.length]!;
  const before = valueAt(original, path);
  const mutated = (value: unknown, kind: MutationKind = choice.kind, at: JsonPath = path): Mutated<T> => ({ original, value, mutation: { kind, path: at, before } });
  switch (choice.kind) {
    case 'replace':
      return mutated(withNode(original, path, choice.replacement));
    case 'remove':
      return mutated(path.length === 0 ? undefined : withNode(original, path, undefined, true));
    case 'add-unknown-field': {
      const objectPaths = paths.filter((candidate) => jsonKind(valueAt(original, candidate)) === 'object');
      const at = objectPaths[choice.target % Math.max(1, objectPaths.length)];
      if (!at) return mutated(withNode(original, path, choice.replacement), 'replace');
      const object = valueAt(original, at) as Record<string, unknown>;
      // An unknown field, never one the object has: adding a known one is a replacement.
      const key = Object.hasOwn(object, choice.key) ? `${choice.key}\u2060unknown` : choice.key;
      return { original, value: withNode(original, [...at, key], choice.replacement), mutation: { kind: 'add-unknown-field', path: at } };
    }
    case 'retype': {
      const others = VALUES_OF_EACH_KIND.filter((candidate) => jsonKind(candidate) !== jsonKind(before));
      return mutated(withNode(original, path, others[choice.otherKind % others.length]));
    }
    case 'unsafe-text':
      return mutated(withNode(original, path, typeof before === 'string' ? `${before}${choice.unsafe}` : choice.unsafe));
    case 'odd-text':
      return mutated(withNode(original, path, choice.text));
    case 'odd-number':
      return mutated(withNode(original, path, choice.number));
    case 'deep-nesting':
      return mutated(withNode(original, path, choice.nesting));
    case 'truncate':
      return mutated(withNode(original, path, truncated(before, choice.keep)));
    case 'duplicate-element': {
      if (!Array.isArray(before) || before.length === 0) return mutated(withNode(original, path, [before, before]), 'replace');
      return mutated(withNode(original, path, [...before, before[choice.keep % before.length]]));
    }
  }
}

/** Mutations of values drawn from `valid`, of the given kinds (all by default). */
export function mutationsOf<T>(valid: fc.Arbitrary<T>, kinds: readonly MutationKind[] = MUTATION_KINDS): fc.Arbitrary<Mutated<T>> {
  const choice: fc.Arbitrary<Choice> = fc.record({
    kind: fc.constantFrom(...kinds),
    target: fc.nat(),
    replacement: oddJsonValue,
    key: oddKey,
    otherKind: fc.nat(),
    text: oddText(),
    unsafe: unsafeText,
    number: oddNumber,
    nesting: deepNesting,
    keep: fc.nat({ max: 64 }),
  });
  return fc.tuple(valid, choice).map(([original, picked]) => apply(original, picked));
}

/** Whether the mutation changed the value's JSON text (a replacement can happen to be equal). */
export function changedJson(mutated: Mutated<unknown>): boolean {
  try {
    return JSON.stringify(mutated.value) !== JSON.stringify(mutated.original);
  } catch {
    return true;
  }
}
