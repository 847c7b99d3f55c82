import { hexEncode, parseVerifierKey, sha256Hash, type VerifierKey } from '@fusion-cell/record';
import type { RaisedAlarms } from './raised-alarms.ts';
import type { LogKeyView } from './sync-types.ts';
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

/**
 * The log key a sync verifies with, and what the record page shows of it. A served key that
 * is unusable or differs from the pin raises an alarm about the cell; the pinned key, if any,
 * stays the one everything is verified with.
 */
export class LogKeyTrust {
  key: VerifierKey | null = null;
  view: LogKeyView = { pinned: null, served: null };

  constructor(
    private readonly cellId: string,
    private readonly alarms: RaisedAlarms,
  ) {}

  async check(served: string): Promise<void> {
    const outcome = await checkLogKey(this.cellId, served);
    if (outcome.status === 'invalid') {
      this.view = { pinned: null, served: { verifierKey: served, fingerprint: '' } };
      await this.alarms.raise(null, 'log_key_invalid', {}, `the log key the server shows cannot be used: ${outcome.problem}`);
      return;
    }
    this.key = outcome.key;
    const pinned = { verifierKey: outcome.pin.verifierKey, fingerprint: logKeyFingerprint(outcome.key), pinnedAt: outcome.pin.pinnedAt };
    if (outcome.status !== 'changed') {
      this.view = { pinned, served: null };
      return;
    }
    let fingerprint = '';
    try {
      fingerprint = logKeyFingerprint(parseVerifierKey(outcome.served));
    } catch {
      // Unreadable: shown as the key text alone.
    }
    this.view = { pinned, served: { verifierKey: outcome.served, fingerprint } };
    await this.alarms.raise(null, 'log_key_changed', {}, `the server now shows log key ${outcome.served}; this browser pinned ${outcome.pin.verifierKey} on ${outcome.pin.pinnedAt}`);
  }
}
