// R36 cosignatures, and R35 for their side of a split view: a party's device cosigned a tree
// head that the log signed but that is not this bundle's history.

import { isDeviceValidAt } from '../device-attestation.ts';
import { formatCheckpoint } from '../note/checkpoint.ts';
import { cosignatureKeyId, cosignatureTime, cosignerName, verifyCosignatureBytes } from '../note/cosignature.ts';
import { parseSignatureLine, type NoteSignature } from '../note/signed-note.ts';
import type { CheckpointStatus } from './check-tree.ts';
import type { CompartmentOuter, ValidCheckpoint, VerifyContext } from './context.ts';

/**
 * [R35–R36] Checks every cosignature against this history, then against the other heads the
 * log signed. Cosigning a head that is one side of a split view is reported as split_view; a
 * cosignature of a log head that merely differs from tampered entries adds nothing to the
 * checkpoint_root_mismatch already reported.
 */
export async function checkCosignatures(
  context: VerifyContext,
  compartment: CompartmentOuter,
  checkpoints: readonly ValidCheckpoint[],
  statuses: readonly CheckpointStatus[],
  roots: ReadonlyMap<number, Uint8Array>,
): Promise<void> {
  const { bundle, devices, failures, verifier } = context;
  const where = { compartment: compartment.id };
  for (const [position, cosignature] of compartment.cosignatures.entries()) {
    const label = `cosignature ${position} by ${cosignature.party}/${cosignature.device}`;
    const invalid = (why: string) => failures.add('cosignature_invalid', `${label}: ${why}`, where);
    const device = devices.get(cosignature.device);
    if (!compartment.parties.includes(cosignature.party)) {
      invalid(`party ${cosignature.party} is not in this compartment`);
      continue;
    }
    if (!device || device.record.party !== cosignature.party) {
      invalid(`device ${cosignature.device} is not a device of party ${cosignature.party}`);
      continue;
    }
    let line: NoteSignature;
    try {
      line = parseSignatureLine(cosignature.line);
    } catch {
      invalid('malformed signature line');
      continue;
    }
    const name = cosignerName(bundle.cell, cosignature.party, cosignature.device);
    if (line.name !== name || line.keyId !== cosignatureKeyId(name, device.publicKey)) {
      invalid(`line is not by cosigner ${name}`);
      continue;
    }
    const time = cosignatureTime(line);
    if (time === undefined) {
      invalid('not a timestamped Ed25519 cosignature');
      continue;
    }
    // Cosignature times are whole seconds and decisions milliseconds: a cosignature stamped
    // with the second of its device's approval may have been made after it, within that second.
    if (!isDeviceValidAt(device.validity, new Date(time * 1000 + 999).toISOString())) {
      invalid(`device was not valid at the cosignature time ${time}`);
      continue;
    }

    const size = cosignature.checkpointSize;
    const root = roots.get(size);
    const ours = root ? checkpointText(compartment.origin, size, root) : undefined;
    if (ours && (await verifyCosignatureBytes(ours, line.signature, device.publicKey, verifier)) !== undefined) continue;

    let cosigned: { checkpoint: ValidCheckpoint; status: CheckpointStatus } | undefined;
    for (const [i, checkpoint] of checkpoints.entries()) {
      if (checkpoint.size !== size || checkpoint.text === ours) continue;
      if ((await verifyCosignatureBytes(checkpoint.text, line.signature, device.publicKey, verifier)) !== undefined) {
        cosigned = { checkpoint, status: statuses[i]! };
        break;
      }
    }
    if (!cosigned) {
      invalid(`does not verify over this history or any checkpoint of size ${size}`);
    } else if (cosigned.status === 'split') {
      failures.add(
        'split_view',
        `${label} cosigned checkpoint ${cosigned.checkpoint.position}, size ${size}, whose root differs from this history`,
        where,
      );
    }
  }
}

/** The checkpoint text of this history at a size; undefined for an origin no checkpoint can have (R18 reports it). */
function checkpointText(origin: string, size: number, rootHash: Uint8Array): string | undefined {
  try {
    return formatCheckpoint({ origin, size, rootHash });
  } catch {
    return undefined;
  }
}
