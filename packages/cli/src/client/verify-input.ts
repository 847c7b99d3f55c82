import fs from 'node:fs';
import path from 'node:path';
import { ClientError } from './client-error.ts';
import type { CheckpointEvidence } from './split-view.ts';

const TLOG_PROOF_HEADER = 'c2sp.org/tlog-proof@v1\n';

export type VerifyInput = { kind: 'bundle'; bundle: unknown } | { kind: 'tlog-proof'; text: string };

function readFile(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    throw new ClientError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/** Tells a bundle from a tlog-proof by its first bytes; anything else is refused. */
export function readVerifyInput(file: string): VerifyInput {
  const text = readFile(file).toString('utf8');
  if (text.startsWith(TLOG_PROOF_HEADER)) return { kind: 'tlog-proof', text };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ClientError(`${file} is neither an export bundle (JSON) nor a c2sp.org/tlog-proof@v1 file`);
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new ClientError(`${file} is JSON but not an export bundle (expected an object with "format": "fusion-cell/bundle@1")`);
  }
  return { kind: 'bundle', bundle: json };
}

/** The leaf data of a proof from a file, as raw bytes. */
export function readLeafFile(file: string): Uint8Array {
  return new Uint8Array(readFile(file));
}

/**
 * Signed checkpoints from files, or from every `.note` file under a directory (a client's
 * `checkpoints/<cell>` folder can be given as it is).
 */
export function readCheckpointEvidence(paths: readonly string[]): CheckpointEvidence[] {
  const evidence: CheckpointEvidence[] = [];
  const visit = (file: string, fromDirectory: boolean) => {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch {
      throw new ClientError(`cannot read the checkpoint ${file}`);
    }
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(file).sort()) visit(path.join(file, name), true);
    } else if (!fromDirectory || file.endsWith('.note')) {
      evidence.push({ source: file, note: readFile(file).toString('utf8') });
    }
  };
  for (const file of paths) visit(file, false);
  return evidence;
}
