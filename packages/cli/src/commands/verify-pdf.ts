import fs from 'node:fs';
import { ClientError } from '../client/client-error.ts';
import { homePath } from '../client/client-home.ts';
import { readState } from '../client/client-state.ts';
import { readPdfAttachments } from '../client/pdf-attachment.ts';
import { parseLogKeyFlag } from '../client/proof-check.ts';
import { checkDocumentProof, DOCUMENT_PROOF_FILE, type DocumentProofCheck, type TrustedKey } from '../client/verify-document-proof.ts';

export interface VerifyPdfFlags {
  /** A log verifier key, or a file holding one. */
  key?: string;
  home?: string;
  json?: boolean;
}

/** Whether the bytes are a PDF, by its header; bundles and proofs start otherwise. */
export function isPdf(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '%PDF-';
}

function keyFromFlag(value: string): TrustedKey {
  const text = fs.existsSync(value) && fs.statSync(value).isFile() ? fs.readFileSync(value, 'utf8').trim() : value;
  return { key: parseLogKeyFlag(text), source: 'given' };
}

/**
 * The key pinned for the cell by this client's logins, read without touching the home
 * directory: verifying a file must work on a machine that never logged in.
 */
function pinnedKey(home: string | undefined, cell: string): TrustedKey | undefined {
  const directory = homePath(home);
  const pinned = readState(directory)?.logKeys[cell];
  return pinned ? { key: parseLogKeyFlag(pinned), source: 'pinned' } : undefined;
}

/** `fusion-cell verify FILE.pdf`: the attached proof checked offline; exit 1 on the first failure. */
export async function verifyPdf(file: string, bytes: Uint8Array, flags: VerifyPdfFlags): Promise<void> {
  const given = flags.key === undefined ? undefined : keyFromFlag(flags.key);
  let attachments;
  try {
    attachments = await readPdfAttachments(bytes);
  } catch (error) {
    throw new ClientError(`${file} cannot be read as a PDF: ${(error as Error).message}`);
  }
  const result = await checkDocumentProof(attachments.files.get(DOCUMENT_PROOF_FILE), {
    trustedKey: (cell) => given ?? pinnedKey(flags.home, cell),
    ...(attachments.subject !== undefined ? { pdfVersion: attachments.subject } : {}),
  });
  if (flags.json) console.log(JSON.stringify({ kind: 'pdf', file, ...result }, null, 2));
  else process.stdout.write(formatDocumentProofCheck(file, result));
  if (!result.ok) process.exitCode = 1;
}

const TRUST: Record<'given' | 'pinned' | 'embedded', string> = {
  given: 'the key given with --log-key',
  pinned: 'the key this client pinned for the cell',
  embedded: 'NOT CHECKED against a key you trust: the key in the file itself (give --log-key, or log in to the cell once to pin it)',
};

/** The verdict on a PDF, for a terminal. */
export function formatDocumentProofCheck(file: string, result: DocumentProofCheck): string {
  if (!result.ok) return `FAILED: ${file}: [${result.code}] ${result.message}\n`;
  const kind = result.type === 'minutes' ? 'agreed minutes' : 'signed joint text';
  const lines = [
    `VERIFIED: ${file} — ${kind}, version ${result.number}, in force: every party that must sign (${result.signers.join(', ')}) did.`,
    `  version ${result.version} (document ${result.document})`,
    `  log ${result.origin}, checkpoint of size ${result.checkpointSize} signed at ${result.checkpointTime}`,
    `  log key ${result.logKey}: ${TRUST[result.keyTrust]}`,
    ...result.acts.map((act) => `  ${act.act} of ${act.party} by ${act.author} (device ${act.device}), authored ${act.authoredAt}, item ${act.item}`),
    '  Every signature, device attestation and inclusion proof was checked against the signed checkpoint.',
    '  The proof covers the signed entries, not the page itself: check that the version id printed on the PDF is the one above.',
  ];
  return `${lines.join('\n')}\n`;
}
