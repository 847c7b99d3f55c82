import { toApiError, type ApiError } from '../api/api-error.ts';
import type { CompartmentState } from './compartment-state.ts';
import type { Alarm, LogKeyView, MemberView, SyncSnapshot } from './sync-types.ts';

/** How the rounds have gone: whether one has succeeded yet, and how the last one ended. */
export class RoundStatus {
  phase: SyncSnapshot['phase'] = 'starting';
  error: ApiError | null = null;
  lastSyncedAt: string | null = null;

  succeeded(): void {
    this.error = null;
    this.phase = 'ready';
    this.lastSyncedAt = new Date().toISOString();
  }

  /** The data shown stays what it was before the failure. */
  failed(error: unknown): void {
    this.error = toApiError(error);
  }
}

/**
 * The sync's state as one immutable value for `useSyncExternalStore`, rebuilt on every change
 * so React compares by identity and never sees a state half-changed.
 */
export class SnapshotStore {
  private readonly listeners = new Set<() => void>();
  private snapshot: SyncSnapshot;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly build: () => SyncSnapshot) {
    this.snapshot = build();
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): SyncSnapshot => this.snapshot;

  emit(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.snapshot = this.build();
    for (const listener of this.listeners) listener();
  }

  /**
   * Emits within `delayMs`, however often it is asked meanwhile: while a long log comes in,
   * the views see it grow without rebuilding what they derive from it on every page.
   */
  emitSoon(delayMs: number): void {
    this.timer ??= setTimeout(() => this.emit(), delayMs);
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
