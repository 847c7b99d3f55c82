import type { CellEvent } from './event-bus.ts';

/** Most events kept while they cannot be sent; past it, the oldest are dropped. */
const MAX_UNSENT = 10_000;

/**
 * Events this instance could not pass on to the others (the database did not take the
 * NOTIFY), kept until it does. Newer news of a log replaces older news of it: an outage
 * leaves one `appended` and one `checkpoint` per log, carrying the latest size, and one
 * `presence`, however long it lasts.
 */
export class UnsentEvents {
  private readonly events = new Map<string, CellEvent>();

  get size(): number {
    return this.events.size;
  }

  keep(event: CellEvent): void {
    const key = keyOf(event);
    const kept = this.events.get(key);
    if (kept && 'size' in kept && 'size' in event && kept.size >= event.size) return;
    // Re-inserted, so the map's order stays oldest first.
    this.events.delete(key);
    this.events.set(key, event);
    for (const oldest of this.events.keys()) {
      if (this.events.size <= MAX_UNSENT) break;
      this.events.delete(oldest);
    }
  }

  /** Everything kept, oldest first; the caller keeps again what it still cannot send. */
  takeAll(): CellEvent[] {
    const all = [...this.events.values()];
    this.events.clear();
    return all;
  }
}

function keyOf(event: CellEvent): string {
  switch (event.type) {
    case 'appended':
    case 'checkpoint':
      return `${event.type}:${event.compartment}`;
    case 'notify':
      return `notify:${event.kind}:${event.party}:${event.item}:${event.dueAt}`;
    case 'presence':
      return 'presence';
  }
}
