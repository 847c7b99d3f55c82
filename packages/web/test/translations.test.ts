import { describe, expect, it } from 'vitest';
import { RESOURCES } from '../src/i18n/resources.ts';

type Tree = { [key: string]: string | Tree };

/** Every leaf as "a.b.c" → text. */
function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const leaves = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (typeof value === 'string') leaves.set(path, value);
    else for (const [leaf, text] of flatten(value, path)) leaves.set(leaf, text);
  }
  return leaves;
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1] ?? '').sort();
}

const english = flatten(RESOURCES.en);

describe.each([
  ['ar', RESOURCES.ar],
  ['he', RESOURCES.he],
])('the %s translation', (_language, resources) => {
  const translated = flatten(resources);

  it('has exactly the keys of the English one', () => {
    expect([...translated.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it('keeps every placeholder, so no name or time is dropped', () => {
    for (const [key, text] of english) expect(placeholders(translated.get(key) ?? ''), key).toEqual(placeholders(text));
  });

  it('is translated, not copied from English, except for names that are the same everywhere', () => {
    const sameEverywhere = new Set(['app.name', 'app.documentTitle', 'language.names.en', 'language.names.ar', 'language.names.he']);
    const copied = [...english].filter(([key, text]) => !sameEverywhere.has(key) && translated.get(key) === text).map(([key]) => key);
    expect(copied).toEqual([]);
  });
});
