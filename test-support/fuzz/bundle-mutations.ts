// Ways to damage a valid bundle: a bit flipped in any signature or hash, signed content
// changed, entries dropped, repeated or swapped, and generic JSON mutations anywhere. Each
// says whether verification must fail: only changes to material the log or a device signed
// must; leaving out a checkpoint, a cosignature or a compartment, for instance, need not.

import { base64Decode, base64Encode, type Bundle } from '@fusion-cell/record';
import fc from 'fast-check';
import { changedJson, mutationsOf, type JsonPath, type Mutated, type MutationKind } from './json-mutations.ts';
import { flipBit } from './signing-keys.ts';

export type BundleDamage =
  | 'entry-signature-bit'
  | 'checkpoint-signature-bit'
  | 'checkpoint-body'
  | 'cosignature-bit'
  | 'attestation-signature-bit'
  | 'log-key-bit'
  | 'entry-dropped'
  | 'entry-repeated'
  | 'entries-swapped'
  | 'json';

export interface DamagedBundle {
  damage: BundleDamage;
  value: unknown;
  mustFail: boolean;
  /** For JSON mutations: what changed where. */
  mutation?: Mutated<Bundle>['mutation'];
}

type Json = Record<string, any>;

/** A signature line `— name base64` with one bit flipped in its bytes (key ID, timestamp or signature). */
export function flipInSignatureLine(line: string, bit: number): string {
  const space = line.lastIndexOf(' ');
  const bytes = base64Decode(line.slice(space + 1));
  return `${line.slice(0, space + 1)}${base64Encode(flipBit(bytes, bit))}`;
}

function flipInBase64Url(text: string, bit: number): string {
  const bytes = Buffer.from(text, 'base64url');
  return Buffer.from(flipBit(new Uint8Array(bytes), bit)).toString('base64url');
}

interface Pick {
  compartment: number;
  element: number;
  other: number;
  bit: number;
  line: number;
}

const picks: fc.Arbitrary<Pick> = fc.record({ compartment: fc.nat(), element: fc.nat(), other: fc.nat(), bit: fc.nat(), line: fc.nat() });

/** A targeted damage, or undefined when the bundle has nothing of that kind to damage. */
function damage(bundle: Bundle, kind: Exclude<BundleDamage, 'json'>, pick: Pick): DamagedBundle | undefined {
  const copy = structuredClone(bundle) as Json;
  const compartments = copy['compartments'] as Json[];
  const compartment = compartments[pick.compartment % compartments.length]!;
  const nth = <T>(list: T[]): T | undefined => list[pick.element % Math.max(1, list.length)];
  const done = (): DamagedBundle => ({ damage: kind, value: copy, mustFail: true });
  switch (kind) {
    case 'entry-signature-bit': {
      const entry = nth(compartment['entries'] as Json[]);
      if (!entry) return undefined;
      entry['signedEnvelope'].signature = flipInBase64Url(entry['signedEnvelope'].signature, pick.bit);
      return done();
    }
    case 'checkpoint-signature-bit':
    case 'checkpoint-body': {
      const notes = compartment['checkpoints'] as string[];
      const position = pick.element % notes.length;
      const lines = notes[position]!.split('\n');
      if (kind === 'checkpoint-body') {
        // Line 1 is the size, line 2 the root: change one of them.
        const which = 1 + (pick.line % 2);
        lines[which] = which === 1 ? String(Number(lines[1]) + 1 + (pick.bit % 3)) : base64Encode(flipBit(base64Decode(lines[2]!), pick.bit));
      } else {
        // The signature lines follow the blank line after the three body lines.
        const which = 4 + (pick.line % 2);
        lines[which] = flipInSignatureLine(lines[which]!, pick.bit);
      }
      notes[position] = lines.join('\n');
      return done();
    }
    case 'cosignature-bit': {
      const cosignature = nth(compartment['cosignatures'] as Json[]);
      if (!cosignature) return undefined;
      cosignature['line'] = flipInSignatureLine(cosignature['line'], pick.bit);
      return done();
    }
    case 'attestation-signature-bit': {
      const device = nth(copy['devices'] as Json[])!;
      const attestation = (device['attestations'] as Json[])[pick.other % device['attestations'].length]!;
      attestation['signature'] = flipInBase64Url(attestation['signature'], pick.bit);
      return done();
    }
    case 'log-key-bit': {
      const key = copy['logKey'] as string;
      // name+keyid+base64: the base64 may itself hold "+", so count from the left.
      const plus = key.indexOf('+', key.indexOf('+') + 1);
      copy['logKey'] = `${key.slice(0, plus + 1)}${base64Encode(flipBit(base64Decode(key.slice(plus + 1)), pick.bit))}`;
      return done();
    }
    case 'entry-dropped':
    case 'entry-repeated':
    case 'entries-swapped': {
      const list = compartment['entries'] as Json[];
      if (list.length === 0) return undefined;
      const position = pick.element % list.length;
      if (kind === 'entry-dropped') list.splice(position, 1);
      if (kind === 'entry-repeated') list.splice(position, 0, structuredClone(list[position]!));
      if (kind === 'entries-swapped') {
        const other = pick.other % list.length;
        if (other === position) return undefined;
        // Swapped with their index fields, so only their order in the log changes.
        const first = list[position]!.signedEnvelope;
        list[position]!.signedEnvelope = list[other]!.signedEnvelope;
        list[other]!.signedEnvelope = first;
      }
      return done();
    }
  }
}

/** Collections whose elements a bundle may lack or repeat without being false. */
const OPTIONAL_ELEMENTS: ReadonlyArray<ReadonlyArray<string | '*'>> = [
  ['compartments'],
  ['devices'],
  ['compartments', '*', 'checkpoints'],
  ['compartments', '*', 'cosignatures'],
  ['devices', '*', 'attestations'],
];
const REMOVALS: ReadonlySet<MutationKind> = new Set(['remove', 'truncate', 'duplicate-element']);

function matches(path: JsonPath, pattern: ReadonlyArray<string | '*'>): boolean {
  return path.length === pattern.length && pattern.every((part, index) => part === '*' || part === path[index]);
}

/**
 * Whether a JSON mutation must make verification fail. Unsigned fields (the export time, the
 * exporting party, a compartment's list of parties) and evidence the bundle may leave out
 * or repeat (checkpoints, cosignatures, whole compartments, devices, attestations) need not.
 */
export function mutationMustFail(mutated: Mutated<Bundle>): boolean {
  const { path, kind } = mutated.mutation;
  if (!changedJson(mutated)) return false;
  if (path[0] === 'exportedAt' || path[0] === 'party') return false;
  if (path[0] === 'compartments' && path[2] === 'parties') return false;
  if (REMOVALS.has(kind)) {
    if (OPTIONAL_ELEMENTS.some((pattern) => matches(path, pattern))) return false;
    if (kind === 'remove' && OPTIONAL_ELEMENTS.some((pattern) => matches(path.slice(0, -1), pattern))) return false;
  }
  return true;
}

const TARGETED: ReadonlyArray<Exclude<BundleDamage, 'json'>> = [
  'entry-signature-bit',
  'checkpoint-signature-bit',
  'checkpoint-body',
  'cosignature-bit',
  'attestation-signature-bit',
  'log-key-bit',
  'entry-dropped',
  'entry-repeated',
  'entries-swapped',
];

/** Damages for a bundle: targeted ones where the bundle has a target, else a JSON mutation. */
export function damagesOf(bundle: Bundle): fc.Arbitrary<DamagedBundle> {
  const targeted = fc.tuple(fc.constantFrom(...TARGETED), picks).map(([kind, pick]) => damage(bundle, kind, pick));
  const json = mutationsOf(fc.constant(bundle)).map((mutated): DamagedBundle => ({ damage: 'json', value: mutated.value, mustFail: mutationMustFail(mutated), mutation: mutated.mutation }));
  return fc.oneof(targeted, json).chain((damaged) => (damaged ? fc.constant(damaged) : json));
}
