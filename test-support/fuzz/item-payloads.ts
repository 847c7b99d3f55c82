// Payloads of every registered item type, derived from the registry: a type added to
// ITEM_TYPES is generated and fuzzed without touching this file.

import { ITEM_TYPES, type ItemTypeName } from '@fusion-cell/protocol';
import fc from 'fast-check';
import { PROTOCOL_OVERRIDES } from './protocol-overrides.ts';
import { candidateValues, validValues } from './zod-arbitrary.ts';

export const ITEM_TYPE_NAMES = Object.keys(ITEM_TYPES) as ItemTypeName[];

export type Payload = Record<string, unknown>;

/** Candidate payloads of a type: mostly valid, some missing a refinement. */
export function candidatePayloads(type: ItemTypeName): fc.Arbitrary<Payload> {
  return candidateValues(ITEM_TYPES[type].payload, PROTOCOL_OVERRIDES) as fc.Arbitrary<Payload>;
}

/** Payloads its type's schema accepts. */
export function validPayloads(type: ItemTypeName): fc.Arbitrary<Payload> {
  return validValues(ITEM_TYPES[type].payload, PROTOCOL_OVERRIDES) as fc.Arbitrary<Payload>;
}

export interface GeneratedItem {
  type: ItemTypeName;
  track: string;
  payload: Payload;
}

/** An item of any registered type, on one of its tracks, with a payload its schema accepts. */
export const validItems: fc.Arbitrary<GeneratedItem> = fc.constantFrom(...ITEM_TYPE_NAMES).chain((type) =>
  fc.record({
    type: fc.constant(type),
    track: fc.constantFrom(...(ITEM_TYPES[type].tracks as readonly string[])),
    payload: validPayloads(type),
  }),
);
