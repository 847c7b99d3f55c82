import { describe, expect, it } from 'vitest';
import {
  base64UrlDecode,
  canonicalEnvelopeJson,
  canonicalJson,
  Envelope,
  EnvelopeError,
  envelopeLeafHash,
  hexEncode,
  itemId,
  leafData,
  leafHash,
  SignedEnvelope,
  signEnvelope,
  signingInput,
  utf8Decode,
  utf8Encode,
  verifyEnvelopeSignature,
  type Envelope as EnvelopeType,
} from '../src/index.ts';
import { keyPairFromSeed, nodeSigner, nodeVerifier } from '../src/node/index.ts';

const pair = keyPairFromSeed(new Uint8Array(32).fill(7));
const signer = nodeSigner(pair.seed);
const verifier = nodeVerifier();

const envelope: EnvelopeType = {
  cell: 'paris',
  compartment: 'plenary',
  type: 'activity.notice',
  track: 'deescalation',
  payload: { kind: 'exercise', area: { type: 'Polygon', coordinates: [[[35.1, 33.2], [35.2, 33.2], [35.1, 33.3], [35.1, 33.2]]] }, note: 'تمرين — תרגיל' },
  references: ['47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU'],
  author: 'sy-head',
  device: 'dev-1',
  authoredAt: '2026-01-06T10:00:00.000Z',
};

describe('item envelope', () => {
  it('[R3] signs UTF-8 of "fusion-cell/envelope@1\\n" + canonical JSON of the envelope', () => {
    const text = utf8Decode(signingInput(envelope));
    expect(text).toBe(`fusion-cell/envelope@1\n${canonicalJson(envelope)}`);
    expect(canonicalEnvelopeJson(envelope)).toBe(canonicalJson(envelope));
  });

  it('[R3] verifies its signature, and any change breaks it', async () => {
    const signed = await signEnvelope(envelope, signer);
    expect(base64UrlDecode(signed.signature)).toHaveLength(64);
    expect(await verifyEnvelopeSignature(signed, pair.publicKey, verifier)).toBe(true);
    const changed = { ...signed, envelope: { ...signed.envelope, authoredAt: '2026-01-06T10:00:00.001Z' } };
    expect(await verifyEnvelopeSignature(changed, pair.publicKey, verifier)).toBe(false);
    const other = keyPairFromSeed(new Uint8Array(32).fill(8));
    expect(await verifyEnvelopeSignature(signed, other.publicKey, verifier)).toBe(false);
  });

  it('[R4] leaf data is the canonical JSON of the signed envelope', async () => {
    const signed = await signEnvelope(envelope, signer);
    const data = leafData(signed);
    expect(utf8Decode(data)).toBe(canonicalJson(signed));
    expect(SignedEnvelope.parse(JSON.parse(utf8Decode(data)))).toEqual(signed);
  });

  it('[R5] the item id is base64url of SHA-256(0x00 || leaf data)', async () => {
    const signed = await signEnvelope(envelope, signer);
    const hash = envelopeLeafHash(signed);
    expect(hexEncode(hash)).toBe(hexEncode(leafHash(leafData(signed))));
    expect(itemId(signed)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(base64UrlDecode(itemId(signed))).toEqual(hash);
  });

  it('[R2] rejects unknown fields, bad identifiers and bad times', () => {
    expect(Envelope.safeParse(envelope).success).toBe(true);
    const bad: unknown[] = [
      { ...envelope, extra: 1 },
      { ...envelope, cell: 'paris cell' },
      { ...envelope, type: 'Intel Report' },
      { ...envelope, authoredAt: '2026-01-06T10:00:00Z' },
      { ...envelope, authoredAt: '2026-01-06T12:00:00.000+02:00' },
      { ...envelope, authoredAt: '2026-02-30T10:00:00.000Z' },
      { ...envelope, references: ['not-an-id'] },
      { ...envelope, references: [envelope.references[0], envelope.references[0]] },
      { ...envelope, payload: [] },
      { ...envelope, payload: { when: new Date(0) } },
      { ...envelope, payload: { n: NaN } },
      { ...envelope, author: '@cell' },
      { ...envelope, device: '@log' },
    ];
    for (const value of bad) expect(Envelope.safeParse(value).success, JSON.stringify(value)).toBe(false);
    expect(Envelope.safeParse({ ...envelope, author: '@cell', device: '@log' }).success).toBe(true);
  });

  it('[R2] limits the payload to 64 KiB of canonical JSON', () => {
    const fits = { ...envelope, payload: { body: 'x'.repeat(65_536 - 11) } };
    expect(utf8Encode(canonicalJson(fits.payload))).toHaveLength(65_536);
    expect(Envelope.safeParse(fits).success).toBe(true);
    const over = { ...envelope, payload: { body: 'é'.repeat(32_764) } };
    expect(Envelope.safeParse(over).success).toBe(false);
  });

  it('[R2] refuses to sign an invalid envelope', async () => {
    await expect(signEnvelope({ ...envelope, track: '' }, signer)).rejects.toThrow(EnvelopeError);
    expect(() => signingInput({ ...envelope, payload: { x: undefined } as never })).toThrow(EnvelopeError);
  });

  it('[R4] the hand-built canonical form equals the general one for random payloads', () => {
    for (let i = 0; i < 200; i++) {
      const payload = randomObject(3);
      const value = { ...envelope, payload, references: i % 2 ? [] : envelope.references };
      expect(canonicalEnvelopeJson(value)).toBe(canonicalJson(value));
    }
  });
});

function randomValue(depth: number): unknown {
  const pick = Math.floor(Math.random() * (depth > 0 ? 7 : 5));
  switch (pick) {
    case 0:
      return null;
    case 1:
      return Math.random() < 0.5;
    case 2:
      return (Math.random() - 0.5) * 10 ** Math.floor(Math.random() * 40 - 20);
    case 3:
      return String.fromCodePoint(...Array.from({ length: 5 }, () => 32 + Math.floor(Math.random() * 0x2fff)));
    case 4:
      return '\n\t"\\\u0001€😀';
    case 5:
      return Array.from({ length: 3 }, () => randomValue(depth - 1));
    default:
      return randomObject(depth - 1);
  }
}

function randomObject(depth: number): Record<string, never> {
  const object: Record<string, unknown> = {};
  for (let i = 0; i < 4; i++) object[String.fromCodePoint(33 + Math.floor(Math.random() * 0x3000))] = randomValue(depth);
  return object as Record<string, never>;
}
