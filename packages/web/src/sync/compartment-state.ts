import type { CompartmentSummary, LogEntry } from '@fusion-cell/protocol';
import { base64Encode, type OpenedCheckpoint } from '@fusion-cell/record';
import type { ApiError } from '../api/api-error.ts';
import type { StoredCheckpoint } from './trust-store.ts';
import { parseLeaf } from './verify-item.ts';
import { verdictOf, type Alarm, type ItemVerification, type CompartmentSync, type ConsistencyStatus, type CosignerView, type CosignState, type SyncedItem } from './sync-types.ts';

/** Everything this browser holds about one compartment's log while the app runs. */
export class CompartmentState {
  size = 0;
  /** The latest checkpoint verified here (against the pinned key and the stored history). */
  trusted: OpenedCheckpoint | null = null;
  /** The last signed note checked, so an unchanged answer is not checked again. */
  lastNote: string | null = null;
  stored: StoredCheckpoint | undefined;
  consistency: { status: ConsistencyStatus; from?: number } = { status: 'unknown' };
  cosigners: CosignerView[] = [];
  cosign: { state: CosignState; size?: number; error?: ApiError } = { state: 'idle' };
  lastCosignedSize = 0;
  /** The device `lastCosignedSize` was read for. */
  cosignedBy: string | null = null;
  /** A size the server refused a cosignature for: not offered again. */
  refusedCosignSize = 0;
  alarms: Alarm[] = [];
  items: SyncedItem[] = [];

  constructor(
    readonly summary: CompartmentSummary,
    readonly origin: string,
  ) {}

  get id(): string {
    return this.summary.id;
  }

  get failedItems(): number {
    return this.items.filter((item) => verdictOf(item.verification) === 'failed').length;
  }

  hasAlarm(code?: Alarm['code']): boolean {
    return code === undefined ? this.alarms.length > 0 : this.alarms.some((alarm) => alarm.code === code);
  }

  /**
   * Appends entries in log order. Returns false, taking nothing more, at the first entry that
   * is not the next index: a log has no gaps and no reordering (R22).
   */
  append(entries: readonly LogEntry[], verified: (id: string, index: number) => ItemVerification | undefined): { ok: true } | { ok: false; expected: number; got: number } {
    // One copy per batch, not per entry: a first page of thousands of entries stays linear.
    const items = [...this.items];
    try {
      for (const entry of entries) {
        const expected = items.length;
        if (entry.index < expected && items[entry.index]?.id === parseLeaf(entry.leaf).id) continue; // replayed by a stream
        if (entry.index !== expected) return { ok: false, expected, got: entry.index };
        const item = newItem(entry);
        const known = item.claimedId === item.id ? verified(item.id, item.index) : undefined;
        items.push(known ? { ...item, verification: known } : item);
      }
      return { ok: true };
    } finally {
      // What was taken before a gap stays taken, as when entries were appended one by one.
      if (items.length !== this.items.length) this.items = items;
    }
  }

  replaceItem(item: SyncedItem): void {
    const items = [...this.items];
    items[item.index] = item;
    this.items = items;
  }

  /** Replaces every item `update` returns a new value for, in one copy of the list. */
  replaceItems(update: (item: SyncedItem) => SyncedItem | undefined): void {
    let items: SyncedItem[] | undefined;
    this.items.forEach((item, index) => {
      const next = update(item);
      if (next === undefined) return;
      items ??= [...this.items];
      items[index] = next;
    });
    if (items) this.items = items;
  }

  view(): CompartmentSync {
    const { summary, trusted } = this;
    return {
      id: summary.id,
      kind: summary.kind,
      owner: summary.owner,
      parties: summary.parties,
      origin: this.origin,
      size: this.size,
      checkpoint: trusted ? { size: trusted.size, rootHash: base64Encode(trusted.rootHash), time: trusted.time, note: this.lastNote ?? '' } : null,
      consistency: this.alarms.length > 0 ? { status: 'alarm' } : this.consistency,
      cosigners: this.cosigners,
      cosign: this.cosign,
      alarms: this.alarms,
      failedItems: this.failedItems,
    };
  }
}

/** A received entry, before any check: its id and leaf hash are computed from its bytes. */
function newItem(entry: LogEntry): SyncedItem {
  const leaf = parseLeaf(entry.leaf);
  return {
    id: leaf.id,
    claimedId: entry.id,
    compartment: entry.compartment,
    index: entry.index,
    receivedAt: entry.receivedAt,
    leafHash: leaf.leafHash,
    signed: leaf.signed,
    verification: {
      signature: leaf.problem === undefined ? { status: 'pending' } : { status: 'failed', code: 'leaf_malformed', detail: leaf.problem },
      inclusion: { status: 'pending' },
    },
  };
}
