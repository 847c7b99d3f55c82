import fs from 'node:fs';
import { Command } from 'commander';
import { formatReport } from '@fusion-cell/record';
import { ClientError } from '../client/client-error.ts';
import { checkTlogProof, parseLogKeyFlag, type ProofCheck } from '../client/proof-check.ts';
import { checkBundle } from '../client/verify-bundle-file.ts';
import { readCheckpointEvidence, readLeafFile, readVerifyInput } from '../client/verify-input.ts';
import { isPdf, verifyPdf } from './verify-pdf.ts';

interface VerifyFlags {
  logKey?: string;
  origin?: string;
  leafFile?: string;
  leafHash?: string;
  checkpoint: string[];
  json?: boolean;
  home?: string;
}

const collect = (value: string, previous: string[]) => [...previous, value];

export function verifyCommand(): Command {
  return new Command('verify')
    .description('verify, offline, an export bundle, a c2sp.org/tlog-proof@v1 file or a downloaded PDF of agreed minutes or a signed text; exits 1 unless everything holds')
    .argument('<file>', 'a bundle (from export), a tlog-proof (from prove) or a PDF (from the web app)')
    .option('--log-key <key>', 'the log verifier key (name+hash+base64key); required for a proof, checked against a bundle; for a PDF, the key or a file holding it (default: the key this client pinned)')
    .option('--origin <origin>', "proof only: the log origin the checkpoint must name (default: any compartment of a cell's key, else the key's name)")
    .option('--leaf-file <file>', 'proof only: the entry (leaf data) the proof must include')
    .option('--leaf-hash <hash>', 'proof only: the leaf hash (base64 or base64url) the proof must include')
    .option('--checkpoint <file>', 'bundle only: a signed checkpoint from elsewhere (or a directory of .note files) that must agree with the bundle; repeatable', collect, [])
    .option('--home <dir>', 'PDF only: the client home whose pinned log key is trusted (env FUSION_CELL_HOME, default ~/.config/fusion-cell)')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, flags: VerifyFlags) => {
      const pdf = readPdfIfAny(file);
      if (pdf) {
        if (flags.checkpoint.length > 0 || flags.origin !== undefined || flags.leafFile || flags.leafHash !== undefined) {
          throw new ClientError('--checkpoint, --origin, --leaf-file and --leaf-hash do not apply to a PDF');
        }
        const key = flags.logKey;
        await verifyPdf(file, pdf, { ...(key !== undefined ? { key } : {}), ...(flags.home !== undefined ? { home: flags.home } : {}), ...(flags.json ? { json: true } : {}) });
        return;
      }
      if (flags.home !== undefined) throw new ClientError('--home applies to a PDF');
      const input = readVerifyInput(file);
      if (input.kind === 'tlog-proof') {
        if (flags.checkpoint.length > 0) throw new ClientError('--checkpoint applies to bundles, not to a tlog-proof');
        if (!flags.logKey) throw new ClientError('a tlog-proof is verified against the log key: give --log-key name+hash+base64key');
        if (flags.leafFile && flags.leafHash) throw new ClientError('give --leaf-file or --leaf-hash, not both');
        const result = await checkTlogProof(input.text, {
          logKey: flags.logKey,
          ...(flags.origin !== undefined ? { origin: flags.origin } : {}),
          ...(flags.leafFile ? { leafData: readLeafFile(flags.leafFile) } : {}),
          ...(flags.leafHash !== undefined ? { leafHash: flags.leafHash } : {}),
        });
        if (flags.json) console.log(JSON.stringify({ kind: 'tlog-proof', ...result }, null, 2));
        else process.stdout.write(formatProofCheck(result));
        if (!result.ok) process.exitCode = 1;
        return;
      }
      if (flags.origin !== undefined || flags.leafFile || flags.leafHash !== undefined) {
        throw new ClientError('--origin, --leaf-file and --leaf-hash apply to a tlog-proof, not to a bundle');
      }
      const report = await checkBundle(input.bundle, {
        evidence: readCheckpointEvidence(flags.checkpoint),
        ...(flags.logKey !== undefined ? { expectedLogKey: parseLogKeyFlag(flags.logKey) } : {}),
      });
      if (flags.json) console.log(JSON.stringify({ kind: 'bundle', ...report }, null, 2));
      else process.stdout.write(formatReport(report));
      if (!report.ok) process.exitCode = 1;
    });
}

/** The file's bytes when it is a PDF; anything else is left to the bundle and proof readers. */
function readPdfIfAny(file: string): Uint8Array | undefined {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    return undefined; // readVerifyInput says why the file cannot be read
  }
  return isPdf(bytes) ? new Uint8Array(bytes) : undefined;
}

/** The verdict on a proof, for a terminal. */
export function formatProofCheck(result: ProofCheck): string {
  if (!result.ok) return `FAILED: [${result.rule}] ${result.code}: ${result.message}\n`;
  const lines = [
    `VERIFIED: entry #${result.index} is in the log ${result.origin} of size ${result.size}${result.checkpointTime ? `, checkpoint signed at ${result.checkpointTime}` : ''}.`,
    `  leaf hash ${result.leafHash}`,
  ];
  const envelope = result.signedEnvelope?.envelope;
  if (envelope && result.itemId) {
    lines.push(`  item ${result.itemId}: ${envelope.type} on track ${envelope.track} by ${envelope.author} (device ${envelope.device}), authored ${envelope.authoredAt}`);
    const text = (envelope.payload as { text?: unknown }).text;
    if (typeof text === 'string') lines.push(`  text: ${JSON.stringify(text)}`);
    lines.push("  The author's own signature is not checked here: a proof does not carry the device key (a bundle does).");
  }
  return `${lines.join('\n')}\n`;
}
