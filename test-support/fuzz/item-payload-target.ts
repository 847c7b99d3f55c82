// Item payloads of every registered type against their schemas: valid ones are accepted and
// come back unchanged through JSON, parsing twice changes nothing, and a payload with an
// unknown field, a value of the wrong JSON type or nesting where a field is expected is refused.

import { ITEM_TYPES, OPAQUE_MEMBER, type ItemTypeName } from '@fusion-cell/protocol';
import fc from 'fast-check';
import { accepted, crash, describeThrown, invalidAccepted, refused, validRefused, type FuzzTarget, type Verdict } from './fuzz-target.ts';
import { ITEM_TYPE_NAMES, candidatePayloads, validPayloads, type Payload } from './item-payloads.ts';
import { changedJson, mutationsOf, type Mutated, type MutationKind } from './json-mutations.ts';

export type PayloadInput =
  | { type: ItemTypeName; kind: 'valid'; value: Payload }
  | { type: ItemTypeName; kind: 'mutated'; mutated: Mutated<Payload> };

/** Mutations no payload schema may accept: every payload is a strict object of typed fields. */
const ALWAYS_REFUSED: ReadonlySet<MutationKind> = new Set(['add-unknown-field', 'retype', 'deep-nesting']);

export const payloadInputs: fc.Arbitrary<PayloadInput> = fc.constantFrom(...ITEM_TYPE_NAMES).chain((type) =>
  fc.oneof(
    validPayloads(type).map((value): PayloadInput => ({ type, kind: 'valid', value })),
    mutationsOf(fc.oneof(validPayloads(type), candidatePayloads(type))).map((mutated): PayloadInput => ({ type, kind: 'mutated', mutated })),
  ),
);

/** Whether a path lies inside a member the type keeps as given (`OPAQUE_MEMBER`): STIX objects kept from an import. */
function insideOpaqueMember(type: ItemTypeName, path: readonly (string | number)[]): boolean {
  const shape = (ITEM_TYPES[type].payload as unknown as { shape?: Record<string, { meta(): Record<string, unknown> | undefined }> }).shape;
  const [member] = path;
  return path.length > 1 && typeof member === 'string' && shape?.[member]?.meta()?.[OPAQUE_MEMBER] === true;
}

function parse(type: ItemTypeName, value: unknown) {
  return ITEM_TYPES[type].payload.safeParse(value);
}

function judgePayload(input: PayloadInput): Verdict {
  const value = input.kind === 'valid' ? input.value : input.mutated.value;
  let result: ReturnType<typeof parse>;
  try {
    result = parse(input.type, value);
  } catch (error) {
    return crash(`${input.type} payload schema threw ${describeThrown(error)}`);
  }
  if (input.kind === 'mutated') {
    const { mutation } = input.mutated;
    if (!result.success) return refused;
    if (ALWAYS_REFUSED.has(mutation.kind) && changedJson(input.mutated) && !insideOpaqueMember(input.type, mutation.path)) {
      return invalidAccepted(`${input.type} accepted a ${mutation.kind} at ${JSON.stringify(mutation.path)}: ${JSON.stringify(value).slice(0, 300)}`);
    }
  } else if (!result.success) {
    return validRefused(`${input.type} refused ${JSON.stringify(value)}: ${result.error.issues[0]?.message}`);
  }
  // What a schema accepts, it accepts again, after travelling as JSON too.
  const again = parse(input.type, result.data);
  const travelled = parse(input.type, JSON.parse(JSON.stringify(value)));
  if (!again.success || !travelled.success) return validRefused(`${input.type}: parsing again refused ${JSON.stringify(result.data)}`);
  // Parsed objects list their members in the schema's order, so their JSON texts compare.
  const text = JSON.stringify(result.data);
  if (JSON.stringify(again.data) !== text || JSON.stringify(travelled.data) !== text) {
    return validRefused(`${input.type}: parsing again changed ${JSON.stringify(result.data)}`);
  }
  return accepted;
}

export const itemPayloadTarget: FuzzTarget<PayloadInput> = { name: 'item payloads', inputs: payloadInputs, judge: judgePayload };
