// The party's witness for one compartment: verify the log's latest checkpoint (signature by
// the pinned key, consistency with what this client verified before, other parties'
// cosignatures), keep it, and only then countersign it (SPEC.md R11).

import type { CompartmentLog } from '@fusion-cell/protocol';
import {
  addSignatureLines,
  compartmentOrigin,
  cosignCheckpoint,
  cosignerName,
  readCosignatureLine,
  verifyCosignatureLine,
  openCheckpoint,
  type KnownDevice,
  type OpenedCheckpoint,
  type SignatureVerifier,
  type VerifierKey,
} from '@fusion-cell/record';
import type { ApiClient } from './api-client.ts';
import { latestStoredCheckpoint, storeVerifiedCheckpoint } from './checkpoint-store.ts';
import { checkConsistency } from './consistency-check.ts';
import { cosignerOf, type DeviceKey } from './device-key.ts';
import { checkSentItems } from './sent-items.ts';

export interface WitnessContext {
  api: ApiClient;
  home: string;
  cell: string;
  party: string;
  logKey: VerifierKey;
  verifier: SignatureVerifier;
  /** The directory's devices, with their validity replayed from their attestations. */
  cosigners: ReadonlyMap<string, KnownDevice>;
  /** This client's device, when it may cosign (approved); otherwise checkpoints are only verified. */
  device: { id: string; key: DeviceKey } | undefined;
  /** POSIX seconds for the cosignature. */
  nowSeconds: () => number;
}

export interface WitnessOutcome {
  compartment: string;
  size: number | null;
  verdict: 'cosigned' | 'already-cosigned' | 'verified' | 'alarm' | 'error';
  /** How this checkpoint relates to the last one verified here. */
  consistency: string;
  /** Other devices whose valid cosignatures the checkpoint carries, as party/device. */
  cosignedBy: string[];
  /** Why the checkpoint was not cosigned, when it was not. */
  problems: string[];
  /** Where the verified checkpoint is kept. */
  stored?: string;
}

export async function witnessCompartment(context: WitnessContext, log: CompartmentLog): Promise<WitnessOutcome> {
  const outcome: WitnessOutcome = { compartment: log.id, size: null, verdict: 'alarm', consistency: '', cosignedBy: [], problems: [] };
  const alarm = (problem: string): WitnessOutcome => ({ ...outcome, verdict: 'alarm', problems: [...outcome.problems, problem] });
  if (!log.checkpoint) return { ...outcome, verdict: 'verified', consistency: 'no checkpoint yet' };

  let current: OpenedCheckpoint;
  try {
    current = await openCheckpoint(log.checkpoint, context.logKey, context.verifier, { origin: compartmentOrigin(context.cell, log.id) });
  } catch (error) {
    return alarm(`the latest checkpoint is not validly signed by the pinned log key: ${(error as Error).message}`);
  }
  outcome.size = current.size;

  const previous = latestStoredCheckpoint(context.home, context.cell, log.id);
  const consistency = await checkConsistency(context.api, log.id, previous, current, context.logKey, context.verifier);
  if (!consistency.ok) return alarm(consistency.problem);
  outcome.consistency = consistency.summary;
  const sentItems = await checkSentItems(context.api, context.home, context.cell, log.id, current);
  if (sentItems.problems.length > 0) return { ...outcome, verdict: 'alarm', problems: sentItems.problems };
  if (sentItems.checked > 0) outcome.consistency += `; ${sentItems.checked} item(s) sent from here included`;

  const ownName = context.device ? cosignerName(context.cell, context.party, context.device.id) : undefined;
  let ownLine: string | undefined;
  for (const signature of current.note.signatures) {
    if (signature.name === context.logKey.name) continue;
    if (signature.name === ownName && context.device) {
      const time = await verifyCosignatureLine(current.text, signature.line, { name: ownName, publicKey: context.device.key.publicKey }, context.verifier);
      if (time === undefined) outcome.problems.push(`a cosignature in this device's name (${ownName}) does not verify: it was not made here`);
      else ownLine = signature.line;
      continue;
    }
    const problem = await checkCosignatureLine(context, log, current, signature);
    if (typeof problem === 'string') outcome.problems.push(problem);
    else if (problem) outcome.cosignedBy.push(problem.cosigner);
  }
  if (outcome.problems.length > 0) return { ...outcome, verdict: 'alarm' };

  // Verified: kept before cosigning, so the next run compares against it whatever happens next.
  outcome.stored = storeVerifiedCheckpoint(context.home, context.cell, log.id, current.size, log.checkpoint);
  if (current.size === 0) return { ...outcome, verdict: 'verified', consistency: `${outcome.consistency}; empty log, nothing to cosign` };
  if (!context.device) return { ...outcome, verdict: 'verified', problems: ['not cosigned: this device is not approved'] };
  if (ownLine) return { ...outcome, verdict: 'already-cosigned' };

  const line = await cosignCheckpoint(current.text, cosignerOf(context.device.key, ownName!), context.nowSeconds());
  try {
    await context.api.post(`/api/v1/compartments/${encodeURIComponent(log.id)}/cosignatures`, { size: current.size, device: context.device.id, line });
  } catch (error) {
    return { ...outcome, verdict: 'error', problems: [`the server refused the cosignature: ${(error as Error).message}`] };
  }
  storeVerifiedCheckpoint(context.home, context.cell, log.id, current.size, addSignatureLines(log.checkpoint, [line]));
  return { ...outcome, verdict: 'cosigned' };
}

/**
 * Another device's cosignature on the checkpoint, read as the record's `readCosignatureLine`
 * does (R36): by a device of a party of the compartment, verifying under that device's key,
 * made while the device was valid. Lines by keys outside this cell (other witnesses) are not
 * ours to judge and are skipped.
 */
async function checkCosignatureLine(
  context: WitnessContext,
  log: CompartmentLog,
  current: OpenedCheckpoint,
  signature: { name: string; line: string },
): Promise<string | { cosigner: string } | undefined> {
  const reading = await readCosignatureLine(current, signature, { cellId: context.cell, parties: log.parties, devices: context.cosigners, verifier: context.verifier });
  if (!reading) return undefined;
  const { party, device, time } = reading;
  const label = `the cosignature by ${party}/${device}`;
  switch (reading.problem) {
    case undefined:
      return { cosigner: `${party}/${device}` };
    case 'party_not_in_compartment':
      return `${label}: party ${party} is not in this compartment`;
    case 'device_unknown':
    case 'device_party_mismatch':
      return `${label}: the directory has no such device of ${party}`;
    case 'signature_invalid':
      return `${label} does not verify over this checkpoint`;
    case 'device_not_valid':
      return `${label}: the device was not approved at the cosignature time ${new Date((time ?? 0) * 1000).toISOString()}`;
  }
}
