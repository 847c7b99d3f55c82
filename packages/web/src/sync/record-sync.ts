import type { CompartmentLog, CompartmentSummary, LogEntry } from '@fusion-cell/protocol';
import {
  addSignatureLines,
  compartmentOrigin,
  openCheckpoint,
  parseVerifierKey,
  webCryptoVerifier,
  type OpenedCheckpoint,
  type SignatureVerifier,
  type VerifierKey,
} from '@fusion-cell/record';
import { ApiError, toApiError } from '../api/api-error.ts';
import { api } from '../api/endpoints.ts';
import { checkCheckpoint } from './checkpoint-monitor.ts';
import { CompartmentState } from './compartment-state.ts';
import { cosignatureSecond, cosignLine, hasOwnCosignature, readCosigners, type CosigningDevice } from './cosigning.ts';
import { EMPTY_DIRECTORY, resolveDirectory, type DirectoryView } from './directory.ts';
import { checkLogKey, logKeyFingerprint } from './log-key-pin.ts';
import type { Alarm, CheckResult, LogKeyView, SyncedItem, SyncSnapshot } from './sync-types.ts';
import { trustStore, type StoredCheckpoint, type TrustScope } from './trust-store.ts';
import { verifyItemInclusion } from './verify-inclusion.ts';
import { verificationCache, type VerificationCache } from './verification-cache.ts';
import { verifyItemSignature } from './verify-item.ts';

export interface SyncIdentity {
  cellId: string;
  partyId: string;
  compartments: readonly CompartmentSummary[];
}

const ENTRY_PAGE = 200;
const PROOF_CONCURRENCY = 4;
/** Where alarms about the cell's log key are kept, beside the compartments' own. */
const LOG_KEY_ALARMS = '@log-key';

/**
 * The server refused rather than could not be reached: that is evidence, not a hiccup. A lost
 * session or a rate limit is neither, and is retried on the next round.
 */
function isRefusal(error: unknown): boolean {
  return error instanceof ApiError && error.status >= 400 && error.status < 500 && !error.endsSession && error.code !== 'rate_limited';
}

async function forEachLimited<T>(values: readonly T[], limit: number, work: (value: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < values.length) {
      const value = values[next++]!;
      await work(value);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, values.length) }, worker));
}

/**
 * The id the server sent must be the hash of the bytes it sent (R5). When it is not, the
 * proof says whether the log holds these bytes at all; either way the entry has failed.
 */
function withClaimedId(item: SyncedItem, result: CheckResult): CheckResult {
  if (item.claimedId === item.id) return result;
  const mismatch = `the server calls it ${item.claimedId}, but its bytes hash to ${item.id}`;
  if (result.status === 'failed') return { ...result, detail: `${result.detail}; ${mismatch}` };
  return { status: 'failed', code: 'id_mismatch', detail: mismatch };
}

/**
 * The party's record as this browser sees and checks it. Each round asks the server for the
 * logs' heads, then per compartment: verifies the latest checkpoint against the pinned log
 * key and the last checkpoint verified here (consistency), takes the new entries, verifies
 * each item's signature and inclusion, and cosigns the checkpoint once all of that holds.
 *
 * While the live stream is up ({@link setLive}), it subscribes from {@link subscriptions}
 * and feeds {@link ingestEntries} and {@link ingestCheckpoint}, and polling stops; when the
 * socket is down, rounds poll again. Every change runs one at a time, through the same
 * checks. The state is an immutable snapshot for `useSyncExternalStore`.
 */
export class RecordSync {
  private readonly verifier: SignatureVerifier = webCryptoVerifier();
  private readonly scope: TrustScope;
  private readonly compartments = new Map<string, CompartmentState>();
  private readonly listeners = new Set<() => void>();
  private snapshot: SyncSnapshot;
  private logKey: VerifierKey | null = null;
  private logKeyView: LogKeyView = { pinned: null, served: null };
  private cellAlarms: Alarm[] = [];
  private directory: DirectoryView = EMPTY_DIRECTORY;
  /** The round the directory was last fetched in, so it is fetched at most once a round. */
  private directoryRound = -1;
  private round = 0;
  private device: CosigningDevice | null = null;
  private trustLoaded: Promise<void> | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private started = false;
  /** A stream feeds the sync: no polling rounds while it holds. */
  private live = false;
  private readyWaiters: Array<() => void> = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private phase: SyncSnapshot['phase'] = 'starting';
  private error: ApiError | null = null;
  private lastSyncedAt: string | null = null;
  /** Every change to the state runs in this chain, one at a time. */
  private chain: Promise<unknown> = Promise.resolve();
  private readonly cache: VerificationCache;

  constructor(
    private readonly identity: SyncIdentity,
    private readonly intervalMs = 2000,
  ) {
    this.scope = { cellId: identity.cellId, partyId: identity.partyId };
    this.cache = verificationCache(identity.cellId, identity.partyId);
    for (const summary of identity.compartments) {
      this.compartments.set(summary.id, new CompartmentState(summary, compartmentOrigin(identity.cellId, summary.id)));
    }
    this.snapshot = this.buildSnapshot();
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): SyncSnapshot => this.snapshot;

  /** Starts the rounds: now, then every interval while the page is visible. */
  start(): void {
    if (this.started) return;
    this.started = true;
    document.addEventListener('visibilitychange', this.onVisibilityChange);
    void this.refresh();
  }

  stop(): void {
    this.started = false;
    clearTimeout(this.timer);
    document.removeEventListener('visibilitychange', this.onVisibilityChange);
  }

  /** The device that cosigns, once approved; null while it cannot sign. */
  setDevice(device: CosigningDevice | null): void {
    const changed = device?.id !== this.device?.id;
    this.device = device;
    if (changed && this.started) void this.refresh();
  }

  /**
   * Whether a live stream feeds the sync. While it does, no polling round runs; when it
   * stops, a round runs at once (whatever the stream missed) and polling resumes.
   */
  setLive(live: boolean): void {
    if (this.live === live) return;
    this.live = live;
    if (live) clearTimeout(this.timer);
    else if (this.started) void this.refresh();
  }

  get isLive(): boolean {
    return this.live;
  }

  /** Resolves once a round has succeeded: the log key is pinned and the directory read. */
  whenReady(): Promise<void> {
    if (this.phase === 'ready') return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  /** After sending: a round when polling; a live stream brings the new entry by itself. */
  refreshIfPolling(): void {
    if (!this.live) void this.refresh();
  }

  /** Runs a round now (or right after the one running), e.g. after sending an item. */
  refresh(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    clearTimeout(this.timer);
    this.running = this.runRounds().finally(() => {
      this.running = null;
      this.schedule();
    });
    return this.running;
  }

  /** Where each compartment's log continues: the `from` of a stream subscription. */
  subscriptions(): { compartment: string; from: number }[] {
    return [...this.compartments.values()].map((state) => ({ compartment: state.id, from: state.items.length }));
  }

  /**
   * Takes entries of a compartment in log order, e.g. from a live stream, and verifies them.
   * Entries already held are skipped; a gap or a reordering raises an alarm.
   */
  ingestEntries(compartmentId: string, entries: readonly LogEntry[]): Promise<void> {
    return this.serial(async () => {
      const state = this.compartments.get(compartmentId);
      if (!state) return;
      // Each change counts as a round, so a device approved since may be looked up again.
      this.round += 1;
      await this.appendEntries(state, entries);
      if (this.logKey) await this.verifyItems(state, this.logKey);
      this.emit();
    });
  }

  /**
   * Takes a signed checkpoint of a compartment from a live stream: checks it as a polling round
   * would, fetches any entries it covers that are missing, and cosigns it. The stream sends the
   * latest checkpoint again whenever a party cosigns it, so the cosigners shown follow from
   * these frames; an older one that arrives late is checked, not taken.
   */
  ingestCheckpoint(compartmentId: string, size: number, note: string): Promise<void> {
    return this.serial(async () => {
      const state = this.compartments.get(compartmentId);
      const logKey = this.logKey;
      // Before the first round there is no pinned key to check it with; the round will.
      if (!state || !logKey) return;
      this.round += 1;
      await this.syncCompartment(state, { size: Math.max(size, state.size), checkpoint: note }, logKey, { fromStream: true });
      this.emit();
    });
  }

  /** The last checkpoint verified here per compartment, to compare an export against. */
  verifiedCheckpoints(): StoredCheckpoint[] {
    return [...this.compartments.values()].flatMap((state) => (state.stored ? [state.stored] : []));
  }

  private readonly onVisibilityChange = () => {
    if (document.visibilityState === 'visible') {
      if (!this.live) void this.refresh();
    }
    else clearTimeout(this.timer);
  };

  private schedule(): void {
    clearTimeout(this.timer);
    if (!this.started || this.live || document.visibilityState !== 'visible') return;
    this.timer = setTimeout(() => void this.refresh(), this.intervalMs);
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.chain.then(work, work);
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async runRounds(): Promise<void> {
    do {
      this.again = false;
      try {
        await this.serial(() => this.syncRound());
        this.error = null;
        this.phase = 'ready';
        this.lastSyncedAt = new Date().toISOString();
        for (const resolve of this.readyWaiters.splice(0)) resolve();
      } catch (error) {
        this.error = toApiError(error);
      }
      this.emit();
    } while (this.again && this.started);
  }

  private async syncRound(): Promise<void> {
    this.round += 1;
    this.trustLoaded ??= this.loadTrust();
    await this.trustLoaded;
    const record = await api.record();
    await this.checkLogKey(record.logKey);
    const logKey = this.logKey;
    if (!logKey) return;
    if (this.directoryRound < 0) await this.reloadDirectory(logKey);
    for (const log of record.compartments) {
      const state = this.compartments.get(log.id);
      // A compartment the party joined after this login shows after the next one.
      if (!state) continue;
      await this.syncCompartment(state, log, logKey);
      this.emit();
    }
  }

  private async loadTrust(): Promise<void> {
    this.cellAlarms = await trustStore.alarms<Alarm>(this.scope, LOG_KEY_ALARMS);
    for (const state of this.compartments.values()) {
      state.alarms = await trustStore.alarms<Alarm>(this.scope, state.id);
      state.stored = await trustStore.checkpoint(this.scope, state.id);
    }
  }

  private async checkLogKey(served: string): Promise<void> {
    const outcome = await checkLogKey(this.identity.cellId, served);
    if (outcome.status === 'invalid') {
      this.logKeyView = { pinned: null, served: { verifierKey: served, fingerprint: '' } };
      await this.raise(null, 'log_key_invalid', {}, `the log key the server shows cannot be used: ${outcome.problem}`);
      return;
    }
    this.logKey = outcome.key;
    const pinned = { verifierKey: outcome.pin.verifierKey, fingerprint: logKeyFingerprint(outcome.key), pinnedAt: outcome.pin.pinnedAt };
    if (outcome.status !== 'changed') {
      this.logKeyView = { pinned, served: null };
      return;
    }
    let fingerprint = '';
    try {
      fingerprint = logKeyFingerprint(parseVerifierKey(outcome.served));
    } catch {
      // Unreadable: shown as the key text alone.
    }
    this.logKeyView = { pinned, served: { verifierKey: outcome.served, fingerprint } };
    await this.raise(null, 'log_key_changed', {}, `the server now shows log key ${outcome.served}; this browser pinned ${outcome.pin.verifierKey} on ${outcome.pin.pinnedAt}`);
  }

  private async reloadDirectory(logKey: VerifierKey): Promise<void> {
    this.directory = await resolveDirectory(await api.directory(), this.identity.cellId, logKey.publicKey, this.verifier);
    this.directoryRound = this.round;
  }

  private async syncCompartment(
    state: CompartmentState,
    log: Pick<CompartmentLog, 'size' | 'checkpoint'>,
    logKey: VerifierKey,
    { fromStream = false }: { fromStream?: boolean } = {},
  ): Promise<void> {
    state.size = log.size;
    if (!state.trusted && state.stored) {
      state.trusted = await this.reopen(state.stored, state.origin, logKey);
      await this.readCosigners(state, logKey);
    }
    if (this.cellAlarms.length === 0 && !state.hasAlarm()) await this.checkLatestCheckpoint(state, log.checkpoint, logKey, fromStream);
    await this.loadEntries(state, log.size);
    await this.verifyItems(state, logKey);
    await this.cosign(state);
  }

  private async verifyItems(state: CompartmentState, logKey: VerifierKey): Promise<void> {
    await this.verifySignatures(state, logKey);
    await this.verifyInclusions(state);
  }

  private async appendEntries(state: CompartmentState, entries: readonly LogEntry[]): Promise<void> {
    if (state.hasAlarm('entries_out_of_order')) return;
    const result = state.append(entries, (id, index) => this.cache.get(id, state.id, index));
    if (!result.ok) {
      await this.raise(state, 'entries_out_of_order', { expected: result.expected, index: result.got }, `expected entry #${result.expected} next, the server sent #${result.got}`);
    }
  }

  /** A checkpoint verified in an earlier session, so items below its size can be proven at once. */
  private async reopen(stored: StoredCheckpoint, origin: string, logKey: VerifierKey) {
    try {
      return await openCheckpoint(stored.note, logKey, this.verifier, { origin });
    } catch {
      // checkCheckpoint reports it, with the new checkpoint in hand.
      return null;
    }
  }

  private async checkLatestCheckpoint(state: CompartmentState, note: string | null, logKey: VerifierKey, fromStream: boolean): Promise<void> {
    if (note === null) {
      if (state.stored && state.stored.size > 0) {
        await this.raise(state, 'checkpoint_shrank', { size: 0, previousSize: state.stored.size }, `the log shows no checkpoint, but this browser verified size ${state.stored.size}`);
      }
      return;
    }
    if (note === state.lastNote) return;
    const verdict = await checkCheckpoint(note, state.stored, {
      origin: state.origin,
      logKey,
      verifier: this.verifier,
      consistencyProof: (from, to) => api.consistencyProof(state.id, from, to),
      isRefusal,
      mayBeLate: fromStream,
    });
    if (!verdict.ok) {
      state.consistency = { status: 'alarm' };
      // Both signed notes are kept: together they prove what the log did, to anyone.
      await this.raise(state, verdict.code, verdict.values, verdict.detail, state.stored ? [state.stored.note, note] : [note]);
      return;
    }
    // An older checkpoint delivered late, from which the one verified here follows: old news.
    if (verdict.relation === 'earlier') return;
    state.trusted = verdict.relation === 'same' ? await this.withKnownCosignatures(note, verdict.checkpoint, state.trusted, logKey) : verdict.checkpoint;
    state.lastNote = note;
    // Only new cosignature lines on the same tree say nothing new about its history.
    if (verdict.relation === 'extended') state.consistency = { status: 'extended', from: verdict.from ?? 0 };
    else if (verdict.relation === 'first' || state.consistency.status === 'unknown') state.consistency = { status: verdict.relation };
    if (verdict.relation !== 'same') {
      // Kept before anything builds on it: the next check compares against this one.
      state.stored = { note, size: verdict.checkpoint.size, verifiedAt: new Date().toISOString() };
      await trustStore.saveCheckpoint(this.scope, state.id, state.stored);
    }
    await this.readCosigners(state, logKey);
  }

  /**
   * The same tree again: its cosignature lines together with those already read here. Frames
   * sent as parties cosign can cross, so a note with fewer lines may come after one with more;
   * a cosignature is never withdrawn, and each line is checked on its own.
   */
  private async withKnownCosignatures(note: string, checkpoint: OpenedCheckpoint, known: OpenedCheckpoint | null, logKey: VerifierKey): Promise<OpenedCheckpoint> {
    if (!known || known.text !== checkpoint.text) return checkpoint;
    const lines = new Set(checkpoint.note.signatures.map((signature) => signature.line));
    const missing = known.note.signatures.map((signature) => signature.line).filter((line) => !lines.has(line));
    if (missing.length === 0) return checkpoint;
    try {
      return await openCheckpoint(addSignatureLines(note, missing), logKey, this.verifier, { origin: checkpoint.origin });
    } catch {
      // Too many lines for one note: the latest note alone.
      return checkpoint;
    }
  }

  private async readCosigners(state: CompartmentState, logKey: VerifierKey): Promise<void> {
    if (!state.trusted) return;
    const context = { cellId: this.identity.cellId, parties: state.summary.parties, verifier: this.verifier };
    let read = await readCosigners(state.trusted, { ...context, directory: this.directory });
    if (read.unknownDevices && this.directoryRound !== this.round) {
      await this.reloadDirectory(logKey);
      read = await readCosigners(state.trusted, { ...context, directory: this.directory });
    }
    state.cosigners = read.cosigners;
  }

  private async loadEntries(state: CompartmentState, size: number): Promise<void> {
    while (state.items.length < size && !state.hasAlarm('entries_out_of_order')) {
      const page = await api.entries(state.id, state.items.length, ENTRY_PAGE);
      await this.appendEntries(state, page.entries);
      if (page.next === null || page.entries.length === 0) break;
    }
    const trusted = state.trusted;
    if (trusted && state.items.length < trusted.size && !state.hasAlarm('entries_out_of_order')) {
      await this.raise(
        state,
        'entries_missing',
        { size: trusted.size, received: state.items.length },
        `the log signed ${trusted.size} entries, but the server serves only ${state.items.length}`,
      );
    }
  }

  /**
   * Who signed each new item. A device missing from the directory, or not yet valid in it,
   * may be newer than the copy held here: the directory is fetched again, once a round.
   */
  private async verifySignatures(state: CompartmentState, logKey: VerifierKey): Promise<void> {
    const context = {
      cellId: this.identity.cellId,
      compartment: { id: state.id, parties: state.summary.parties },
      logPublicKey: logKey.publicKey,
      verifier: this.verifier,
    };
    for (const item of state.items) {
      if (item.verification.signature.status !== 'pending' || !item.signed) continue;
      let result = await verifyItemSignature(item.signed, { ...context, directory: this.directory });
      if (result.status === 'failed' && (result.code === 'device_unknown' || result.code === 'device_not_valid') && this.directoryRound !== this.round) {
        await this.reloadDirectory(logKey);
        result = await verifyItemSignature(item.signed, { ...context, directory: this.directory });
      }
      const current = state.items[item.index]!;
      state.replaceItem({ ...current, verification: { ...current.verification, signature: result } });
    }
  }

  private async verifyInclusions(state: CompartmentState): Promise<void> {
    const trusted = state.trusted;
    if (!trusted) return;
    const pending = state.items.filter((item) => item.verification.inclusion.status === 'pending' && item.index < trusted.size);
    const context = { inclusionProof: (index: number, size: number) => api.inclusionProof(state.id, index, size), isRefusal };
    await forEachLimited(pending, PROOF_CONCURRENCY, async (item) => {
      const result = withClaimedId(item, await verifyItemInclusion(item.leafHash, item.index, trusted, context));
      const current = state.items[item.index]!;
      const verification = { ...current.verification, inclusion: result };
      state.replaceItem({ ...current, verification });
      this.cache.remember(current.id, state.id, current.index, verification);
    });
  }

  /**
   * Cosigns the latest verified checkpoint (R11) once everything it covers was received and
   * proven here, at most once per size. Any alarm, or any item that failed, stops it.
   */
  private async cosign(state: CompartmentState): Promise<void> {
    const device = this.device;
    const trusted = state.trusted;
    if (this.cellAlarms.length > 0 || state.hasAlarm() || state.failedItems > 0) {
      state.cosign = { state: 'stopped' };
      return;
    }
    if (!device) {
      state.cosign = { state: 'not_approved' };
      return;
    }
    if (!trusted || trusted.size === 0) {
      state.cosign = { state: 'idle' };
      return;
    }
    if (state.items.length < trusted.size || state.items.some((item) => item.index < trusted.size && item.verification.inclusion.status !== 'verified')) {
      state.cosign = { state: 'waiting', size: trusted.size };
      return;
    }
    if (state.cosignedBy !== device.id) {
      state.lastCosignedSize = (await trustStore.cosignedSize(this.scope, state.id, device.id)) ?? 0;
      state.refusedCosignSize = 0;
      state.cosignedBy = device.id;
    }
    if (state.lastCosignedSize >= trusted.size) {
      state.cosign = { state: 'cosigned', size: state.lastCosignedSize };
      return;
    }
    if (state.refusedCosignSize === trusted.size) return;
    const context = { cellId: this.identity.cellId, partyId: this.identity.partyId, verifier: this.verifier };
    if (!(await hasOwnCosignature(trusted, device, context))) {
      const second = cosignatureSecond(device, trusted.time, Date.now());
      if (second === undefined) {
        state.cosign = { state: 'waiting', size: trusted.size };
        return;
      }
      try {
        const line = await cosignLine(trusted, device, context, second);
        await api.cosign(state.id, { size: trusted.size, device: device.id, line });
      } catch (failure) {
        const error = toApiError(failure);
        if (isRefusal(error)) state.refusedCosignSize = trusted.size;
        state.cosign = { state: 'failed', size: trusted.size, error };
        return;
      }
    }
    state.lastCosignedSize = trusted.size;
    state.cosign = { state: 'cosigned', size: trusted.size };
    await trustStore.saveCosignedSize(this.scope, state.id, device.id, trusted.size);
  }

  private async raise(state: CompartmentState | null, code: Alarm['code'], values: Record<string, number>, detail: string, evidence?: string[]): Promise<void> {
    const current = state ? state.alarms : this.cellAlarms;
    if (current.some((alarm) => alarm.code === code)) return;
    const alarm: Alarm = { code, compartment: state?.id ?? null, raisedAt: new Date().toISOString(), values, detail, ...(evidence ? { evidence } : {}) };
    const alarms = [...current, alarm];
    if (state) state.alarms = alarms;
    else this.cellAlarms = alarms;
    await trustStore.saveAlarms(this.scope, state?.id ?? LOG_KEY_ALARMS, alarms);
  }

  private emit(): void {
    this.snapshot = this.buildSnapshot();
    for (const listener of this.listeners) listener();
  }

  private buildSnapshot(): SyncSnapshot {
    const states = [...this.compartments.values()];
    return {
      phase: this.phase,
      error: this.error,
      lastSyncedAt: this.lastSyncedAt,
      logKey: this.logKeyView,
      members: this.directory.members,
      compartments: states.map((state) => state.view()),
      items: new Map(states.map((state) => [state.id, state.items])),
      cellAlarms: this.cellAlarms,
    };
  }
}
