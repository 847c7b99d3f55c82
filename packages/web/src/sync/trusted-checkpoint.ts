import { addSignatureLines, openCheckpoint, type OpenedCheckpoint, type SignatureVerifier, type VerifierKey } from '@fusion-cell/record';
import { api } from '../api/endpoints.ts';
import { checkCheckpoint } from './checkpoint-monitor.ts';
import type { CompartmentState } from './compartment-state.ts';
import { readCosigners } from './cosigning.ts';
import { isRefusal } from './server-refusal.ts';
import type { SyncServices } from './sync-services.ts';
import { trustStore, type StoredCheckpoint } from './trust-store.ts';

/**
 * On the first round of a session, the checkpoint verified in an earlier one, so items below
 * its size can be proven at once instead of after the server's next checkpoint.
 */
export async function resumeStoredCheckpoint(state: CompartmentState, logKey: VerifierKey, services: SyncServices): Promise<void> {
  if (state.trusted || !state.stored) return;
  state.trusted = await reopen(state.stored, state.origin, logKey, services.verifier);
  await readCompartmentCosigners(state, logKey, services);
}

async function reopen(stored: StoredCheckpoint, origin: string, logKey: VerifierKey, verifier: SignatureVerifier): Promise<OpenedCheckpoint | null> {
  try {
    return await openCheckpoint(stored.note, logKey, verifier, { origin });
  } catch {
    // checkCheckpoint reports it, with the new checkpoint in hand.
    return null;
  }
}

/**
 * Checks the latest checkpoint the server shows (or a stream brings) against the one verified
 * here, and makes it the compartment's trusted checkpoint when it follows; when it does not,
 * the alarm keeps both signed notes as evidence.
 */
export async function takeLatestCheckpoint(state: CompartmentState, note: string | null, logKey: VerifierKey, fromStream: boolean, services: SyncServices): Promise<void> {
  const { alarms, scope, verifier } = services;
  if (note === null) {
    if (state.stored && state.stored.size > 0) {
      await alarms.raise(state, 'checkpoint_shrank', { size: 0, previousSize: state.stored.size }, `the log shows no checkpoint, but this browser verified size ${state.stored.size}`);
    }
    return;
  }
  if (note === state.lastNote) return;
  const verdict = await checkCheckpoint(note, state.stored, {
    origin: state.origin,
    logKey,
    verifier,
    consistencyProof: (from, to) => api.consistencyProof(state.id, from, to),
    isRefusal,
    mayBeLate: fromStream,
  });
  if (!verdict.ok) {
    state.consistency = { status: 'alarm' };
    // Both signed notes are kept: together they prove what the log did, to anyone.
    await alarms.raise(state, verdict.code, verdict.values, verdict.detail, state.stored ? [state.stored.note, note] : [note]);
    return;
  }
  // An older checkpoint delivered late, from which the one verified here follows: old news.
  if (verdict.relation === 'earlier') return;
  state.trusted = verdict.relation === 'same' ? await withKnownCosignatures(note, verdict.checkpoint, state.trusted, logKey, verifier) : verdict.checkpoint;
  state.lastNote = note;
  // Only new cosignature lines on the same tree say nothing new about its history.
  if (verdict.relation === 'extended') state.consistency = { status: 'extended', from: verdict.from ?? 0 };
  else if (verdict.relation === 'first' || state.consistency.status === 'unknown') state.consistency = { status: verdict.relation };
  if (verdict.relation !== 'same') {
    // Kept before anything builds on it: the next check compares against this one.
    state.stored = { note, size: verdict.checkpoint.size, verifiedAt: new Date().toISOString() };
    await trustStore.saveCheckpoint(scope, state.id, state.stored);
  }
  await readCompartmentCosigners(state, logKey, services);
}

/**
 * The same tree again: its cosignature lines together with those already read here. Frames
 * sent as parties cosign can cross, so a note with fewer lines may come after one with more;
 * a cosignature is never withdrawn, and each line is checked on its own.
 */
async function withKnownCosignatures(
  note: string,
  checkpoint: OpenedCheckpoint,
  known: OpenedCheckpoint | null,
  logKey: VerifierKey,
  verifier: SignatureVerifier,
): Promise<OpenedCheckpoint> {
  if (!known || known.text !== checkpoint.text) return checkpoint;
  const lines = new Set(checkpoint.note.signatures.map((signature) => signature.line));
  const missing = known.note.signatures.map((signature) => signature.line).filter((line) => !lines.has(line));
  if (missing.length === 0) return checkpoint;
  try {
    return await openCheckpoint(addSignatureLines(note, missing), logKey, verifier, { origin: checkpoint.origin });
  } catch {
    // Too many lines for one note: the latest note alone.
    return checkpoint;
  }
}

/** Who cosigned the trusted checkpoint; a device the directory lacks may be newer than it. */
async function readCompartmentCosigners(state: CompartmentState, logKey: VerifierKey, { scope, verifier, directory }: SyncServices): Promise<void> {
  if (!state.trusted) return;
  const context = { cellId: scope.cellId, parties: state.summary.parties, verifier };
  let read = await readCosigners(state.trusted, { ...context, directory: directory.view });
  if (read.unknownDevices && (await directory.fetchAgainThisRound(logKey))) {
    read = await readCosigners(state.trusted, { ...context, directory: directory.view });
  }
  state.cosigners = read.cosigners;
}
