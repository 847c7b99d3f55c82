import type { CompartmentLog, LogEntry } from '@fusion-cell/protocol';
import { compartmentOrigin, type VerifierKey } from '@fusion-cell/record';
import { api } from '../api/endpoints.ts';
import { CompartmentState } from './compartment-state.ts';
import { cosignLatestCheckpoint } from './cosign-latest.ts';
import type { CosigningDevice } from './cosigning.ts';
import { LogKeyTrust } from './log-key-pin.ts';
import { appendEntries, loadEntries } from './receive-entries.ts';
import { RoundScheduler, serialQueue } from './round-scheduler.ts';
import { syncServices, type SyncIdentity, type SyncServices } from './sync-services.ts';
import { buildSnapshot, RoundStatus, SnapshotStore } from './sync-snapshot.ts';
import type { SyncSnapshot } from './sync-types.ts';
import { trustStore, type StoredCheckpoint } from './trust-store.ts';
import { resumeStoredCheckpoint, takeLatestCheckpoint } from './trusted-checkpoint.ts';
import { verifyPendingItems } from './verify-pending-items.ts';

export type { SyncIdentity } from './sync-services.ts';

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
  private readonly services: SyncServices;
  private readonly compartments = new Map<string, CompartmentState>();
  private readonly logKey: LogKeyTrust;
  private readonly scheduler: RoundScheduler;
  private readonly status = new RoundStatus();
  private readonly snapshots: SnapshotStore;
  private readonly serial = serialQueue();
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

  /** Starts the rounds: now, then every interval while the page is visible. */
  start(): void {
    this.scheduler.start();
  }

  stop(): void {
    this.scheduler.stop();
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

  /** Resolves once a round has succeeded: the log key is pinned and the directory read. */
  whenReady(): Promise<void> {
    return this.status.whenReady();
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
      this.services.directory.nextRound();
      await appendEntries(state, entries, this.services);
      if (this.logKey.key) await verifyPendingItems(state, this.logKey.key, this.services);
      this.snapshots.emit();
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
      this.snapshots.emit();
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
    } catch (error) {
      this.status.failed(error);
    }
    this.snapshots.emit();
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
      // A compartment the party joined after this login shows after the next one.
      if (!state) continue;
      await this.syncCompartment(state, log, logKey);
      this.snapshots.emit();
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
    await resumeStoredCheckpoint(state, logKey, services);
    if (services.alarms.cell.length === 0 && !state.hasAlarm()) await takeLatestCheckpoint(state, log.checkpoint, logKey, fromStream, services);
    await loadEntries(state, log.size, services);
    await verifyPendingItems(state, logKey, services);
    await cosignLatestCheckpoint(state, this.device, services);
  }
}
