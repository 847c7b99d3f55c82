// Checkpoints obtained outside the bundle (saved by this or another party's client) against
// the bundle's history. verifyBundle already compares the checkpoints *in* the bundle; a
// server showing two histories would leave the other one out of the export, so only
// checkpoints kept by the parties themselves can reveal it.

import {
  canonicalJson,
  FAILURE_RULES,
  openCheckpoint,
  RootAccumulator,
  base64Encode,
  constantTimeEqual,
  leafHash,
  utf8Encode,
  type FailureCode,
  type SignatureVerifier,
  type VerificationFailure,
} from '@fusion-cell/record';
import { z } from 'zod';

/** A signed checkpoint note and where it came from (a file name, for the report). */
export interface CheckpointEvidence {
  source: string;
  note: string;
}

// Only what this check reads; verifyBundle has already judged the rest of the shape.
const BundleHistory = z.looseObject({
  logKey: z.string(),
  compartments: z.array(
    z.looseObject({
      id: z.string(),
      origin: z.string(),
      entries: z.array(z.looseObject({ signedEnvelope: z.unknown() })),
    }),
  ),
});

function failure(code: FailureCode, message: string, compartment?: string): VerificationFailure {
  return { rule: FAILURE_RULES[code], code, ...(compartment !== undefined ? { compartment } : {}), message };
}

/**
 * [R35] Each checkpoint must be signed by the bundle's log key and have, at its size, the
 * root of the bundle's entries. A properly signed checkpoint with another root means the log
 * signed two histories: a split view.
 */
export async function checkCheckpointEvidence(
  bundle: unknown,
  evidence: readonly CheckpointEvidence[],
  verifier: SignatureVerifier,
): Promise<VerificationFailure[]> {
  const parsed = BundleHistory.safeParse(bundle);
  // A bundle without this shape already failed R16; there is no history to compare with.
  if (!parsed.success || evidence.length === 0) return [];
  const { logKey, compartments } = parsed.data;
  const failures: VerificationFailure[] = [];
  const wanted = new Map<string, Array<{ source: string; size: number; rootHash: Uint8Array; time: number }>>();

  for (const { source, note } of evidence) {
    let opened: Awaited<ReturnType<typeof openCheckpoint>>;
    try {
      opened = await openCheckpoint(note, logKey, verifier);
    } catch (error) {
      failures.push(failure('checkpoint_signature_invalid', `${source} is not a checkpoint signed by the bundle's log key: ${(error as Error).message}`));
      continue;
    }
    const compartment = compartments.find((candidate) => candidate.origin === opened.origin);
    if (!compartment) {
      failures.push(failure('compartment_invalid', `${source} is for ${opened.origin}, which is not in this bundle`));
      continue;
    }
    if (opened.size > compartment.entries.length) {
      failures.push(
        failure(
          'entries_missing',
          `${source} (size ${opened.size}) is beyond the bundle's ${compartment.entries.length} entries: ` +
            'the log was cut back, or the bundle is older than the checkpoint',
          compartment.id,
        ),
      );
      continue;
    }
    const list = wanted.get(compartment.id) ?? [];
    list.push({ source, size: opened.size, rootHash: opened.rootHash, time: opened.time });
    wanted.set(compartment.id, list);
  }

  for (const compartment of compartments) {
    const checks = wanted.get(compartment.id);
    if (!checks) continue;
    const roots = prefixRoots(compartment.entries, new Set(checks.map((check) => check.size)));
    if (typeof roots === 'string') {
      failures.push(failure('envelope_malformed', `cannot compare checkpoints with this compartment: ${roots}`, compartment.id));
      continue;
    }
    for (const check of checks) {
      const root = roots.get(check.size)!;
      if (constantTimeEqual(root, check.rootHash)) continue;
      failures.push(
        failure(
          'split_view',
          `${check.source}: the log signed size ${check.size} with root ${base64Encode(check.rootHash)} at ` +
            `${new Date(check.time * 1000).toISOString()}, but this bundle's history has root ${base64Encode(root)} ` +
            `at that size: the log has shown two different histories (split view)`,
          compartment.id,
        ),
      );
    }
  }
  return failures;
}

/** Roots of the entries' prefixes at the given sizes, in one pass; or why an entry cannot be hashed. */
function prefixRoots(entries: ReadonlyArray<{ signedEnvelope: unknown }>, sizes: ReadonlySet<number>): Map<number, Uint8Array> | string {
  const roots = new Map<number, Uint8Array>();
  const tree = new RootAccumulator();
  if (sizes.has(0)) roots.set(0, tree.root());
  for (const [position, entry] of entries.entries()) {
    let leaf: Uint8Array;
    try {
      // [R4] The leaf data is the canonical JSON of the signed envelope.
      leaf = leafHash(utf8Encode(canonicalJson(entry.signedEnvelope)));
    } catch (error) {
      return `entry at position ${position} cannot be hashed: ${(error as Error).message}`;
    }
    tree.append(leaf);
    if (sizes.has(tree.size)) roots.set(tree.size, tree.root());
  }
  return roots;
}
