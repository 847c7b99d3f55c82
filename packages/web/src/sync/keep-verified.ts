import { constantTimeEqual, HASH_LENGTH, openCheckpoint, type VerifierKey } from '@fusion-cell/record';
import type { CompartmentState } from './compartment-state.ts';
import { KEPT_CHUNK, keptRecord, type KeptChunk, type KeptLog } from './kept-record.ts';
import { LeafFrontier } from './leaf-frontier.ts';
import type { SyncServices } from './sync-services.ts';
import type { SyncedItem } from './sync-types.ts';

/** Chunks read at once while restoring: a few thousand entries, well under a long task each. */
const CHUNKS_READ_AT_ONCE = 4;
/** Chunks written in one transaction: each is serialised on the page's thread as it is put. */
const CHUNKS_WRITTEN_AT_ONCE = 2;
/** A log grown by fewer entries than this is kept again only after a while: each keep rewrites its last chunk. */
const KEEP_EVERY_ENTRIES = 100;
const KEEP_EVERY_MS = 30_000;

/** What was kept of each compartment, as far as this page knows. */
interface KeptState {
  /** Entries kept, all verified against the kept checkpoint. */
  count: number;
  keptAt: number;
  /** A write is under way: the next waits for the one after it. */
  writing: boolean;
}

const kept = new WeakMap<CompartmentState, KeptState>();

/**
 * On the first round of a session, takes the entries an earlier one verified and kept. They are
 * taken only if the kept checkpoint still opens under the pinned log key for this log and is
 * no larger than the checkpoint this browser trusts (the sync proved that one consistent with
 * its predecessors, and proves the next one consistent with it).
 *
 * When all of the kept checkpoint's entries were kept, its tree's frontier comes with them (if
 * it has the checkpoint's root): the leaves that follow are hashed onto it, and reaching the
 * root of the next checkpoint proves the kept tree a prefix of it, and the new entries in it.
 * When only some were (the page closed while they were written), the rest are fetched and the
 * tree is hashed again from the first leaf. Anything that does not fit is forgotten, and the
 * log fetched and verified from the first entry. Resolves with the number of entries taken.
 */
export async function restoreKept(state: CompartmentState, logKey: VerifierKey, services: SyncServices, progress: () => void): Promise<number> {
  if (kept.has(state) || state.items.length > 0) return 0;
  kept.set(state, { count: 0, keptAt: 0, writing: false });
  const { scope } = services;
  let log: KeptLog | undefined;
  try {
    log = await keptRecord.log(scope, state.id);
  } catch {
    // Storage unavailable (a private window, a full disk): the log is fetched as on a first visit.
    return 0;
  }
  if (!log) return 0;
  const frontier = await usableFrontier(state, log, logKey, services);
  if (frontier === undefined) {
    await keptRecord.forget(scope, state.id).catch(() => undefined);
    return 0;
  }
  const verified = { signature: { status: 'verified' }, inclusion: { status: 'verified', size: log.size } } as const;
  const chunkCount = Math.ceil(log.count / KEPT_CHUNK);
  for (let first = 0; first < chunkCount && services.running.value; first += CHUNKS_READ_AT_ONCE) {
    const chunks = await keptRecord.chunks(scope, state.id, first, Math.min(CHUNKS_READ_AT_ONCE, chunkCount - first)).catch(() => []);
    const items = chunks.flatMap((chunk, offset) => itemsOf(chunk, (first + offset) * KEPT_CHUNK, state.id, verified)).slice(0, log.count - first * KEPT_CHUNK);
    const expected = Math.min(log.count, (first + CHUNKS_READ_AT_ONCE) * KEPT_CHUNK) - first * KEPT_CHUNK;
    if (items.length !== expected) {
      // A chunk missing or damaged: nothing kept is used.
      state.reset();
      await keptRecord.forget(scope, state.id).catch(() => undefined);
      return 0;
    }
    state.restore(items);
    progress();
  }
  if (state.items.length !== log.count) {
    state.reset();
    return 0;
  }
  if (frontier) state.frontier = frontier;
  kept.set(state, { count: log.count, keptAt: Date.now(), writing: false });
  return log.count;
}

/**
 * Whether what was kept may be used: the kept checkpoint was signed by the log and this browser
 * still stands behind it. Resolves with its tree's frontier when every entry of it was kept,
 * null when only some were, undefined when nothing kept may be used.
 */
async function usableFrontier(state: CompartmentState, log: KeptLog, logKey: VerifierKey, { verifier, alarms }: SyncServices): Promise<LeafFrontier | null | undefined> {
  if (alarms.cell.length > 0 || state.hasAlarm() || !state.stored || log.size > state.stored.size) return undefined;
  if (!Number.isSafeInteger(log.count) || log.count < 0 || log.count > log.size) return undefined;
  let checkpoint;
  try {
    checkpoint = await openCheckpoint(log.note, logKey, verifier, { origin: state.origin });
  } catch {
    return undefined;
  }
  if (checkpoint.size !== log.size) return undefined;
  if (log.count < log.size) return null;
  const frontier = LeafFrontier.restore(log.frontier);
  return frontier && frontier.size === log.size && constantTimeEqual(frontier.root(), checkpoint.rootHash) ? frontier : undefined;
}

/** The items of a kept chunk starting at `start`; none if the chunk does not hold what it says. */
function itemsOf(chunk: KeptChunk, start: number, compartment: string, verification: SyncedItem['verification']): SyncedItem[] {
  if (!chunk || !Array.isArray(chunk.entries) || !(chunk.leafHashes instanceof Uint8Array) || chunk.leafHashes.length !== chunk.entries.length * HASH_LENGTH) return [];
  return chunk.entries.map((entry, offset) => {
    const leafHash = chunk.leafHashes.subarray(offset * HASH_LENGTH, (offset + 1) * HASH_LENGTH);
    return { id: entry.id, claimedId: entry.id, compartment, index: start + offset, receivedAt: entry.receivedAt, leafHash, signed: entry.signed, verification };
  });
}

/**
 * Keeps what is newly verified, once every entry up to the trusted checkpoint is: their chunks,
 * a few at a time, each write naming how many are kept so far, so a page closed meanwhile still
 * keeps what was written. Nothing is kept of a log with an alarm or a failed entry: such a log
 * is fetched and verified again each time, as before. Runs beside the sync: what it writes is
 * taken at once (the list of items is never changed in place, the frontier is copied), so the
 * sync may go on meanwhile.
 */
export async function keepVerified(state: CompartmentState, services: SyncServices, writer: number): Promise<void> {
  const known = kept.get(state);
  const trusted = state.trusted;
  const note = state.stored?.note;
  if (!known || known.writing || !trusted || !note || state.stored?.size !== trusted.size || trusted.size <= known.count) return;
  if (trusted.size - known.count < KEEP_EVERY_ENTRIES && Date.now() - known.keptAt < KEEP_EVERY_MS) return;
  if (services.alarms.cell.length > 0 || state.hasAlarm() || state.failedItems > 0 || state.items.length < trusted.size) return;
  // The frontier stands at the checkpoint once its root proved the entries; not yet, not now.
  if (state.settledItems < trusted.size || state.frontier.size !== trusted.size || !constantTimeEqual(state.frontier.root(), trusted.rootHash)) return;
  const items = state.items;
  for (let index = known.count; index < trusted.size; index++) {
    const item = items[index]!;
    if (item.verification.signature.status !== 'verified' || item.verification.inclusion.status !== 'verified' || !item.signed) return;
  }
  const log = { note, size: trusted.size, frontier: state.frontier.keep() };
  known.writing = true;
  try {
    const lastChunk = Math.ceil(log.size / KEPT_CHUNK) - 1;
    for (let chunk = Math.floor(known.count / KEPT_CHUNK); chunk <= lastChunk; chunk += CHUNKS_WRITTEN_AT_ONCE) {
      if (!services.running.value) return;
      const chunks = new Map<number, KeptChunk>();
      const upTo = Math.min(lastChunk, chunk + CHUNKS_WRITTEN_AT_ONCE - 1);
      for (let index = chunk; index <= upTo; index++) chunks.set(index, chunkOf(items, index * KEPT_CHUNK, Math.min(log.size, (index + 1) * KEPT_CHUNK)));
      const count = Math.min(log.size, (upTo + 1) * KEPT_CHUNK);
      if (!(await keptRecord.write(writer, services.scope, state.id, chunks, { ...log, count, keptAt: new Date().toISOString() }))) return;
      kept.set(state, { count, keptAt: Date.now(), writing: true });
    }
  } catch {
    // Storage refused (quota, private window): the log is verified again next time, nothing worse.
  } finally {
    const now = kept.get(state);
    if (now) now.writing = false;
  }
}

function chunkOf(items: readonly SyncedItem[], start: number, end: number): KeptChunk {
  const leafHashes = new Uint8Array((end - start) * HASH_LENGTH);
  const entries = [];
  for (let index = start; index < end; index++) {
    const item = items[index]!;
    leafHashes.set(item.leafHash, (index - start) * HASH_LENGTH);
    entries.push({ id: item.id, receivedAt: item.receivedAt, signed: item.signed! });
  }
  return { entries, leafHashes };
}
