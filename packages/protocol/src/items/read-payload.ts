import type { ItemType } from './item-type.ts';
import { itemTypeDefinition } from './registry.ts';

/** The payload as this version of the type reads it, or where and why it cannot be read. */
export type PayloadReading =
  | { ok: true; payload: Record<string, unknown>; /** the version it was written at */ version: number }
  | { ok: false; path: PropertyKey[]; message: string };

/** The payload member that says its version (record SPEC.md R40); no type names a field so. */
export const PAYLOAD_VERSION_FIELD = 'v';

const refused = (path: PropertyKey[], message: string): PayloadReading => ({ ok: false, path, message });

/**
 * [R40] Reads a payload of a type as this version of the type knows it: the version it says in
 * `v` (absent means 1) is not newer than the type's, the type's migrations take it forward one
 * version at a time, and the current schema parses the result. Only the returned copy is
 * migrated: what was signed stays as it was. A type is given by name (looked up in the
 * registry) or by its declaration.
 */
export function readPayload(type: ItemType | string, payload: unknown): PayloadReading {
  const definition = typeof type === 'string' ? itemTypeDefinition(type) : type;
  if (!definition) return refused([], `there is no item type "${String(type)}"`);
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return refused([], 'the payload must be a JSON object');
  const { [PAYLOAD_VERSION_FIELD]: written, ...fields } = payload as Record<string, unknown>;
  const version = written ?? 1;
  // Version 1 has one spelling, without `v`, so a payload's bytes say its version one way only.
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1 || (written !== undefined && version === 1)) {
    return refused([PAYLOAD_VERSION_FIELD], 'the payload version is a whole number from 2, left out at version 1');
  }
  if (version > definition.version) {
    return refused([PAYLOAD_VERSION_FIELD], `version ${version} is newer than the ${definition.type} items known here (version ${definition.version})`);
  }
  let current = fields;
  for (let from = version; from < definition.version; from += 1) {
    const migrate = definition.migrations?.[from];
    if (!migrate) return refused([PAYLOAD_VERSION_FIELD], `${definition.type} has no migration from version ${from}`);
    current = migrate(current);
  }
  const parsed = definition.payload.safeParse(current);
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    return refused(issue?.path ?? [], issue?.message ?? 'invalid payload');
  }
  return { ok: true, payload: parsed.data as Record<string, unknown>, version };
}
