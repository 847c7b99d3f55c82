import { ITEM_TYPE_LIST, ReleaseOpening, type ItemType } from '@fusion-cell/protocol';
import { Envelope, SignedEnvelope } from '@fusion-cell/record';
import { z } from 'zod';

type Versioned = Pick<ItemType, 'type' | 'version'>;

/** The component that holds a type's payload schema at its current version: `ItemPayload.message.v1`. */
export function payloadSchemaName(type: Versioned): string {
  return `ItemPayload.${type.type}.v${type.version}`;
}

/** The component that pairs a type with its payload: `ItemEnvelope.message`. */
export function envelopeSchemaName(type: Pick<ItemType, 'type'>): string {
  return `ItemEnvelope.${type.type}`;
}

const reference = (name: string) => `#/components/schemas/${name}`;

/**
 * Every registered type's payload schema, and for each type the envelope members that go
 * together (its `type`, its payload), as OpenAPI components. Generated from the registry, so a
 * type added there is described here without a word of this file changing.
 */
function itemTypeSchemas(): Record<string, unknown> {
  const payloads = new z.core.$ZodRegistry<{ id: string }>();
  for (const type of ITEM_TYPE_LIST) payloads.add(type.payload, { id: payloadSchemaName(type) });
  // Payloads are what clients send: their input form (a field with a default may be left out).
  const generated = z.toJSONSchema(payloads, { io: 'input', target: 'draft-2020-12', unrepresentable: 'any', uri: reference }).schemas;
  const schemas: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(generated)) {
    const { $id: _id, $schema: _dialect, ...body } = schema;
    schemas[name] = body;
  }
  for (const type of ITEM_TYPE_LIST) {
    schemas[envelopeSchemaName(type)] = {
      type: 'object',
      description: `The members of an envelope of a ${type.type} item that depend on its type: its payload is ${payloadSchemaName(type)}.`,
      properties: { type: { const: type.type }, payload: { $ref: reference(payloadSchemaName(type)) } },
      required: ['type', 'payload'],
    };
  }
  return schemas;
}

/** The generated document with the item types' schemas among its components. */
export function withItemTypeSchemas<Document extends object>(document: Document): Document {
  const { components } = document as { components?: { schemas?: Record<string, unknown> } };
  return { ...document, components: { ...components, schemas: { ...components?.schemas, ...itemTypeSchemas() } } };
}

/**
 * A submitted item as the server validates it (`SignedEnvelope`: the payload's own checks
 * come after the device and the signature), described with the payload each `type` takes.
 */
export const SubmittedItem = z.strictObject({
  envelope: Envelope.meta({
    description: `The payload depends on \`type\`: ${ITEM_TYPE_LIST.map((type) => `${type.type} → ${payloadSchemaName(type)}`).join(', ')}. A payload of an older version of its type says so in \`v\` and is migrated before it is checked (record SPEC R40).`,
    oneOf: ITEM_TYPE_LIST.map((type) => ({ $ref: reference(envelopeSchemaName(type)) })),
    discriminator: { propertyName: 'type', mapping: Object.fromEntries(ITEM_TYPE_LIST.map((type) => [type.type, reference(envelopeSchemaName(type))])) },
  }),
  signature: SignedEnvelope.shape.signature,
  /** Beside the envelope, never in it: an intel.release's opening, checked and kept in its original's compartment (record SPEC R44). */
  release: ReleaseOpening.optional().describe('only with an intel.release: the original and the nonce that open its commitment'),
});
