// Signed envelopes against the record's schema and signature checks (SPEC.md R2–R5, R23):
// a valid one parses to exactly what was signed (same canonical JSON, same leaf data, a
// signature that verifies); a flipped signature bit or a changed envelope never verifies; a
// re-signed change that still parses verifies; the bundle verifier's own envelope check
// agrees with the schema; nothing but the record's own errors is ever thrown.

import {
  base64UrlDecode,
  base64UrlEncode,
  canonicalJson,
  EnvelopeError,
  itemId,
  leafData,
  SignedEnvelope,
  utf8Encode,
  verifyEnvelopeSignature,
} from '@fusion-cell/record';
import { nodeVerifier } from '@fusion-cell/record/node';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { parseEntryEnvelope } from '../../packages/record/src/verify/parse-entry.ts';
import { signed, validEnvelopes } from './envelopes.ts';
import { accepted, crash, describeThrown, invalidAccepted, refused, validRefused, type FuzzTarget, type Verdict } from './fuzz-target.ts';
import { mutationsOf, type Mutated } from './json-mutations.ts';
import { flipBit, fuzzKey, signAsEnvelope } from './signing-keys.ts';

const author = fuzzKey('envelope author');
const verifier = nodeVerifier();

export type EnvelopeInput =
  | { kind: 'valid'; value: SignedEnvelope }
  | { kind: 'flipped-signature'; value: unknown; original: SignedEnvelope }
  /** Changed after signing: the signature no longer covers it. */
  | { kind: 'mutated'; mutated: Mutated<SignedEnvelope> }
  /** Changed, then signed again: whatever still parses must verify. */
  | { kind: 'mutated-resigned'; value: unknown };

const validSigned = validEnvelopes.map((envelope) => signed(envelope, author));

export const envelopeInputs: fc.Arbitrary<EnvelopeInput> = fc.oneof(
  { weight: 2, arbitrary: validSigned.map((value): EnvelopeInput => ({ kind: 'valid', value })) },
  {
    weight: 1,
    arbitrary: fc.tuple(validSigned, fc.nat()).map(([original, bit]): EnvelopeInput => ({
      kind: 'flipped-signature',
      original,
      value: { ...original, signature: base64UrlEncode(flipBit(base64UrlDecode(original.signature), bit)) },
    })),
  },
  { weight: 3, arbitrary: mutationsOf(validSigned).map((mutated): EnvelopeInput => ({ kind: 'mutated', mutated })) },
  {
    weight: 2,
    arbitrary: mutationsOf(validEnvelopes).map((mutated): EnvelopeInput => {
      const signature = signAsEnvelope(mutated.value, author) ?? signed(mutated.original, author).signature;
      return { kind: 'mutated-resigned', value: { envelope: mutated.value, signature } };
    }),
  },
);

function valueOf(input: EnvelopeInput): unknown {
  return input.kind === 'mutated' ? input.mutated.value : input.value;
}

function canonicalOrUndefined(value: unknown): string | undefined {
  try {
    return canonicalJson(value);
  } catch {
    return undefined;
  }
}

function describeCanonicalProblem(value: unknown): string {
  try {
    canonicalJson(value);
    return 'none';
  } catch (error) {
    return describeThrown(error).slice(0, 200);
  }
}

/** The record's functions that take a signed envelope throw only EnvelopeError for one it refuses. */
function refusesCleanly(value: unknown): Verdict | undefined {
  try {
    leafData(value as SignedEnvelope);
    return invalidAccepted(`leafData took an envelope the schema refuses: ${JSON.stringify(value).slice(0, 300)}`);
  } catch (error) {
    return error instanceof EnvelopeError ? undefined : crash(`leafData threw ${describeThrown(error)}`);
  }
}

async function judgeEnvelope(input: EnvelopeInput): Promise<Verdict> {
  const value = valueOf(input);
  let result: ReturnType<typeof SignedEnvelope.safeParse>;
  try {
    result = SignedEnvelope.safeParse(value);
  } catch (error) {
    return crash(`SignedEnvelope threw ${describeThrown(error)}`);
  }
  const entry = parseEntryEnvelope(value);
  if (entry.ok !== result.success) {
    const detail = `schema ${result.success ? 'accepts' : 'refuses'} but the bundle verifier ${entry.ok ? 'accepts' : 'refuses'}: ${JSON.stringify(value).slice(0, 300)}`;
    return entry.ok ? invalidAccepted(detail) : validRefused(detail);
  }
  if (!result.success) {
    if (input.kind === 'valid') return validRefused(`refused ${JSON.stringify(value).slice(0, 300)}: ${result.error.issues[0]?.message}`);
    return refusesCleanly(value) ?? refused;
  }
  const parsed = result.data;
  const verifies = await verifyEnvelopeSignature(parsed, author.publicKey, verifier);
  // [R1, R4] The leaf is the canonical JSON of the signed envelope: an accepted one must have it.
  const canonical = canonicalOrUndefined(parsed);
  if (canonical === undefined) return invalidAccepted(`accepted a signed envelope that has no canonical JSON (R1): ${describeCanonicalProblem(parsed)}`);
  // What parses is exactly what was sent: same canonical JSON, hence same leaf and item id.
  if (canonical !== canonicalOrUndefined(value)) return validRefused(`parsing changed the envelope: ${canonical.slice(0, 300)}`);
  const leaf = leafData(parsed);
  if (Buffer.compare(Buffer.from(leaf), Buffer.from(utf8Encode(canonical))) !== 0) return validRefused('leaf data is not the canonical JSON');
  const expectedId = base64UrlEncode(createHash('sha256').update(Buffer.from([0])).update(leaf).digest());
  if (itemId(parsed) !== expectedId) return validRefused('item id is not the leaf hash');
  const reparsed = SignedEnvelope.safeParse(JSON.parse(canonical));
  if (!reparsed.success || canonicalJson(reparsed.data) !== canonical) return validRefused('the canonical JSON does not parse back to itself');

  switch (input.kind) {
    case 'valid':
    case 'mutated-resigned':
      return verifies ? accepted : validRefused(`a signature over the envelope does not verify: ${canonical.slice(0, 300)}`);
    case 'flipped-signature':
      return verifies ? invalidAccepted(`a flipped signature verifies: ${input.original.signature} → ${parsed.signature}`) : refused;
    case 'mutated': {
      const changed = canonical !== canonicalJson(input.mutated.original);
      if (changed && verifies) return invalidAccepted(`a ${input.mutated.mutation.kind} at ${JSON.stringify(input.mutated.mutation.path)} still verifies`);
      return changed ? refused : accepted;
    }
  }
}

export const signedEnvelopeTarget: FuzzTarget<EnvelopeInput> = { name: 'signed envelopes', inputs: envelopeInputs, judge: judgeEnvelope };
