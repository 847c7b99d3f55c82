// R16 bundle shape, R17 log key, R18 compartment identity.

import { BundleOuterShape } from '../bundle.ts';
import { compartmentOrigin, logKeyName } from '../note/checkpoint.ts';
import { parseVerifierKey, SIGNATURE_TYPE_ED25519, type VerifierKey } from '../note/verifier-key.ts';
import type { BundleOuter, CompartmentOuter } from './context.ts';
import type { FailureList } from './report.ts';

const SHOWN_ISSUES = 20;

/** [R16] Parses the bundle's outer shape, reporting where each problem is. */
export function checkShape(input: unknown, failures: FailureList): BundleOuter | undefined {
  const result = BundleOuterShape.safeParse(input);
  if (result.success) return result.data;
  for (const issue of result.error.issues.slice(0, SHOWN_ISSUES)) {
    const path = issue.path.map(String);
    const where: { compartment?: string; index?: number } = {};
    if (path[0] === 'compartments' && path[1] !== undefined) {
      const compartment = (input as { compartments?: { id?: unknown }[] }).compartments?.[Number(path[1])];
      if (typeof compartment?.id === 'string') where.compartment = compartment.id;
      if (path[2] === 'entries' && path[3] !== undefined) where.index = Number(path[3]);
    }
    failures.add('bundle_malformed', `${path.join('.') || '(root)'}: ${issue.message}`, where);
  }
  return undefined;
}

/** [R17] The log key must be an Ed25519 verifier key named `fusion-cell/<cellId>`. */
export function checkLogKey(bundle: BundleOuter, failures: FailureList): VerifierKey | undefined {
  let key: VerifierKey;
  try {
    key = parseVerifierKey(bundle.logKey);
  } catch (error) {
    failures.add('log_key_invalid', `log key: ${(error as Error).message}`);
    return undefined;
  }
  if (key.type !== SIGNATURE_TYPE_ED25519) {
    failures.add('log_key_invalid', 'log key must be an Ed25519 signed-note key (type 0x01)');
    return undefined;
  }
  if (key.name !== logKeyName(bundle.cell)) {
    failures.add('log_key_invalid', `log key is named ${key.name}, expected ${logKeyName(bundle.cell)}`);
    return undefined;
  }
  return key;
}

/** [R18] The compartment's origin is `fusion-cell/<cell>/<id>` and the exporting party is in it. */
export function checkCompartment(bundle: BundleOuter, compartment: CompartmentOuter, failures: FailureList): void {
  const expected = compartmentOrigin(bundle.cell, compartment.id);
  const where = { compartment: compartment.id };
  if (compartment.origin !== expected) {
    failures.add('compartment_invalid', `origin is ${compartment.origin}, expected ${expected}`, where);
  }
  if (!compartment.parties.includes(bundle.party)) {
    failures.add('compartment_invalid', `exporting party ${bundle.party} is not in this compartment`, where);
  }
}
