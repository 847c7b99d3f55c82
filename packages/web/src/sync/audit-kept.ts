import type { LogEntry } from '@fusion-cell/protocol';
import { base64UrlEncode, leafHash, utf8Encode } from '@fusion-cell/record';
import { api } from '../api/endpoints.ts';
import type { CompartmentState } from './compartment-state.ts';
import type { SyncServices } from './sync-services.ts';

/** Entries read again at a time: one request, hashed in a few milliseconds. */
const AUDIT_PAGE = 1000;

/** Where each compartment's audit has come to: kept entries below this index are still to be read again. */
const audits = new WeakMap<CompartmentState, { next: number }>();

/** Entries below `size` were taken from what an earlier session kept: they are read again, in time. */
export function auditKept(state: CompartmentState, size: number): void {
  if (size > 0) audits.set(state, { next: size });
}

export function auditPending(state: CompartmentState): boolean {
  return (audits.get(state)?.next ?? 0) > 0;
}

/**
 * Reads one page of kept entries again, newest first, and compares them with what was kept:
 * a server that altered, removed or moved an entry after this browser verified it must not
 * go unnoticed because the browser no longer asks for it. Only the bytes' hash is compared;
 * an entry served differently is taken in place of the kept one and checked afresh (so it
 * shows as failed, as it would in any browser reading it), a missing or moved one raises the
 * alarm a first reading would. Resolves with whether it found anything.
 */
export async function auditKeptPage(state: CompartmentState, services: SyncServices, retake: (entries: LogEntry[]) => Promise<void>): Promise<boolean> {
  const audit = audits.get(state);
  if (!audit || audit.next <= 0) return false;
  if (state.hasAlarm('entries_out_of_order') || state.hasAlarm('entries_missing')) {
    audit.next = 0;
    return false;
  }
  const end = Math.min(audit.next, state.items.length);
  const start = Math.max(0, end - AUDIT_PAGE);
  const { entries } = await api.entries(state.id, start, end - start);
  const changed: LogEntry[] = [];
  for (let index = start; index < end; index++) {
    const entry = entries[index - start];
    if (!entry) {
      audit.next = 0;
      const size = state.trusted?.size ?? end;
      await services.alarms.raise(state, 'entries_missing', { size, received: index }, `the log signed ${size} entries, but the server now serves only ${index} (it served #${index} before)`);
      return true;
    }
    if (entry.index !== index) {
      audit.next = 0;
      await services.alarms.raise(state, 'entries_out_of_order', { expected: index, index: entry.index }, `expected entry #${index} again, the server sent #${entry.index}`);
      return true;
    }
    const kept = state.items[index]!;
    if (entry.id !== kept.id || base64UrlEncode(leafHash(utf8Encode(entry.leaf))) !== kept.id) changed.push(entry);
  }
  if (changed.length > 0) await retake(changed);
  audit.next = start;
  return changed.length > 0;
}
