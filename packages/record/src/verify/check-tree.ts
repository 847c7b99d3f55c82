// R32–R35 (log side): the entries' tree against every checkpoint the log signed. Matching
// the root of the prefix at each checkpoint's size proves inclusion of every entry and the
// consistency of all checkpoints with each other, without any proof from the server.

import { constantTimeEqual } from '../bytes.ts';
import type { CompartmentOuter, ValidCheckpoint, VerifyContext } from './context.ts';

/**
 * How a verified checkpoint relates to the bundle's entries: it matches their prefix; it is
 * beyond them; it differs while the log signed the entries at this size or larger (so the log
 * signed two inconsistent heads: split); or it differs and nothing vouches for the entries.
 */
export type CheckpointStatus = 'match' | 'beyond' | 'split' | 'mismatch';

/** [R32–R35] Compares each verified checkpoint with the root of the entries' prefix. */
export function checkTree(
  context: VerifyContext,
  compartment: CompartmentOuter,
  checkpoints: readonly ValidCheckpoint[],
  roots: ReadonlyMap<number, Uint8Array>,
): CheckpointStatus[] {
  const { failures } = context;
  const where = { compartment: compartment.id };
  const entryCount = compartment.entries.length;
  const matches = checkpoints.map((checkpoint) => {
    const root = roots.get(checkpoint.size);
    return root !== undefined && constantTimeEqual(root, checkpoint.rootHash);
  });
  // The largest size at which the log signed exactly this history.
  let largestMatching = -1;
  checkpoints.forEach((checkpoint, i) => {
    if (matches[i]) largestMatching = Math.max(largestMatching, checkpoint.size);
  });

  const statuses = checkpoints.map((checkpoint, i): CheckpointStatus => {
    const label = `checkpoint ${checkpoint.position} (size ${checkpoint.size})`;
    if (matches[i]) return 'match';
    if (checkpoint.size > entryCount) {
      // [R33]
      failures.add('entries_missing', `${label} covers ${checkpoint.size} entries, the bundle has ${entryCount}`, {
        ...where,
        index: entryCount,
      });
      return 'beyond';
    }
    if (largestMatching >= checkpoint.size) {
      // [R35] The log also signed this history at a size ≥ this one: two inconsistent heads.
      failures.add('split_view', `${label} has a root that is not consistent with the log's other checkpoints`, where);
      return 'split';
    }
    // [R32]
    failures.add('checkpoint_root_mismatch', `${label} root does not match the entries`, where);
    return 'mismatch';
  });

  // [R34] Every entry is covered by some checkpoint.
  const covered = checkpoints.reduce((largest, checkpoint) => Math.max(largest, checkpoint.size), 0);
  if (entryCount > covered) {
    failures.add('entry_not_checkpointed', `entries from ${covered} to ${entryCount - 1} are under no checkpoint`, {
      ...where,
      index: covered,
    });
  }
  return statuses;
}
