import { z } from 'zod';
import { assertJsonValue, canonicalJson, isPlainObject, type JsonObject } from './canonical-json.ts';
import { utf8ByteLength } from './bytes.ts';
import { Identifier, ItemId, SignatureText, UtcMillis } from './schema-parts.ts';

/** Author and device of entries the cell itself signs with its log key (e.g. escalations). */
export const CELL_AUTHOR = '@cell';
export const LOG_DEVICE = '@log';

export const MAX_PAYLOAD_BYTES = 64 * 1024;
export const MAX_REFERENCES = 100;
/** How deep the payload sits in a signed envelope: `{ envelope: { payload } }`. */
export const PAYLOAD_DEPTH = 2;

/** Item types: dotted lower-case words, e.g. `intel.report`, `activity.notice`. */
export const ItemType = z
  .string()
  .max(64)
  .regex(/^[a-z][a-z0-9]*(?:[._-][a-z0-9]+)*$/, 'must be lower-case words joined by ".", "_" or "-"');

/** Track names: one lower-case word, e.g. `intelligence`, `deescalation`. */
export const TrackName = z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, 'must be a lower-case track name');

/** Payload error message, or undefined if the payload is plain JSON within the size limit. */
export function payloadProblem(payload: unknown): string | undefined {
  if (!isPlainObject(payload)) return 'payload must be a plain JSON object';
  let text: string;
  try {
    // The payload is two levels down in the signed envelope, whose canonical JSON is the
    // leaf (R4): its nesting counts from there, or an accepted item would have no leaf.
    assertJsonValue(payload, '$.envelope.payload', PAYLOAD_DEPTH);
    text = canonicalJson(payload);
  } catch (error) {
    return (error as Error).message;
  }
  const size = utf8ByteLength(text);
  return size > MAX_PAYLOAD_BYTES ? `payload is ${size} bytes of canonical JSON, over ${MAX_PAYLOAD_BYTES}` : undefined;
}

function envelopeObject<P extends z.ZodType<JsonObject>>(payload: P) {
  return z
    .strictObject({
      cell: Identifier,
      compartment: Identifier,
      type: ItemType,
      track: TrackName,
      payload,
      references: z
        .array(ItemId)
        .max(MAX_REFERENCES)
        .refine((ids) => new Set(ids).size === ids.length, 'references must not repeat'),
      author: z.union([Identifier, z.literal(CELL_AUTHOR)]),
      device: z.union([Identifier, z.literal(LOG_DEVICE)]),
      authoredAt: UtcMillis,
    })
    .refine((envelope) => (envelope.author === CELL_AUTHOR) === (envelope.device === LOG_DEVICE), {
      message: `author "${CELL_AUTHOR}" goes with device "${LOG_DEVICE}" and only with it`,
      path: ['device'],
    });
}

const plainPayload = z.custom<JsonObject>(isPlainObject, 'payload must be a plain JSON object');

/** The envelope of an item (strict: unknown fields are rejected; payload ≤ 64 KiB canonical JSON). */
export const Envelope = envelopeObject(
  plainPayload.superRefine((payload, context) => {
    const problem = payloadProblem(payload);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  }),
);
export type Envelope = z.infer<typeof Envelope>;

/** An envelope and its author's Ed25519 signature over {@link signingInput}. */
export const SignedEnvelope = z.strictObject({ envelope: Envelope, signature: SignatureText });
export type SignedEnvelope = z.infer<typeof SignedEnvelope>;

/**
 * The same shape without canonicalising the payload, for the bundle verifier, which
 * canonicalises every payload exactly once itself and checks its size then.
 */
export const SignedEnvelopeShape = z.strictObject({ envelope: envelopeObject(plainPayload), signature: SignatureText });
