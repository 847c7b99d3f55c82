import fs from 'node:fs';
import path from 'node:path';
import type { DemoLogin } from './initialize-cell.ts';

/** Writes generated logins readable by the file's owner only. */
export function writeLoginsFile(file: string, logins: DemoLogin[]): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.writeFileSync(file, `${JSON.stringify(logins, null, 2)}\n`, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
}
