import { hexEncode, parseVerifierKey, sha256Hash, type VerifierKey } from '@fusion-cell/record';
import { trustStore, type PinnedLogKey } from './trust-store.ts';

/**
 * A log key's fingerprint for people: SHA-256 of the raw public key, in groups of four hex
 * digits, so two watch rooms can read it to each other over the phone and compare.
 */
export function logKeyFingerprint(key: VerifierKey): string {
  return (hexEncode(sha256Hash(key.publicKey)).match(/.{4}/g) ?? []).join(' ');
}

export type PinOutcome =
  | { status: 'pinned' | 'matches'; pin: PinnedLogKey; key: VerifierKey }
  | { status: 'changed'; pin: PinnedLogKey; key: VerifierKey; served: string }
  | { status: 'invalid'; served: string; problem: string };

/**
 * Trust on first use: the first log key this browser sees for the cell is kept, and every
 * later answer must show the same one. A different key is never adopted here; everything
 * goes on being verified with the pinned one, so whatever the new key signed fails.
 */
export async function checkLogKey(cellId: string, served: string): Promise<PinOutcome> {
  const pin = await trustStore.pinnedLogKey(cellId);
  if (pin) {
    const key = parseVerifierKey(pin.verifierKey);
    return pin.verifierKey === served ? { status: 'matches', pin, key } : { status: 'changed', pin, key, served };
  }
  let key: VerifierKey;
  try {
    key = parseVerifierKey(served);
  } catch (error) {
    return { status: 'invalid', served, problem: (error as Error).message };
  }
  if (key.name !== `fusion-cell/${cellId}`) return { status: 'invalid', served, problem: `the key is named ${key.name}, not fusion-cell/${cellId}` };
  const pinned: PinnedLogKey = { verifierKey: served, pinnedAt: new Date().toISOString() };
  await trustStore.pinLogKey(cellId, pinned);
  return { status: 'pinned', pin: pinned, key };
}
