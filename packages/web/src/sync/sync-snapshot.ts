import { toApiError, type ApiError } from '../api/api-error.ts';
import type { CompartmentState } from './compartment-state.ts';
import type { Alarm, LogKeyView, MemberView, SyncSnapshot } from './sync-types.ts';

/** How the rounds have gone: whether one has succeeded yet, and how the last one ended. */
export class RoundStatus {
  phase: SyncSnapshot['phase'] = 'starting';
  error: ApiError | null = null;
  lastSyncedAt: string | null = null;
  private readyWaiters: Array<() => void> = [];

  succeeded(): void {
    this.error = null;
    this.phase = 'ready';
    this.lastSyncedAt = new Date().toISOString();
    for (const resolve of this.readyWaiters.splice(0)) resolve();
  }

  /** The data shown stays what it was before the failure. */
  failed(error: unknown): void {
    this.error = toApiError(error);
  }

  whenReady(): Promise<void> {
    if (this.phase === 'ready') return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }
}

/**
 * The sync's state as one immutable value for `useSyncExternalStore`, rebuilt on every change
 * so React compares by identity and never sees a state half-changed.
 */
export class SnapshotStore {
  private readonly listeners = new Set<() => void>();
  private snapshot: SyncSnapshot;

  constructor(private readonly build: () => SyncSnapshot) {
    this.snapshot = build();
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): SyncSnapshot => this.snapshot;

  emit(): void {
    this.snapshot = this.build();
    for (const listener of this.listeners) listener();
  }
}

export function buildSnapshot(parts: {
  status: RoundStatus;
  logKey: LogKeyView;
  members: ReadonlyMap<string, MemberView>;
  compartments: readonly CompartmentState[];
  cellAlarms: Alarm[];
}): SyncSnapshot {
  const { status, compartments } = parts;
  return {
    phase: status.phase,
    error: status.error,
    lastSyncedAt: status.lastSyncedAt,
    logKey: parts.logKey,
    members: parts.members,
    compartments: compartments.map((state) => state.view()),
    items: new Map(compartments.map((state) => [state.id, state.items])),
    cellAlarms: parts.cellAlarms,
  };
}
