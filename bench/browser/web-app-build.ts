import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Builds the web app from the sources as they are into `outDir`, where no one else's build
 * can reach it. Resolves with the reason it could not, or undefined once it is built.
 */
export async function buildWebApp(outDir: string, log: (line: string) => void): Promise<string | undefined> {
  const vite = path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  if (!fs.existsSync(vite)) return `the web app cannot be built: ${vite} is missing (npm install)`;
  const started = performance.now();
  const child = spawn(process.execPath, [vite, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: path.join(ROOT, 'packages', 'web'),
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const code = await new Promise<number | null>((resolve) => {
    child.once('error', () => resolve(null));
    child.once('close', resolve);
  });
  if (code !== 0 || !fs.existsSync(path.join(outDir, 'index.html'))) {
    console.error(output);
    // The line that says what went wrong: the one after "Build failed with 1 error:", or the first.
    const lines = stripVTControlCharacters(output)
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    const failed = lines.findIndex((line) => line.startsWith('Build failed'));
    const cause = lines[failed + 1] ?? lines[0] ?? '';
    return `the web app in packages/web does not build (exit ${code}): ${cause.slice(0, 200)}`;
  }
  log(`web app built in ${Math.round(performance.now() - started)} ms`);
  return undefined;
}
