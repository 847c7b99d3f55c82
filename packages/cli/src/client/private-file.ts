import fs from 'node:fs';
import path from 'node:path';

/** Creates a directory (and its parents) readable by the owner only. */
export function ensurePrivateDirectory(directory: string): void {
  fs.mkdirSync(directory, { recursive: true, mode: 0o700 });
}

/**
 * Writes a file readable by the owner only, atomically: a reader (or a crash) never sees half
 * a state file or half a bundle. The mode is set on the temporary file before any content is
 * written, so the data is never readable by others, even for an instant.
 */
export function writePrivateFile(file: string, content: string | Uint8Array): void {
  ensurePrivateDirectory(path.dirname(file));
  const temporary = `${file}.${process.pid}.tmp`;
  const handle = fs.openSync(temporary, 'w', 0o600);
  try {
    fs.fchmodSync(handle, 0o600);
    fs.writeFileSync(handle, content);
    fs.fsyncSync(handle);
  } finally {
    fs.closeSync(handle);
  }
  fs.renameSync(temporary, file);
}

/** Creates a file readable by the owner only; refuses to overwrite one (key files). */
export function createPrivateFile(file: string, content: string): void {
  ensurePrivateDirectory(path.dirname(file));
  fs.writeFileSync(file, content, { mode: 0o600, flag: 'wx' });
}
