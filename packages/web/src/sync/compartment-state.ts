import type { CompartmentSummary, LogEntry } from '@fusion-cell/protocol';
import { base64Encode, type OpenedCheckpoint } from '@fusion-cell/record';
import type { ApiError } from '../api/api-error.ts';
import type { CheckedEntry } from './entry-check.ts';
import { LeafFrontier } from './leaf-frontier.ts';
import type { StoredCheckpoint } from './trust-store.ts';
import { parseLeaf } from './verify-item.ts';
import { verdictOf, type Alarm, type ItemVerification, type CompartmentSync, type ConsistencyStatus, type CosignerView, type CosignState, type SyncedItem } from './sync-types.ts';

/** How far the checks of a log's items have come, counted as items change, never by scanning them. */
export interface ItemTally {
  failed: number;
  /** Items whose signature is no longer pending. */
  signed: number;
  /** Items whose inclusion is no longer pending. */
  included: number;
}

/** Everything this browser holds about one compartment's log while the app runs. */
export class CompartmentState {
  size = 0;
  /** The size a round is fetching entries up to: the stream goes on from there meanwhile. */
  loadingTo = 0;
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
  /** The leaves hashed into the log's tree so far, in order: the root of a checkpoint's tree is compared with it. */
  frontier = LeafFrontier.empty();
  private readonly tally: ItemTally = { failed: 0, signed: 0, included: 0 };

  constructor(
    readonly summary: CompartmentSummary,
    readonly origin: string,
  ) {}

  get id(): string {
    return this.summary.id;
  }

  get failedItems(): number {
    return this.tally.failed;
  }

  /** Items whose signature is still to be checked. */
  get unsignedItems(): number {
    return this.items.length - this.tally.signed;
  }

  /**
   * Items checked as far as they can be now: who signed them is settled, and their inclusion
   * is too, or their leaf is hashed into the tree whose root the next checkpoint is compared with.
   */
  get checkedItems(): number {
    return Math.min(this.tally.signed, Math.max(this.tally.included, this.frontier.size));
  }

  /** At most the items whose two checks are both settled: every item when it equals their number. */
  get settledItems(): number {
    return Math.min(this.tally.signed, this.tally.included);
  }

  hasAlarm(code?: Alarm['code']): boolean {
    return code === undefined ? this.alarms.length > 0 : this.alarms.some((alarm) => alarm.code === code);
  }

  /**
   * Appends entries in log order. Returns false, taking nothing more, at the first entry that
   * is not the next index: a log has no gaps and no reordering (R22).
   */
  append(
    entries: readonly LogEntry[],
    verified: (id: string, index: number) => ItemVerification | undefined,
    /** Each entry as read and checked already (in a worker), in the same order; read here otherwise. */
    checked?: readonly CheckedEntry[],
  ): { ok: true } | { ok: false; expected: number; got: number } {
    // One copy per batch, not per entry: a first page of thousands of entries stays linear.
    const items = [...this.items];
    try {
      for (let position = 0; position < entries.length; position++) {
        const entry = entries[position]!;
        const check = checked?.[position];
        const expected = items.length;
        if (entry.index < expected && items[entry.index]?.id === (check?.id ?? parseLeaf(entry.leaf).id)) continue; // replayed by a stream
        if (entry.index !== expected) return { ok: false, expected, got: entry.index };
        const item = check ? checkedItem(entry, check) : newItem(entry);
        const known = item.claimedId === item.id ? verified(item.id, item.index) : undefined;
        const taken = known ? { ...item, verification: known } : item;
        items.push(taken);
        this.count(taken, 1);
      }
      return { ok: true };
    } finally {
      // What was taken before a gap stays taken, as when entries were appended one by one.
      if (items.length !== this.items.length) this.items = items;
    }
  }

  /**
   * Takes items kept from an earlier session, verified then, into an empty log (their frontier
   * comes with them).
   */
  restore(items: readonly SyncedItem[]): void {
    const taken = [...this.items, ...items];
    for (const item of items) this.count(item, 1);
    this.items = taken;
  }

  /**
   * Takes entries the server now serves in place of those held at their indexes (kept entries
   * it serves differently), each as read and checked afresh. The tree is hashed again from the
   * leaves held now, so the checkpoint's root tells whether these are the log's.
   */
  retake(entries: readonly LogEntry[], checked: readonly CheckedEntry[]): void {
    const items = [...this.items];
    entries.forEach((entry, position) => {
      const before = items[entry.index];
      const check = checked[position];
      if (!before || !check) return;
      const next = checkedItem(entry, check);
      this.count(before, -1);
      this.count(next, 1);
      items[entry.index] = next;
    });
    this.items = items;
    this.frontier = LeafFrontier.empty();
  }

  /** Forgets every item and the leaves hashed, as before the first entry. */
  reset(): void {
    this.items = [];
    this.frontier = LeafFrontier.empty();
    this.tally.failed = 0;
    this.tally.signed = 0;
    this.tally.included = 0;
  }

  replaceItem(item: SyncedItem): void {
    const items = [...this.items];
    const before = items[item.index];
    if (before) this.count(before, -1);
    items[item.index] = item;
    this.count(item, 1);
    this.items = items;
  }

  /** Replaces every item `update` returns a new value for (from index `from` on), in one copy of the list. */
  replaceItems(update: (item: SyncedItem) => SyncedItem | undefined, from = 0): void {
    let items: SyncedItem[] | undefined;
    for (let index = from; index < this.items.length; index++) {
      const item = this.items[index]!;
      const next = update(item);
      if (next === undefined) continue;
      items ??= [...this.items];
      items[index] = next;
      this.count(item, -1);
      this.count(next, 1);
    }
    if (items) this.items = items;
  }

  /**
   * As {@link replaceItems}, yielding the thread whenever `pause` asks: a hundred thousand items
   * proven by one root are not rewritten in one task. Only the sync changes items, one change
   * at a time, so the list is not changed by anything else meanwhile.
   */
  async replaceItemsGradually(update: (item: SyncedItem) => SyncedItem | undefined, from: number, pause: () => Promise<void> | undefined): Promise<void> {
    const items = [...this.items];
    let changed = false;
    for (let index = from; index < items.length; index++) {
      const waited = pause();
      if (waited) await waited;
      const item = items[index]!;
      const next = update(item);
      if (next === undefined) continue;
      items[index] = next;
      changed = true;
      this.count(item, -1);
      this.count(next, 1);
    }
    if (changed) this.items = items;
  }

  private count(item: SyncedItem, change: 1 | -1): void {
    const { signature, inclusion } = item.verification;
    if (signature.status !== 'pending') this.tally.signed += change;
    if (inclusion.status !== 'pending') this.tally.included += change;
    if (verdictOf(item.verification) === 'failed') this.tally.failed += change;
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

/** A received entry as a worker read and checked it. */
function checkedItem(entry: LogEntry, check: CheckedEntry): SyncedItem {
  return {
    id: check.id,
    claimedId: entry.id,
    compartment: entry.compartment,
    index: entry.index,
    receivedAt: entry.receivedAt,
    leafHash: check.leafHash,
    signed: check.signed,
    verification: { signature: check.signature ?? { status: 'pending' }, inclusion: { status: 'pending' } },
  };
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
