// Envelopes as the record's schema defines them (SPEC.md R2), with payloads of registered item
// types or of any JSON, and their signatures (R3–R4).

import { base64UrlEncode, CELL_AUTHOR, LOG_DEVICE, type Envelope, type SignedEnvelope } from '@fusion-cell/record';
import fc from 'fast-check';
import { validItems } from './item-payloads.ts';
import { signAsEnvelope, type FuzzKey } from './signing-keys.ts';
import { legalCharacter } from './text.ts';

export const identifier: fc.Arbitrary<string> = fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/);

/** An item id: base64url of 32 bytes. */
export const itemIdText: fc.Arbitrary<string> = fc.uint8Array({ minLength: 32, maxLength: 32 }).map(base64UrlEncode);

/** RFC 3339 UTC with milliseconds, from year 0000 to 9999: the only spelling R2 accepts. */
export const utcMillis: fc.Arbitrary<string> = fc
  .date({ min: new Date('0000-01-01T00:00:00.000Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true })
  .map((date) => date.toISOString());

/** Any plain JSON object with legal text: a payload of a type the record does not know. */
export const jsonObject: fc.Arbitrary<Record<string, unknown>> = fc.dictionary(
  fc.string({ unit: legalCharacter, maxLength: 12 }),
  fc.jsonValue({ maxDepth: 3, stringUnit: legalCharacter }),
  { maxKeys: 5, noNullPrototype: true },
);

const unregisteredItem = fc.record({
  type: fc.stringMatching(/^[a-z][a-z0-9]{0,8}(?:[._-][a-z0-9]{1,8}){0,3}$/),
  track: fc.stringMatching(/^[a-z][a-z0-9-]{0,31}$/),
  payload: jsonObject,
});

const authorAndDevice = fc.oneof(
  { weight: 5, arbitrary: fc.record({ author: identifier, device: identifier }) },
  { weight: 1, arbitrary: fc.constant({ author: CELL_AUTHOR, device: LOG_DEVICE }) },
);

/** Envelopes the record's schema accepts. */
export const validEnvelopes: fc.Arbitrary<Envelope> = fc
  .record({
    cell: identifier,
    compartment: identifier,
    item: fc.oneof({ weight: 3, arbitrary: validItems }, { weight: 1, arbitrary: unregisteredItem }),
    references: fc.uniqueArray(itemIdText, { maxLength: 4 }),
    signer: authorAndDevice,
    authoredAt: utcMillis,
  })
  .map(({ cell, compartment, item, references, signer, authoredAt }) => ({
    cell,
    compartment,
    type: item.type,
    track: item.track,
    payload: item.payload as Envelope['payload'],
    references,
    author: signer.author,
    device: signer.device,
    authoredAt,
  }));

/** An envelope with its signature by `key`. */
export function signed(envelope: Envelope, key: FuzzKey): SignedEnvelope {
  return { envelope, signature: signAsEnvelope(envelope, key)! };
}
