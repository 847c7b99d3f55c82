// Single-item proofs (c2sp.org/tlog-proof@v1, SPEC.md R12): a proof made for an entry verifies
// and names that entry; any change to its bytes (a bit of a proof hash, of the extra data or
// of a checkpoint signature, another index, a line dropped or repeated, the text cut short)
// fails; parsing then writing gives the same text back; and nothing but TlogProofError, with a
// code of the closed list, is ever thrown.

import {
  base64Decode,
  base64Encode,
  canonicalJson,
  envelopeLeafHash,
  entryTlogProof,
  formatTlogProof,
  inclusionProof,
  parseTlogProof,
  TLOG_PROOF_ERROR_CODES,
  TlogProofError,
  verifyTlogProof,
} from '@fusion-cell/record';
import { nodeVerifier } from '@fusion-cell/record/node';
import fc from 'fast-check';
import { buildCell, cellPlans } from './bundle-builder.ts';
import { flipInSignatureLine } from './bundle-mutations.ts';
import { accepted, crash, describeThrown, invalidAccepted, refused, validRefused, type FuzzTarget, type Verdict } from './fuzz-target.ts';
import { flipBit } from './signing-keys.ts';
import { oddCharacter } from './text.ts';

export interface ProofCase {
  text: string;
  logKey: string;
  index: number;
  /** The entry's canonical JSON, the leaf data. */
  leaf: string;
}

/** Proofs of every entry of a few generated cells, made once (building signs everything). */
export async function buildProofPool(cells: number, seed = 7): Promise<ProofCase[]> {
  const cases: ProofCase[] = [];
  for (const plan of fc.sample(cellPlans, { numRuns: cells, seed })) {
    const built = await buildCell(plan);
    for (const compartment of built.bundle.compartments) {
      const entries = built.entries.get(compartment.id) ?? [];
      const leaves = entries.map(envelopeLeafHash);
      const checkpoint = compartment.checkpoints.at(-1)!;
      entries.forEach((entry, index) => {
        cases.push({ text: entryTlogProof(entry, index, inclusionProof(leaves, index, leaves.length), checkpoint), logKey: built.logKey, index, leaf: canonicalJson(entry) });
      });
    }
  }
  if (cases.length === 0) throw new Error('the generated cells hold no entries to prove');
  return cases;
}

export type ProofDamage = 'noise' | 'proof-hash-bit' | 'extra-bit' | 'index' | 'checkpoint-signature-bit' | 'line-dropped' | 'line-repeated' | 'cut-short' | 'character';

export type ProofInput =
  | { kind: 'valid'; proof: ProofCase }
  | { kind: 'damaged'; proof: ProofCase; damage: ProofDamage; text: string; mustFail: boolean };

interface Pick {
  damage: ProofDamage;
  line: number;
  bit: number;
  index: number;
  character: string;
}

function damaged(proof: ProofCase, pick: Pick): ProofInput {
  const lines = proof.text.split('\n');
  const blank = lines.indexOf('');
  // Lines: header, extra, index, proof hashes…, blank, checkpoint body (3), blank, signatures…, ''.
  const hashLines = lines.slice(3, blank).map((_, offset) => 3 + offset);
  const signatureLines = lines.map((line, position) => (position > blank + 4 && line.startsWith('— ') ? position : -1)).filter((position) => position >= 0);
  const result = (text: string, mustFail = true): ProofInput => ({ kind: 'damaged', proof, damage: pick.damage, text, mustFail: mustFail && text !== proof.text });
  const replaceLine = (position: number, line: string) => result([...lines.slice(0, position), line, ...lines.slice(position + 1)].join('\n'));
  switch (pick.damage) {
    case 'proof-hash-bit': {
      const position = hashLines[pick.line % Math.max(1, hashLines.length)];
      if (position === undefined) return replaceLine(2, `index ${proof.index + 1}`);
      return replaceLine(position, base64Encode(flipBit(base64Decode(lines[position]!), pick.bit)));
    }
    case 'extra-bit':
      return replaceLine(1, `extra ${base64Encode(flipBit(base64Decode(lines[1]!.slice('extra '.length)), pick.bit))}`);
    case 'index':
      return replaceLine(2, `index ${pick.index === proof.index ? pick.index + 1 : pick.index}`);
    case 'checkpoint-signature-bit': {
      const position = signatureLines[pick.line % signatureLines.length]!;
      return replaceLine(position, flipInSignatureLine(lines[position]!, pick.bit));
    }
    case 'line-dropped': {
      const position = pick.line % (lines.length - 1);
      return result([...lines.slice(0, position), ...lines.slice(position + 1)].join('\n'));
    }
    case 'line-repeated': {
      const position = pick.line % (lines.length - 1);
      // A note may repeat a signature line (the first counts): only the rest must fail.
      return result([...lines.slice(0, position + 1), ...lines.slice(position)].join('\n'), !signatureLines.includes(position));
    }
    case 'cut-short':
      return result(proof.text.slice(0, pick.line % proof.text.length));
    case 'noise':
      return result(`${lines[0]}\n`);
    case 'character': {
      const position = pick.line % proof.text.length;
      return result(`${proof.text.slice(0, position)}${pick.character}${proof.text.slice(position + 1)}`);
    }
  }
}

const picks: fc.Arbitrary<Pick> = fc.record({
  damage: fc.constantFrom<ProofDamage>('proof-hash-bit', 'extra-bit', 'index', 'checkpoint-signature-bit', 'line-dropped', 'line-repeated', 'cut-short', 'character'),
  line: fc.nat(),
  bit: fc.nat(),
  index: fc.oneof(fc.nat({ max: 40 }), fc.maxSafeNat()),
  character: oddCharacter,
});

/** Text that starts like a proof and goes on with anything: lines of odd text, blank lines, numbers. */
const noise: fc.Arbitrary<string> = fc
  .array(fc.oneof(fc.string({ unit: oddCharacter, maxLength: 60 }), fc.constantFrom('', 'extra ', 'index 0', 'index 01', `index ${2 ** 53}`, '— a b', 'AAAA')), { maxLength: 12 })
  .map((lines) => ['c2sp.org/tlog-proof@v1', ...lines].join('\n'));

const verifier = nodeVerifier();
const codes = new Set<string>(TLOG_PROOF_ERROR_CODES);

async function judgeProof(input: ProofInput): Promise<Verdict> {
  const text = input.kind === 'valid' ? input.proof.text : input.text;
  try {
    const parsed = parseTlogProof(text);
    if (formatTlogProof(parsed) !== text) return validRefused('writing a parsed proof does not give its text back');
  } catch (error) {
    if (!(error instanceof TlogProofError) || error.code !== 'proof_malformed') return crash(`parseTlogProof threw ${describeThrown(error)}`);
  }
  let result: Awaited<ReturnType<typeof verifyTlogProof>>;
  try {
    result = await verifyTlogProof(text, { logKey: input.proof.logKey, verifier });
  } catch (error) {
    if (!(error instanceof TlogProofError) || !codes.has(error.code)) return crash(`verifyTlogProof threw ${describeThrown(error)}`);
    return input.kind === 'valid' ? validRefused(`a sound proof failed: ${error.code}: ${error.message}`) : refused;
  }
  if (input.kind === 'damaged') {
    return input.mustFail ? invalidAccepted(`a proof with ${input.damage} verifies: ${JSON.stringify(text).slice(0, 300)}`) : accepted;
  }
  if (result.index !== input.proof.index) return validRefused(`verified for index ${result.index}, made for ${input.proof.index}`);
  if (!result.signedEnvelope || canonicalJson(result.signedEnvelope) !== input.proof.leaf) return validRefused('the verified proof does not give back its entry');
  return accepted;
}

/** Proof verification over sound proofs of the pool and damaged copies. */
export function tlogProofTarget(pool: readonly ProofCase[]): FuzzTarget<ProofInput> {
  const proof = fc.constantFrom(...pool);
  return {
    name: 'tlog-proofs (verify)',
    inputs: fc.oneof(
      { weight: 1, arbitrary: proof.map((value): ProofInput => ({ kind: 'valid', proof: value })) },
      { weight: 5, arbitrary: fc.tuple(proof, picks).map(([value, pick]) => damaged(value, pick)) },
      { weight: 1, arbitrary: fc.tuple(proof, noise).map(([value, text]): ProofInput => ({ kind: 'damaged', proof: value, damage: 'noise', text, mustFail: true })) },
    ),
    judge: judgeProof,
  };
}
