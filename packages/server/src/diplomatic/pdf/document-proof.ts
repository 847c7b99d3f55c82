import { base64Encode, compartmentOrigin, type BundleDevice, type SignedEnvelope } from '@fusion-cell/record';
import type { CellServices } from '../../cell-services.ts';
import { DomainError } from '../../errors.ts';
import { devicesWithHistory } from '../../record/directory.ts';
import { checkpointNote } from '../../record/log-reads.ts';
import type { DocumentSource } from './document-source.ts';

export const DOCUMENT_PROOF_FORMAT = 'fusion-cell/document-proof@1';
export const DOCUMENT_PROOF_FILE = 'fusion-cell-proof.json';

/**
 * What a PDF carries so that `fusion-cell verify` can check it with nothing from the server:
 * the version's signed entry and every act on it, exactly as the log holds them, each with its
 * inclusion proof against one checkpoint the log key signed, and the devices that signed them
 * with their signed key history (as an export bundle carries them).
 */
export interface DocumentProof {
  format: typeof DOCUMENT_PROOF_FORMAT;
  cell: string;
  /** The log's verifier key; a reader checks it against the key it trusts. */
  logKey: string;
  compartment: string;
  origin: string;
  /** The compartment's parties and their kinds: who must sign follows from them and the version. */
  parties: { id: string; kind: string }[];
  document: { id: string; type: string; version: string; number: number; signers: string[] };
  /** A signed checkpoint (c2sp.org/tlog-checkpoint note) covering every entry below. */
  checkpoint: string;
  entries: { role: 'version' | 'signing'; index: number; signedEnvelope: SignedEnvelope; inclusionProof: string[] }[];
  devices: BundleDevice[];
}

/** Devices that signed the entries, and the admin devices whose attestations vouch for them. */
async function devicesFor(services: CellServices, deviceIds: string[]): Promise<BundleDevice[]> {
  const wanted = new Set(deviceIds);
  for (;;) {
    const devices = await devicesWithHistory(services, [...wanted]);
    const signers = devices.flatMap((device) => device.attestations.flatMap((attestation) => (attestation.signer.kind === 'device' ? [attestation.signer.device] : [])));
    const added = signers.filter((id) => !wanted.has(id));
    if (added.length === 0) return devices;
    for (const id of added) wanted.add(id);
  }
}

export async function buildDocumentProof(services: CellServices, source: DocumentSource): Promise<DocumentProof> {
  const { record } = services;
  const compartment = source.document.compartment;
  const entries = [{ role: 'version' as const, entry: source.version }, ...source.signings.map((entry) => ({ role: 'signing' as const, entry }))];
  const needed = Math.max(...entries.map(({ entry }) => entry.index)) + 1;
  // The last signature may have arrived within the second: sign what is pending first.
  let checkpoint = await checkpointNote(services, compartment);
  if (!checkpoint || checkpoint.size < needed) {
    await record.checkpointer.signPending();
    checkpoint = await checkpointNote(services, compartment);
  }
  if (!checkpoint || checkpoint.size < needed) throw new DomainError('conflict', 'no checkpoint covers the last signature yet; try again in a second');
  const size = checkpoint.size;
  const proved = await Promise.all(
    entries.map(async ({ role, entry }) => ({
      role,
      index: entry.index,
      signedEnvelope: entry.signed,
      inclusionProof: (await record.store.inclusionProof(compartment, entry.index, size)).map(base64Encode),
    })),
  );
  const parties = (record.cell.audiences.get(compartment) ?? []).map((id) => ({ id, kind: record.cell.partyKinds.get(id) ?? 'observer' }));
  return {
    format: DOCUMENT_PROOF_FORMAT,
    cell: record.cellId,
    logKey: record.logKey.verifierKey,
    compartment,
    origin: compartmentOrigin(record.cellId, compartment),
    parties,
    document: { id: source.document.id, type: source.document.type, version: source.version.itemId, number: source.version.number, signers: [...source.signers] },
    checkpoint: checkpoint.note,
    entries: proved,
    devices: await devicesFor(services, entries.map(({ entry }) => entry.signed.envelope.device)),
  };
}
