// Receipts of the items this client sent, so its witness can check they stay in the log: a
// server that drops or replaces a party's own message in the history it shows that party
// is caught by the party itself.

import fs from 'node:fs';
import { InclusionProof } from '@fusion-cell/protocol';
import { base64Decode, base64UrlDecode, verifyInclusion, type OpenedCheckpoint } from '@fusion-cell/record';
import { z } from 'zod';
import type { ApiClient } from './api-client.ts';
import { homePaths } from './client-home.ts';
import { writePrivateFile } from './private-file.ts';

const SentItem = z.strictObject({
  id: z.string(),
  index: z.int().nonnegative(),
  /** Size of the first checkpoint proven to include it; later ones are consistent with it. */
  includedAtSize: z.int().positive().optional(),
});
type SentItem = z.infer<typeof SentItem>;
const SentItems = z.array(SentItem);

function read(file: string): SentItem[] {
  try {
    return SentItems.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
  } catch {
    return []; // none yet, or a damaged file: nothing to hold the log to
  }
}

/** Remembers a receipt of an item this client sent. */
export function rememberSentItem(home: string, cell: string, receipt: { id: string; compartment: string; index: number }): void {
  const file = homePaths.sentItems(home, cell, receipt.compartment);
  const items = read(file);
  if (items.some((item) => item.id === receipt.id)) return;
  writePrivateFile(file, `${JSON.stringify([...items, { id: receipt.id, index: receipt.index }], null, 1)}\n`);
}

/**
 * Checks that every item this client sent and the checkpoint now covers is included at the
 * index of its receipt, with an inclusion proof from the server verified against the
 * checkpoint's root. Items already proven at an earlier (consistent) checkpoint are not asked
 * again. Returns the problems found; marks the items proven.
 */
export async function checkSentItems(api: ApiClient, home: string, cell: string, compartment: string, checkpoint: OpenedCheckpoint): Promise<{ checked: number; problems: string[] }> {
  const file = homePaths.sentItems(home, cell, compartment);
  const items = read(file);
  const problems: string[] = [];
  let checked = 0;
  for (const item of items) {
    if (item.includedAtSize !== undefined || item.index >= checkpoint.size) continue;
    const proof = await api.getJson(`/api/v1/compartments/${encodeURIComponent(compartment)}/proof/inclusion?index=${item.index}&size=${checkpoint.size}`, InclusionProof);
    let included = false;
    try {
      included = proof.index === item.index && proof.size === checkpoint.size && verifyInclusion(base64UrlDecode(item.id), item.index, checkpoint.size, proof.hashes.map(base64Decode), checkpoint.rootHash);
    } catch {
      included = false;
    }
    if (!included) problems.push(`the item ${item.id} this client sent (entry #${item.index}) is not in the log at size ${checkpoint.size}`);
    else {
      item.includedAtSize = checkpoint.size;
      checked += 1;
    }
  }
  if (checked > 0) writePrivateFile(file, `${JSON.stringify(items, null, 1)}\n`);
  return { checked, problems };
}
