import { constantTimeEqual, FAILURE_RULES, parseVerifierKey, verifyBundle, type VerificationReport, type VerifierKey } from '@fusion-cell/record';
import { nodeVerifier } from '@fusion-cell/record/node';
import { checkCheckpointEvidence, type CheckpointEvidence } from './split-view.ts';

export interface BundleCheckOptions {
  /** Signed checkpoints kept outside the bundle: each must agree with its history. */
  evidence?: readonly CheckpointEvidence[];
  /** The log key the verifier expects (given or pinned); the bundle's own must be the same. */
  expectedLogKey?: VerifierKey;
}

/**
 * The whole offline check of a bundle: the record's checklist (R16–R38), the log key the
 * reader trusts, and checkpoints from outside the bundle (split views, R35).
 */
export async function checkBundle(bundle: unknown, options: BundleCheckOptions = {}): Promise<VerificationReport> {
  const verifier = nodeVerifier();
  const report = await verifyBundle(bundle, { verifier });
  const failures = [...report.failures];
  const bundleKey = (bundle as { logKey?: unknown } | null)?.logKey;
  const expected = options.expectedLogKey;
  if (expected && typeof bundleKey === 'string' && !sameKey(bundleKey, expected)) {
    // A bundle that verifies under a key of its own choosing proves nothing about this cell.
    failures.unshift({
      rule: FAILURE_RULES.log_key_invalid,
      code: 'log_key_invalid',
      message: `the bundle is signed with the log key ${bundleKey}, not with the expected key ${expected.name} (key ID ${expected.keyId.toString(16).padStart(8, '0')})`,
    });
  }
  const evidence = options.evidence ?? [];
  failures.push(...(await checkCheckpointEvidence(bundle, evidence, verifier)));
  return {
    ok: failures.length === 0,
    checked: { ...report.checked, checkpoints: report.checked.checkpoints + evidence.length },
    failures,
  };
}

function sameKey(text: string, expected: VerifierKey): boolean {
  try {
    const key = parseVerifierKey(text);
    return key.name === expected.name && key.type === expected.type && constantTimeEqual(key.publicKey, expected.publicKey);
  } catch {
    return true; // an unusable key is reported by verifyBundle itself (R17)
  }
}
