import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SOURCE = resolve(dirname(fileURLToPath(import.meta.url)), '../src');

// Follows the relative imports of a module and returns every bare or node: specifier reached.
function externalImports(file: string, seen = new Set<string>()): Set<string> {
  const found = new Set<string>();
  if (seen.has(file)) return found;
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  for (const match of text.matchAll(/^\s*(?:import|export)[^'"]*?from\s+'([^']+)'/gm)) {
    const specifier = match[1]!;
    if (specifier.startsWith('.')) {
      for (const inner of externalImports(resolve(dirname(file), specifier), seen)) found.add(inner);
    } else found.add(specifier);
  }
  return found;
}

describe('browser safety', () => {
  it('the main entry point reaches no node: module and no dependency beyond the pure ones', () => {
    const imports = [...externalImports(resolve(SOURCE, 'index.ts'))];
    expect(imports.filter((specifier) => specifier.startsWith('node:'))).toEqual([]);
    expect(new Set(imports.map((specifier) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/')))).toEqual(
      new Set(['zod', 'canonicalize', '@noble/hashes']),
    );
  });

  it('the node entry point is where node:crypto lives', () => {
    expect(externalImports(resolve(SOURCE, 'node/index.ts'))).toContain('node:crypto');
  });
});
