// Offline verification of an export bundle as a checklist of pure steps (SPEC.md R16–R38).
// Steps collect failures instead of stopping at the first, so one report shows everything
// wrong; only a bundle whose shape or log key is unusable stops the run early.

import { webCryptoVerifier, type SignatureVerifier } from '../signature.ts';
import { checkCheckpoints } from './check-checkpoints.ts';
import { checkCosignatures } from './check-cosignatures.ts';
import { checkDevices } from './check-devices.ts';
import { checkEntries } from './check-entries.ts';
import { checkReferences } from './check-references.ts';
import { checkCompartment, checkLogKey, checkShape } from './check-shape.ts';
import { checkTree } from './check-tree.ts';
import type { EntryInfo, VerifyContext } from './context.ts';
import { FailureList, type VerificationReport } from './report.ts';

export interface VerifyBundleOptions {
  /** Signature suite; WebCrypto by default, `nodeVerifier()` from `@fusion-cell/record/node` is faster. */
  verifier?: SignatureVerifier;
}

/** Verifies a bundle (parsed JSON of any shape) and reports every failure found. */
export async function verifyBundle(input: unknown, options: VerifyBundleOptions = {}): Promise<VerificationReport> {
  const failures = new FailureList();
  const checked = { entries: 0, checkpoints: 0, cosignatures: 0, devices: 0 };
  const report = (): VerificationReport => ({ ok: failures.items.length === 0, checked, failures: failures.items });

  const bundle = checkShape(input, failures);
  if (!bundle) return report();
  const logKey = checkLogKey(bundle, failures);
  if (!logKey) return report();
  const verifier = options.verifier ?? webCryptoVerifier();

  checked.devices = bundle.devices.length;
  const devices = await checkDevices(bundle, logKey.publicKey, verifier, failures);
  const context: VerifyContext = { bundle, logKey, verifier, failures, devices, items: new Map() };
  const entriesByCompartment = new Map<string, EntryInfo[]>();

  for (const compartment of bundle.compartments) {
    checkCompartment(bundle, compartment, failures);
    const checkpoints = await checkCheckpoints(context, compartment);
    const neededSizes = new Set([
      ...checkpoints.map((checkpoint) => checkpoint.size),
      ...compartment.cosignatures.map((cosignature) => cosignature.checkpointSize),
    ]);
    const { entries, roots } = await checkEntries(context, compartment, checkpoints, neededSizes);
    entriesByCompartment.set(compartment.id, entries);
    const statuses = checkTree(context, compartment, checkpoints, roots);
    await checkCosignatures(context, compartment, checkpoints, statuses, roots);
    checked.entries += compartment.entries.length;
    checked.checkpoints += compartment.checkpoints.length;
    checked.cosignatures += compartment.cosignatures.length;
  }
  checkReferences(context, entriesByCompartment);
  return report();
}
