// R22–R31: every entry, in one pass. Each envelope is canonicalised once; the signing input
// and the leaf data are both cut from that one string, and the tree root is accumulated as
// leaves go by, so the cost per entry is one signature check plus a few hashes.

import { sha256 } from '@noble/hashes/sha2.js';
import { base64UrlDecode, base64UrlEncode } from '../base64.ts';
import { utf8Encode } from '../bytes.ts';
import { canonicalEnvelopeJson, ENVELOPE_SIGNING_PREFIX } from '../envelope.ts';
import { CELL_AUTHOR } from '../envelope-schema.ts';
import { RootAccumulator } from '../merkle/frontier.ts';
import { EMPTY_TREE_ROOT } from '../merkle/hash.ts';
import { checkAuthor } from './check-author.ts';
import type { CompartmentOuter, EntryInfo, ValidCheckpoint, VerifyContext } from './context.ts';
import { fallbackLeafHash, parseEntryEnvelope } from './parse-entry.ts';
import type { FailureCode } from './failure-codes.ts';

const LEAF_PREFIX = utf8Encode('\u0000{"envelope":');
const SIGNATURE_PREFIX = utf8Encode(',"signature":"');
const LEAF_SUFFIX = utf8Encode('"}');
const BATCH = 512;

export interface EntriesResult {
  entries: EntryInfo[];
  /** Root of the prefix of each requested size that is within the entries. */
  roots: Map<number, Uint8Array>;
}

interface PendingSignature {
  result: Promise<boolean>;
  index: number;
}

/** [R22–R31] Checks every entry of a compartment and hashes the log. */
export async function checkEntries(
  context: VerifyContext,
  compartment: CompartmentOuter,
  checkpoints: readonly ValidCheckpoint[],
  neededSizes: ReadonlySet<number>,
): Promise<EntriesResult> {
  const { bundle, failures, devices, items, logKey, verifier } = context;
  const where = (index: number) => ({ compartment: compartment.id, index });
  const fail = (code: FailureCode, index: number, message: string) => failures.add(code, message, where(index));
  const parties = new Set(compartment.parties);
  const entries: EntryInfo[] = [];
  const roots = new Map<number, Uint8Array>();
  if (neededSizes.has(0)) roots.set(0, EMPTY_TREE_ROOT);
  const tree = new RootAccumulator();
  const pending: PendingSignature[] = [];
  const settle = async () => {
    for (const { result, index } of pending.splice(0)) {
      if (!(await result)) fail('entry_signature_invalid', index, 'signature does not verify');
    }
  };
  // Checkpoints by size, to know the latest signing time before each entry was logged.
  const bySize = [...checkpoints].sort((a, b) => a.size - b.size);
  let nextCheckpoint = 0;
  let loggedAfter = -Infinity; // POSIX seconds

  for (const [position, entry] of compartment.entries.entries()) {
    const index = entry.index;
    // [R22] Positions and indexes agree, from 0 without gaps.
    if (index !== position && (position === 0 || index !== compartment.entries[position - 1]!.index + 1)) {
      fail('entry_index_gap', index, `entry at position ${position} has index ${index}`);
    }
    while (nextCheckpoint < bySize.length && bySize[nextCheckpoint]!.size <= position) {
      loggedAfter = Math.max(loggedAfter, bySize[nextCheckpoint]!.time);
      nextCheckpoint += 1;
    }

    const info: EntryInfo = { index, authorParty: undefined, references: [] };
    entries.push(info);
    let leaf: Uint8Array;
    const parsed = parseEntryEnvelope(entry.signedEnvelope);
    if (!parsed.ok) {
      // [R23] Still hashed as it stands, so the tree checks below say whether the log holds it.
      fail('envelope_malformed', index, parsed.problem);
      leaf = fallbackLeafHash(entry.signedEnvelope);
    } else {
      const { envelope, signature, payloadJson } = parsed;
      info.references = envelope.references;
      const message = utf8Encode(ENVELOPE_SIGNING_PREFIX + canonicalEnvelopeJson(envelope, payloadJson));
      const envelopeBytes = message.subarray(ENVELOPE_SIGNING_PREFIX.length);

      // [R24] The envelope names the cell and compartment it is filed in.
      if (envelope.cell !== bundle.cell || envelope.compartment !== compartment.id) {
        fail('envelope_location_mismatch', index, `envelope is for ${envelope.cell}/${envelope.compartment}`);
      }
      // [R26–R29] The cell's own entries are signed with the log key, others by a device.
      let publicKey: Uint8Array | undefined = logKey.publicKey;
      if (envelope.author !== CELL_AUTHOR) {
        const device = devices.get(envelope.device);
        info.authorParty = device?.record.party;
        publicKey = device?.publicKey;
        checkAuthor(envelope, device, parties, loggedAfter, (code, message) => fail(code, index, message));
      }
      // [R30] The author's signature.
      if (publicKey) {
        // A suite that throws or rejects has not verified the signature.
        let result: boolean | Promise<boolean>;
        try {
          result = verifier.verify(publicKey, message, base64UrlDecode(signature));
        } catch {
          result = false;
        }
        if (typeof result === 'boolean') {
          if (!result) fail('entry_signature_invalid', index, 'signature does not verify');
        } else {
          // Asynchronous suites (WebCrypto) get a batch in flight instead of one at a time.
          pending.push({ result: result.catch(() => false), index });
          if (pending.length >= BATCH) await settle();
        }
      }
      leaf = sha256
        .create()
        .update(LEAF_PREFIX)
        .update(envelopeBytes)
        .update(SIGNATURE_PREFIX)
        .update(utf8Encode(signature))
        .update(LEAF_SUFFIX)
        .digest();
    }

    // [R31] An item appears once in the bundle.
    const id = base64UrlEncode(leaf);
    const seen = items.get(id);
    if (seen) fail('entry_duplicate', index, `same item as ${seen.compartment} position ${seen.position}`);
    else items.set(id, { compartment: compartment.id, position });

    tree.append(leaf);
    if (neededSizes.has(tree.size)) roots.set(tree.size, tree.root());
  }
  await settle();
  return { entries, roots };
}
