import { z } from 'zod';
import { documentDeclaration, documentStatus, PartyKind, SIGNING_ACTS, type DocumentSigning } from '@fusion-cell/protocol';
import {
  base64Decode,
  base64UrlDecode,
  BundleDevice,
  compartmentOrigin,
  constantTimeEqual,
  formatTlogProof,
  isDeviceValidAt,
  itemId,
  leafData,
  logKeyName,
  parseVerifierKey,
  resolveDeviceValidity,
  SignedEnvelope,
  TlogProofError,
  verifyEnvelopeSignature,
  verifyTlogProof,
  type VerifierKey,
} from '@fusion-cell/record';
import { nodeVerifier } from '@fusion-cell/record/node';

export const DOCUMENT_PROOF_FILE = 'fusion-cell-proof.json';
const PRINTED_TYPES = ['minutes', 'joint.text'];

/** The proof a Fusion Cell PDF carries (`fusion-cell/document-proof@1`); entries are checked one by one. */
const DocumentProofFile = z.object({
  format: z.literal('fusion-cell/document-proof@1'),
  cell: z.string(),
  logKey: z.string(),
  compartment: z.string(),
  origin: z.string(),
  parties: z.array(z.object({ id: z.string(), kind: PartyKind })).max(100),
  document: z.object({ id: z.string(), type: z.string(), version: z.string(), number: z.int().positive(), signers: z.array(z.string()).max(100) }),
  checkpoint: z.string().max(16 * 1024),
  entries: z
    .array(z.object({ role: z.enum(['version', 'signing']), index: z.int().nonnegative(), signedEnvelope: z.unknown(), inclusionProof: z.array(z.string()).max(64) }))
    .min(1)
    .max(1000),
  devices: z.array(BundleDevice).max(1000),
});
type DocumentProofFile = z.infer<typeof DocumentProofFile>;

/** Each way a PDF's proof can fail, in the order they are checked. */
export type DocumentProofFailure =
  | 'attachment_missing'
  | 'proof_malformed'
  | 'log_key_untrusted'
  | 'entry_malformed'
  | 'entry_misplaced'
  | 'checkpoint_invalid'
  | 'inclusion_invalid'
  | 'device_attestation_invalid'
  | 'signature_invalid'
  | 'version_mismatch'
  | 'signing_mismatch'
  | 'not_signed_by_all'
  | 'pdf_version_mismatch';

export interface CheckedAct {
  party: string;
  act: string;
  author: string;
  device: string;
  authoredAt: string;
  item: string;
}

export type DocumentProofCheck =
  | {
      ok: true;
      type: string;
      document: string;
      version: string;
      number: number;
      origin: string;
      checkpointSize: number;
      checkpointTime: string;
      logKey: string;
      keyTrust: 'given' | 'pinned' | 'embedded';
      signers: string[];
      acts: CheckedAct[];
    }
  | { ok: false; code: DocumentProofFailure; message: string };

export interface DocumentProofOptions {
  /** The key the reader trusts for a cell (given or pinned); without one, the embedded key is used and said to be. */
  trustedKey?: (cell: string) => TrustedKey | undefined;
  /** The version id the PDF names in its document information. */
  pdfVersion?: string;
}

export interface TrustedKey {
  key: VerifierKey;
  source: 'given' | 'pinned';
}

class Failure extends Error {
  constructor(
    readonly code: DocumentProofFailure,
    message: string,
  ) {
    super(message);
  }
}

function parseProof(bytes: Uint8Array | undefined): DocumentProofFile {
  if (!bytes) throw new Failure('attachment_missing', `the PDF has no attached ${DOCUMENT_PROOF_FILE}: it was not made by Fusion Cell, or the attachment was removed`);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new Failure('proof_malformed', `${DOCUMENT_PROOF_FILE} is not JSON`);
  }
  const parsed = DocumentProofFile.safeParse(json);
  if (!parsed.success) throw new Failure('proof_malformed', `${DOCUMENT_PROOF_FILE}: ${parsed.error.issues[0]?.path.join('.') || '(file)'}: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

/** The log key the checks run against: the trusted one, which the embedded key must equal. */
function logKeyOf(proof: DocumentProofFile, trusted: TrustedKey | undefined): VerifierKey {
  let embedded: VerifierKey;
  try {
    embedded = parseVerifierKey(proof.logKey);
  } catch (error) {
    throw new Failure('proof_malformed', `the embedded log key is not a verifier key: ${(error as Error).message}`);
  }
  if (embedded.name !== logKeyName(proof.cell)) throw new Failure('log_key_untrusted', `the embedded log key ${embedded.name} is not the key of cell ${proof.cell}`);
  if (!trusted) return embedded;
  const same = trusted.key.name === embedded.name && constantTimeEqual(trusted.key.publicKey, embedded.publicKey);
  if (!same) throw new Failure('log_key_untrusted', `the proof is signed with the log key ${proof.logKey}, not with the ${trusted.source} key ${trusted.key.name}`);
  return trusted.key;
}

/**
 * Checks a PDF's proof offline, as a checklist that stops at the first failure: the log key,
 * each entry's place, inclusion and checkpoint, the devices' signed history and each entry's
 * signature, that the acts are on this version, and that every party that must sign did.
 */
export async function checkDocumentProof(bytes: Uint8Array | undefined, options: DocumentProofOptions = {}): Promise<DocumentProofCheck> {
  try {
    return await runChecks(parseProof(bytes), options);
  } catch (error) {
    if (error instanceof Failure) return { ok: false, code: error.code, message: error.message };
    throw error;
  }
}

async function runChecks(proof: DocumentProofFile, options: DocumentProofOptions): Promise<DocumentProofCheck> {
  const verifier = nodeVerifier();
  const trusted = options.trustedKey?.(proof.cell);
  const logKey = logKeyOf(proof, trusted);
  const origin = compartmentOrigin(proof.cell, proof.compartment);
  if (proof.origin !== origin) throw new Failure('entry_misplaced', `the proof names the log ${proof.origin}, not ${origin}`);

  // Entries: in this cell's compartment, included in the checkpoint the log key signed.
  const entries: { role: 'version' | 'signing'; index: number; signed: SignedEnvelope; id: string }[] = [];
  let checkpoint: { size: number; time: number } | undefined;
  for (const [position, entry] of proof.entries.entries()) {
    const parsed = SignedEnvelope.safeParse(entry.signedEnvelope);
    if (!parsed.success) throw new Failure('entry_malformed', `entry ${position} is not a signed envelope`);
    const signed = parsed.data;
    if (signed.envelope.cell !== proof.cell || signed.envelope.compartment !== proof.compartment) {
      throw new Failure('entry_misplaced', `entry ${position} belongs to ${signed.envelope.cell}/${signed.envelope.compartment}, not to ${proof.cell}/${proof.compartment}`);
    }
    let hashes: Uint8Array[];
    try {
      hashes = entry.inclusionProof.map(base64Decode);
    } catch {
      throw new Failure('proof_malformed', `entry ${position}: an inclusion proof hash is not base64`);
    }
    try {
      const verified = await verifyTlogProof(formatTlogProof({ extra: leafData(signed), index: entry.index, inclusionProof: hashes, checkpoint: proof.checkpoint }), { logKey, origin, verifier });
      checkpoint = { size: verified.checkpoint.size, time: verified.checkpoint.time ?? 0 };
    } catch (error) {
      if (!(error instanceof TlogProofError)) throw error;
      const code = error.code === 'checkpoint_invalid' ? 'checkpoint_invalid' : error.code === 'proof_malformed' ? 'proof_malformed' : 'inclusion_invalid';
      throw new Failure(code, `entry ${position} (#${entry.index}): ${error.message}`);
    }
    entries.push({ role: entry.role, index: entry.index, signed, id: itemId(signed) });
  }

  // Authors: each device's key history, then each entry's signature by a device valid then.
  const { validity, problems } = await resolveDeviceValidity(proof.cell, proof.devices, logKey.publicKey, verifier);
  const [problem] = problems;
  if (problem) throw new Failure('device_attestation_invalid', `device ${problem.device}, attestation ${problem.attestation}: ${problem.message}`);
  const devices = new Map(proof.devices.map((device) => [device.id, device]));
  for (const entry of entries) {
    const { envelope } = entry.signed;
    const device = devices.get(envelope.device);
    if (!device || device.member !== envelope.author) throw new Failure('signature_invalid', `item ${entry.id}: device ${envelope.device} of ${envelope.author} is not in the proof`);
    if (!isDeviceValidAt(validity.get(device.id), envelope.authoredAt)) throw new Failure('signature_invalid', `item ${entry.id}: device ${device.id} was not approved (or was revoked) at ${envelope.authoredAt}`);
    if (!(await verifyEnvelopeSignature(entry.signed, base64UrlDecode(device.publicKey), verifier))) {
      throw new Failure('signature_invalid', `item ${entry.id}: the author's signature does not verify`);
    }
  }

  // The version: the one the proof names, of a type that is printed.
  const versions = entries.filter((entry) => entry.role === 'version');
  const version = versions[0];
  if (versions.length !== 1 || !version) throw new Failure('version_mismatch', 'the proof must hold exactly one version');
  if (version.id !== proof.document.version) throw new Failure('version_mismatch', `the version entry is ${version.id}, but the proof names version ${proof.document.version}`);
  const declaration = documentDeclaration(version.signed.envelope.type);
  if (!declaration || !PRINTED_TYPES.includes(version.signed.envelope.type) || version.signed.envelope.type !== proof.document.type) {
    throw new Failure('version_mismatch', `the version is a ${version.signed.envelope.type}, not agreed minutes or a joint text`);
  }

  // The acts: document.sign items on exactly this version, each by its device's party.
  const acts: (DocumentSigning & CheckedAct)[] = [];
  for (const entry of entries.filter((candidate) => candidate.role === 'signing')) {
    const { envelope } = entry.signed;
    const payload = envelope.payload as { act?: unknown; version?: unknown };
    if (envelope.type !== 'document.sign' || envelope.references[0] !== version.id || payload.version !== version.id) {
      throw new Failure('signing_mismatch', `item ${entry.id} is not an act on version ${version.id}`);
    }
    const act = SIGNING_ACTS.find((candidate) => candidate === payload.act);
    if (!act) throw new Failure('signing_mismatch', `item ${entry.id} performs no known act`);
    const party = devices.get(envelope.device)?.party ?? '';
    acts.push({ version: version.id, party, act, item: entry.id, receivedAt: entry.index, author: envelope.author, device: envelope.device, authoredAt: envelope.authoredAt });
  }

  // Every party that must sign did, by the protocol's own rules (log order is receipt order).
  const signers = declaration.signers(proof.parties, version.signed.envelope.payload);
  const status = documentStatus(declaration, [{ id: version.id, number: proof.document.number, authorParty: '', receivedAt: version.index, signers }], acts);
  if (status.inForce?.id !== version.id) {
    throw new Failure('not_signed_by_all', `version ${proof.document.number} is not signed by every party that must: ${status.latest.awaiting.join(', ')} still to give ${status.latest.nextAct ?? 'their act'}`);
  }
  if (options.pdfVersion !== undefined && options.pdfVersion !== version.id) {
    throw new Failure('pdf_version_mismatch', `the PDF names version ${options.pdfVersion}, but its proof is for version ${version.id}`);
  }
  return {
    ok: true,
    type: version.signed.envelope.type,
    document: proof.document.id,
    version: version.id,
    number: proof.document.number,
    origin,
    checkpointSize: checkpoint?.size ?? 0,
    checkpointTime: new Date((checkpoint?.time ?? 0) * 1000).toISOString(),
    logKey: proof.logKey,
    keyTrust: trusted?.source ?? 'embedded',
    signers,
    acts: acts.map(({ party, act, author, device, authoredAt, item }) => ({ party, act, author, device, authoredAt, item })),
  };
}
