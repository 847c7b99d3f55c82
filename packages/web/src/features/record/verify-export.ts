import {
  base64Encode,
  canonicalJson,
  constantTimeEqual,
  FAILURE_RULES,
  leafHash,
  openCheckpoint,
  RootAccumulator,
  utf8Encode,
  verifyBundle,
  webCryptoVerifier,
  type FailureCode,
  type SignatureVerifier,
  type VerificationFailure,
  type VerificationReport,
} from '@fusion-cell/record';
import type { StoredCheckpoint } from '../../sync/trust-store.ts';

function failure(code: FailureCode, message: string, compartment?: string): VerificationFailure {
  return { rule: FAILURE_RULES[code], code, ...(compartment !== undefined ? { compartment } : {}), message };
}

export interface ExportVerification {
  report: VerificationReport;
  /** How many checkpoints verified earlier in this browser the bundle was compared with. */
  comparedCheckpoints: number;
}

/**
 * Verifies a downloaded bundle here, with WebCrypto: the whole offline checklist (R16–R38),
 * then two things only this browser can add. The bundle must carry the log key pinned here,
 * and its history must have, at the size of every checkpoint this browser verified, that
 * checkpoint's root (R35): a server showing two histories would leave the other one out of
 * the export, and only checkpoints kept by the parties themselves reveal it.
 */
export async function verifyExport(text: string, verified: readonly StoredCheckpoint[], pinnedLogKey: string | null): Promise<ExportVerification> {
  let bundle: unknown;
  try {
    bundle = JSON.parse(text);
  } catch (error) {
    const report = { ok: false, checked: { entries: 0, checkpoints: 0, cosignatures: 0, devices: 0 }, failures: [failure('bundle_malformed', `the file is not JSON: ${(error as Error).message}`)] };
    return { report, comparedCheckpoints: 0 };
  }
  const verifier = webCryptoVerifier();
  const report = await verifyBundle(bundle, { verifier });
  const failures = [...report.failures];
  const logKey = (bundle as { logKey?: unknown }).logKey;
  if (pinnedLogKey !== null && logKey !== pinnedLogKey) {
    failures.push(failure('log_key_invalid', `the bundle's log key is not the one this browser pinned (${pinnedLogKey})`));
  }
  const compared = typeof logKey === 'string' ? await compareWithVerified(bundle, logKey, verified, verifier) : { count: 0, failures: [] };
  failures.push(...compared.failures);
  return { report: { ...report, ok: failures.length === 0, failures }, comparedCheckpoints: compared.count };
}

interface BundleHistory {
  compartments: Array<{ id: string; origin: string; entries: Array<{ signedEnvelope: unknown }> }>;
}

function historyOf(bundle: unknown): BundleHistory | undefined {
  const compartments = (bundle as { compartments?: unknown }).compartments;
  if (!Array.isArray(compartments)) return undefined;
  // verifyBundle has already judged the shape; only what this check reads is required here.
  const usable = compartments.every((compartment) => typeof compartment?.id === 'string' && typeof compartment?.origin === 'string' && Array.isArray(compartment?.entries));
  return usable ? { compartments } : undefined;
}

async function compareWithVerified(bundle: unknown, logKey: string, verified: readonly StoredCheckpoint[], verifier: SignatureVerifier): Promise<{ count: number; failures: VerificationFailure[] }> {
  const history = historyOf(bundle);
  if (!history) return { count: 0, failures: [] };
  const failures: VerificationFailure[] = [];
  let count = 0;
  for (const stored of verified) {
    let opened: Awaited<ReturnType<typeof openCheckpoint>>;
    try {
      opened = await openCheckpoint(stored.note, logKey, verifier);
    } catch (error) {
      failures.push(failure('checkpoint_signature_invalid', `a checkpoint this browser verified does not verify under the bundle's log key: ${(error as Error).message}`));
      continue;
    }
    const compartment = history.compartments.find((candidate) => candidate.origin === opened.origin);
    if (!compartment) {
      failures.push(failure('compartment_invalid', `the bundle leaves out ${opened.origin}, which this browser verified`));
      continue;
    }
    count += 1;
    if (opened.size > compartment.entries.length) {
      failures.push(failure('entries_missing', `this browser verified ${opened.size} entries, the bundle has ${compartment.entries.length}`, compartment.id));
      continue;
    }
    const root = prefixRoot(compartment.entries, opened.size);
    if (root === undefined) continue; // an entry that cannot be hashed is already reported (R23)
    if (!constantTimeEqual(root, opened.rootHash)) {
      failures.push(
        failure(
          'split_view',
          `this browser verified size ${opened.size} with root ${base64Encode(opened.rootHash)}, but the bundle's history has root ${base64Encode(root)} at that size`,
          compartment.id,
        ),
      );
    }
  }
  return { count, failures };
}

/** The root of the first `size` entries (R4, R6), or undefined if one cannot be hashed. */
function prefixRoot(entries: ReadonlyArray<{ signedEnvelope: unknown }>, size: number): Uint8Array | undefined {
  const tree = new RootAccumulator();
  for (const entry of entries.slice(0, size)) {
    try {
      tree.append(leafHash(utf8Encode(canonicalJson(entry.signedEnvelope))));
    } catch {
      return undefined;
    }
  }
  return tree.root();
}
