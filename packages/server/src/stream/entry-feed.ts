import type { ServerFrame } from '@fusion-cell/protocol';
import type { Kysely } from 'kysely';
import { toIso } from '../clock.ts';
import type { Database } from '../db/schema.ts';

export interface StreamEntry {
  compartment: string;
  index: number;
  id: string;
  receivedAt: string;
  leaf: string;
}

/**
 * An entry as its `entry` frame, serialised once and shared by every connection that sends it.
 * Only the frame is kept: the leaf it holds is most of an entry's size, and a copy of it beside
 * the frame would double what the recent entries hold in memory.
 */
export interface FeedEntry {
  index: number;
  frame: Buffer;
}

function withFrame(entry: StreamEntry): FeedEntry {
  const frame: ServerFrame = { type: 'entry', compartment: entry.compartment, index: entry.index, id: entry.id, receivedAt: entry.receivedAt, leaf: entry.leaf };
  return { index: entry.index, frame: Buffer.from(JSON.stringify(frame)) };
}

interface LogView {
  size: number;
  /** Recent entries, `recent[i]` being entry `base + i`. */
  recent: FeedEntry[];
  base: number;
  /** Serialises advances of one log. */
  advancing: Promise<void>;
}

/**
 * One instance's view of every log, shared by all its stream connections: the size of each
 * log and its most recent entries in memory. A live entry is read from the database at most
 * once per instance, however many clients are waiting for it; clients further behind read
 * their backlog from the database in pages.
 */
export class EntryFeed {
  private readonly logs = new Map<string, LogView>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly capacity = 4096,
  ) {}

  /** The log's size as this instance knows it (loaded from the database the first time). */
  async size(compartment: string): Promise<number> {
    return (await this.view(compartment)).size;
  }

  /** The known size, without waiting: undefined until the log was first loaded. */
  knownSize(compartment: string): number | undefined {
    return this.logs.get(compartment)?.size;
  }

  /**
   * Entries from `from` that are in memory, without waiting: the live path, where every
   * connection is at most a few entries behind. Undefined when the range is not in memory.
   */
  readRecent(compartment: string, from: number, limit: number): FeedEntry[] | undefined {
    const view = this.logs.get(compartment);
    if (!view || from < view.base) return undefined;
    return view.recent.slice(from - view.base, from - view.base + limit);
  }

  /** Entries appended by this instance, in order, as soon as they are committed. */
  push(entries: StreamEntry[]): void {
    for (const entry of entries) {
      const view = this.logs.get(entry.compartment);
      // Only contiguous entries go in; a gap (another instance wrote meanwhile) is filled by advance().
      if (!view || entry.index !== view.size) continue;
      this.keep(view, withFrame(entry));
    }
  }

  /** Brings the view of a log up to `size`, reading what it lacks from the database once. */
  async advance(compartment: string, size: number): Promise<void> {
    const view = await this.view(compartment);
    const advancing = view.advancing.then(async () => {
      while (view.size < size) {
        const rows = await this.fetch(compartment, view.size, Math.min(1000, size - view.size));
        if (rows.length === 0) break;
        for (const row of rows) if (row.index === view.size) this.keep(view, row);
      }
    });
    // A failed read (the database away) must not fail every later advance chained behind it.
    view.advancing = advancing.catch(() => undefined);
    await advancing;
  }

  /** Up to `limit` entries from index `from`, from memory when recent enough. */
  async read(compartment: string, from: number, limit: number): Promise<FeedEntry[]> {
    const view = await this.view(compartment);
    if (from >= view.base) return view.recent.slice(from - view.base, from - view.base + limit);
    return this.fetch(compartment, from, Math.min(limit, view.base - from));
  }

  private keep(view: LogView, entry: FeedEntry): void {
    view.recent.push(entry);
    view.size = entry.index + 1;
    // Trimmed by a quarter at a time, so the array is not shifted at every entry once full.
    if (view.recent.length > this.capacity) {
      const drop = view.recent.length - Math.floor((this.capacity * 3) / 4);
      view.recent.splice(0, drop);
      view.base += drop;
    }
  }

  private async view(compartment: string): Promise<LogView> {
    let view = this.logs.get(compartment);
    if (!view) {
      const head = await this.db.selectFrom('log_heads').select('size').where('compartment_id', '=', compartment).executeTakeFirst();
      // Another caller may have created it while we waited for the database.
      view = this.logs.get(compartment) ?? { size: head?.size ?? 0, recent: [], base: head?.size ?? 0, advancing: Promise.resolve() };
      this.logs.set(compartment, view);
    }
    return view;
  }

  private async fetch(compartment: string, from: number, limit: number): Promise<FeedEntry[]> {
    const rows = await this.db
      .selectFrom('log_entries')
      .select(['idx', 'item_id', 'received_at', 'leaf'])
      .where('compartment_id', '=', compartment)
      .where('idx', '>=', from)
      .orderBy('idx')
      .limit(limit)
      .execute();
    return rows.map((row) => withFrame({ compartment, index: row.idx, id: row.item_id, receivedAt: toIso(row.received_at), leaf: row.leaf }));
  }
}
