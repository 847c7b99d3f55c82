// A party device's cosignature line on a checkpoint, judged by a monitoring client against
// the devices it knows (SPEC.md R11, R36).

import type { OpenedCheckpoint } from '../note/checkpoint.ts';
import { verifyCosignatureLine } from '../note/cosignature.ts';
import type { SignatureVerifier } from '../signature.ts';
import { isDeviceValidDuringSecond, type KnownDevice } from './known-devices.ts';

/** Why a cosignature line of the cell does not count. A closed list: callers word each one. */
export const COSIGNER_PROBLEMS = [
  /** The line names a party that is not in the compartment. */
  'party_not_in_compartment',
  /** The line names a device the directory does not have. */
  'device_unknown',
  /** The device is in the directory, but as another party's. */
  'device_party_mismatch',
  /** The line does not verify over this checkpoint under the device's key. */
  'signature_invalid',
  /** The line verifies, but the device was not valid during the second it names. */
  'device_not_valid',
] as const;
export type CosignerProblem = (typeof COSIGNER_PROBLEMS)[number];

/** One cosignature line by a device of the cell, as read. */
export interface CosignatureReading {
  party: string;
  device: string;
  /** The directory's device of that id, if any (even when it is another party's). */
  known: KnownDevice | undefined;
  /** The cosignature's time (POSIX seconds), when the line verifies under the device's key. */
  time: number | undefined;
  /** Why the line does not count; absent when it does. */
  problem?: CosignerProblem;
}

const COSIGNER_NAME = /^fusion-cell\/([A-Za-z0-9_-]{1,64})\/([A-Za-z0-9_-]{1,64})\/([A-Za-z0-9_-]{1,64})$/;

/**
 * [R11][R36] Reads one signature line of a checkpoint as a cosignature by a device of the
 * cell: its party must be in the compartment, its device a known device of that party, the
 * line must verify over the checkpoint under the device's key, and the device must be valid
 * during the second the line names. Lines by other keys (the log key, witnesses outside this
 * cell) are not the cell's devices' to judge: undefined.
 */
export async function readCosignatureLine(
  checkpoint: Pick<OpenedCheckpoint, 'text'>,
  signature: { name: string; line: string },
  context: { cellId: string; parties: readonly string[]; devices: ReadonlyMap<string, KnownDevice>; verifier: SignatureVerifier },
): Promise<CosignatureReading | undefined> {
  const match = COSIGNER_NAME.exec(signature.name);
  if (!match || match[1] !== context.cellId) return undefined;
  const party = match[2]!;
  const device = match[3]!;
  const known = context.devices.get(device);
  const reading = (problem: CosignerProblem | undefined, time?: number): CosignatureReading => ({
    party,
    device,
    known,
    time,
    ...(problem ? { problem } : {}),
  });
  if (!context.parties.includes(party)) return reading('party_not_in_compartment');
  if (!known) return reading('device_unknown');
  if (known.party !== party) return reading('device_party_mismatch');
  const time = await verifyCosignatureLine(checkpoint.text, signature.line, { name: signature.name, publicKey: known.publicKey }, context.verifier);
  if (time === undefined) return reading('signature_invalid');
  return reading(isDeviceValidDuringSecond(known.validity, time) ? undefined : 'device_not_valid', time);
}
