import type { CompartmentLog, LogEntry } from '@fusion-cell/protocol';
import { compartmentOrigin, type VerifierKey } from '@fusion-cell/record';
import { api } from '../api/endpoints.ts';
import { auditKept, auditKeptPage, auditPending } from './audit-kept.ts';
import { CompartmentState } from './compartment-state.ts';
import { cosignLatestCheckpoint } from './cosign-latest.ts';
import type { CosigningDevice } from './cosigning.ts';
import { keepVerified, restoreKept } from './keep-verified.ts';
import { keptRecord } from './kept-record.ts';
import { LogKeyTrust } from './log-key-pin.ts';
import { appendEntries, checkServedEntries, loadEntries } from './receive-entries.ts';
import { RoundScheduler, serialQueue } from './round-scheduler.ts';
import { syncServices, type SyncIdentity, type SyncServices } from './sync-services.ts';
import { measureProgress, ProgressStore, type RecordProgress } from './sync-progress.ts';
import { buildSnapshot, RoundStatus, SnapshotStore } from './sync-snapshot.ts';
import type { SyncSnapshot } from './sync-types.ts';
import { trustStore, type StoredCheckpoint } from './trust-store.ts';
import { resumeStoredCheckpoint, takeLatestCheckpoint } from './trusted-checkpoint.ts';
import { verifyPendingItems } from './verify-pending-items.ts';

export type { SyncIdentity } from './sync-services.ts';

function deferred(): { promise: Promise<void>; resolve(): void } {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

/**
 * While a long log comes in, the views see it grow at most this often, and only once it has
 * doubled since they last saw it: each view derives what it shows from every item, so a long
 * first sync costs them about twice one pass over the whole record, not one pass per page. The
 * progress indicator follows every page.
 */
const GROWING_SNAPSHOT_MS = 1000;
const GROWING_SNAPSHOT_FACTOR = 2;
/** Between two pages of kept entries read again: the audit is background work, for the server too. */
const AUDIT_PAUSE_MS = 1000;

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
 *
 * A long record does not hold the page up: entries come a thousand at a time, are read and
 * their signatures checked in a worker, their leaves hashed into the tree a slice at a time;
 * the views see the record grow, and {@link getProgress} says how far it has come. What is
 * verified is kept in IndexedDB, so the next session takes it from there and fetches only
 * what is new; what it took from there is read again in the background, a page at a time, so
 * that an entry the server altered since is noticed all the same.
 */
export class RecordSync {
  private readonly services: SyncServices;
  private readonly compartments = new Map<string, CompartmentState>();
  private readonly logKey: LogKeyTrust;
  private readonly scheduler: RoundScheduler;
  private readonly status = new RoundStatus();
  private readonly snapshots: SnapshotStore;
  private readonly progress = new ProgressStore();
  private readonly serial = serialQueue();
  /** Kept entries are written under this; logging out makes it stale. */
  private readonly keeper = keptRecord.generation;
  /** Items held when the views were last shown the record. */
  private heldWhenShown = 0;
  private readonly sizesKnown = deferred();
  private auditTimer: ReturnType<typeof setTimeout> | undefined;
  private device: CosigningDevice | null = null;
  private trustLoaded: Promise<void> | null = null;

  constructor(identity: SyncIdentity, intervalMs = 2000) {
    this.services = syncServices(identity);
    this.logKey = new LogKeyTrust(identity.cellId, this.services.alarms);
    this.scheduler = new RoundScheduler(() => this.round(), intervalMs);
    for (const summary of identity.compartments) {
      this.compartments.set(summary.id, new CompartmentState(summary, compartmentOrigin(identity.cellId, summary.id)));
    }
    this.snapshots = new SnapshotStore(() =>
      buildSnapshot({
        status: this.status,
        logKey: this.logKey.view,
        members: this.services.directory.view.members,
        compartments: [...this.compartments.values()],
        cellAlarms: this.services.alarms.cell,
      }),
    );
  }

  readonly subscribe = (listener: () => void): (() => void) => this.snapshots.subscribe(listener);

  readonly getSnapshot = (): SyncSnapshot => this.snapshots.getSnapshot();

  /** How far the record's verification has come; changes far more often than the snapshot. */
  readonly subscribeProgress = (listener: () => void): (() => void) => this.progress.subscribe(listener);

  readonly getProgress = (): RecordProgress => this.progress.getProgress();

  /** Starts the rounds: now, then every interval while the page is visible. */
  start(): void {
    this.services.running.value = true;
    this.scheduler.start();
  }

  stop(): void {
    this.services.running.value = false;
    this.scheduler.stop();
    clearTimeout(this.auditTimer);
    this.auditTimer = undefined;
  }

  /** The device that cosigns, once approved; null while it cannot sign. */
  setDevice(device: CosigningDevice | null): void {
    const changed = device?.id !== this.device?.id;
    this.device = device;
    if (changed && this.scheduler.isStarted) void this.refresh();
  }

  /**
   * Whether a live stream feeds the sync. While it does, no polling round runs; when it
   * stops, a round runs at once (whatever the stream missed) and polling resumes.
   */
  setLive(live: boolean): void {
    this.scheduler.setLive(live);
  }

  get isLive(): boolean {
    return this.scheduler.isLive;
  }

  /**
   * Resolves once a round has pinned the log key, read the directory and learnt each log's
   * size: the stream may go on from those sizes while the entries below them are still being
   * fetched and verified (its frames wait for them, in order).
   */
  whenReady(): Promise<void> {
    return this.sizesKnown.promise;
  }

  /** After sending: a round when polling; a live stream brings the new entry by itself. */
  refreshIfPolling(): void {
    this.scheduler.refreshIfPolling();
  }

  /** Runs a round now (or right after the one running), e.g. after sending an item. */
  refresh(): Promise<void> {
    return this.scheduler.refresh();
  }

  /** Where each compartment's log continues: the `from` of a stream subscription. */
  subscriptions(): { compartment: string; from: number }[] {
    // Past what a round is still fetching: the stream must not send that backlog again.
    return [...this.compartments.values()].map((state) => ({ compartment: state.id, from: Math.max(state.items.length, state.loadingTo) }));
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
      this.services.directory.nextRound();
      // The stream went on from where a round was fetching to; that round stopped short (the
      // network): what lies between is fetched here, so the stream's first entry follows.
      const first = entries[0]?.index ?? 0;
      if (first > state.items.length && first <= state.loadingTo) await loadEntries(state, first, this.services, this.logKey.key);
      await appendEntries(state, entries, this.services, this.logKey.key);
      if (this.logKey.key) await verifyPendingItems(state, this.logKey.key, this.services);
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
      const logKey = this.logKey.key;
      // Before the first round there is no pinned key to check it with; the round will.
      if (!state || !logKey) return;
      this.services.directory.nextRound();
      await this.syncCompartment(state, { size: Math.max(size, state.size), checkpoint: note }, logKey, { fromStream: true });
      this.emit();
    });
  }

  /** The last checkpoint verified here per compartment, to compare an export against. */
  verifiedCheckpoints(): StoredCheckpoint[] {
    return [...this.compartments.values()].flatMap((state) => (state.stored ? [state.stored] : []));
  }

  private async round(): Promise<void> {
    try {
      await this.serial(() => this.syncRound());
      this.status.succeeded();
      // Also when the round stopped short of the sizes (no usable log key): the stream may start.
      this.sizesKnown.resolve();
      this.scheduleAudit();
    } catch (error) {
      this.status.failed(error);
    }
    this.emit();
  }

  /** The next page of kept entries to read again, after a pause, while any remain. */
  private scheduleAudit(): void {
    if (this.auditTimer !== undefined || !this.services.running.value) return;
    if (![...this.compartments.values()].some(auditPending)) return;
    this.auditTimer = setTimeout(() => {
      this.auditTimer = undefined;
      void this.audit().finally(() => this.scheduleAudit());
    }, AUDIT_PAUSE_MS);
  }

  private async audit(): Promise<void> {
    const logKey = this.logKey.key;
    const state = [...this.compartments.values()].find(auditPending);
    if (!logKey || !state) return;
    try {
      const found = await this.serial(() =>
        auditKeptPage(state, this.services, async (entries) => {
          state.retake(entries, await checkServedEntries(state, entries, this.services, logKey));
          await verifyPendingItems(state, logKey, this.services);
        }),
      );
      if (found) this.emit();
    } catch {
      // The server out of reach: the same page is read again after the next pause.
    }
  }

  /** Shows the state as it is now: the snapshot, and the progress with it. */
  private emit(): void {
    this.heldWhenShown = this.held();
    this.snapshots.emit();
    this.showProgress();
  }

  /** While entries come in: the progress now, the snapshot soon once the record has doubled. */
  private grown(): void {
    this.showProgress();
    const held = this.held();
    if (held < this.heldWhenShown * GROWING_SNAPSHOT_FACTOR) return;
    this.heldWhenShown = held;
    this.snapshots.emitSoon(GROWING_SNAPSHOT_MS);
  }

  private held(): number {
    let held = 0;
    for (const state of this.compartments.values()) held += state.items.length;
    return held;
  }

  private showProgress(): void {
    this.progress.update(measureProgress(this.status.phase, [...this.compartments.values()], this.services.alarms.cell.length > 0));
  }

  private async syncRound(): Promise<void> {
    this.services.directory.nextRound();
    this.trustLoaded ??= this.loadTrust();
    await this.trustLoaded;
    const record = await api.record();
    await this.logKey.check(record.logKey);
    const logKey = this.logKey.key;
    if (!logKey) return;
    await this.services.directory.fetchFirst(logKey);
    for (const log of record.compartments) {
      const state = this.compartments.get(log.id);
      if (!state) continue;
      // Every log's size at once: the progress counts the whole record from the start.
      state.size = log.size;
      state.loadingTo = Math.max(state.loadingTo, log.size);
    }
    this.sizesKnown.resolve();
    this.showProgress();
    for (const log of record.compartments) {
      const state = this.compartments.get(log.id);
      // A compartment the party joined after this login shows after the next one.
      if (!state) continue;
      await this.syncCompartment(state, log, logKey);
      this.emit();
    }
  }

  /** What this browser verified in earlier sessions, before any answer is compared with it. */
  private async loadTrust(): Promise<void> {
    const { alarms, scope } = this.services;
    await alarms.loadCell();
    for (const state of this.compartments.values()) {
      await alarms.loadCompartment(state);
      state.stored = await trustStore.checkpoint(scope, state.id);
    }
  }

  private async syncCompartment(
    state: CompartmentState,
    log: Pick<CompartmentLog, 'size' | 'checkpoint'>,
    logKey: VerifierKey,
    { fromStream = false }: { fromStream?: boolean } = {},
  ): Promise<void> {
    const { services } = this;
    state.size = log.size;
    this.showProgress();
    await resumeStoredCheckpoint(state, logKey, services);
    if (services.alarms.cell.length === 0 && !state.hasAlarm()) await takeLatestCheckpoint(state, log.checkpoint, logKey, fromStream, services);
    auditKept(state, await restoreKept(state, logKey, services, () => this.grown()));
    await loadEntries(state, log.size, services, logKey, () => this.grown());
    await verifyPendingItems(state, logKey, services);
    // Beside the sync: the items are only read, and the next round can go on meanwhile.
    void keepVerified(state, services, this.keeper);
    await cosignLatestCheckpoint(state, this.device, services);
  }
}
