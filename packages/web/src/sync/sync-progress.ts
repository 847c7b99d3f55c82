import type { CompartmentState } from './compartment-state.ts';
import type { SyncSnapshot } from './sync-types.ts';

/** How far this browser has come in checking the record it received, for the app shell. */
export interface RecordProgress {
  /**
   * `starting`: no round has told the logs' sizes yet; `running`: entries are still to be
   * received or checked; `done`: every entry the server reported is checked.
   */
  state: 'starting' | 'running' | 'done';
  /** Entries checked as far as they can be now, over every compartment. */
  checked: number;
  /** Entries the logs hold, as the server last reported them. */
  total: number;
  /** Entries whose signature or inclusion failed. */
  failed: number;
  /** Whether the record was all checked at least once since the page opened. */
  caughtUp: boolean;
}

/**
 * The progress over the party's compartments. A log with an alarm counts as checked: nothing
 * more of it is verified, and the alarm says why.
 */
export function measureProgress(phase: SyncSnapshot['phase'], compartments: readonly CompartmentState[], cellAlarm: boolean): Omit<RecordProgress, 'caughtUp'> {
  let checked = 0;
  let total = 0;
  let failed = 0;
  let settled = true;
  for (const state of compartments) {
    const size = Math.max(state.size, state.items.length);
    const stopped = cellAlarm || state.hasAlarm();
    total += size;
    checked += stopped ? size : Math.min(size, state.checkedItems);
    failed += state.failedItems;
    if (!stopped && (state.items.length < state.size || state.settledItems < state.items.length)) settled = false;
  }
  const state = phase === 'starting' && total === 0 ? 'starting' : phase === 'ready' && settled ? 'done' : 'running';
  return { state, checked: state === 'done' ? total : checked, total, failed };
}

/** The progress as one immutable value for `useSyncExternalStore`, changed only when it changes. */
export class ProgressStore {
  private progress: RecordProgress = { state: 'starting', checked: 0, total: 0, failed: 0, caughtUp: false };
  private readonly listeners = new Set<() => void>();

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getProgress = (): RecordProgress => this.progress;

  update(next: Omit<RecordProgress, 'caughtUp'>): void {
    const current = this.progress;
    const caughtUp = current.caughtUp || next.state === 'done';
    if (current.state === next.state && current.checked === next.checked && current.total === next.total && current.failed === next.failed && current.caughtUp === caughtUp) return;
    this.progress = { ...next, caughtUp };
    for (const listener of this.listeners) listener();
  }
}
