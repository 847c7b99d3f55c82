import type { LogEntry } from '@fusion-cell/protocol';
import { api } from '../api/endpoints.ts';
import type { CompartmentState } from './compartment-state.ts';
import type { SyncServices } from './sync-services.ts';

const ENTRY_PAGE = 200;

/**
 * Takes entries in log order, each with what this page already verified about it. A gap or a
 * reordering raises an alarm, and after it nothing more is taken: the log is not what it says.
 */
export async function appendEntries(state: CompartmentState, entries: readonly LogEntry[], { alarms, cache }: SyncServices): Promise<void> {
  if (state.hasAlarm('entries_out_of_order')) return;
  const result = state.append(entries, (id, index) => cache.get(id, state.id, index));
  if (!result.ok) {
    await alarms.raise(state, 'entries_out_of_order', { expected: result.expected, index: result.got }, `expected entry #${result.expected} next, the server sent #${result.got}`);
  }
}

/**
 * Fetches the entries up to the size the server reports, page by page. The server may serve
 * fewer than its own verified checkpoint signed: that is an alarm, not a wait.
 */
export async function loadEntries(state: CompartmentState, size: number, services: SyncServices): Promise<void> {
  while (state.items.length < size && !state.hasAlarm('entries_out_of_order')) {
    const page = await api.entries(state.id, state.items.length, ENTRY_PAGE);
    await appendEntries(state, page.entries, services);
    if (page.next === null || page.entries.length === 0) break;
  }
  const trusted = state.trusted;
  if (trusted && state.items.length < trusted.size && !state.hasAlarm('entries_out_of_order')) {
    await services.alarms.raise(
      state,
      'entries_missing',
      { size: trusted.size, received: state.items.length },
      `the log signed ${trusted.size} entries, but the server serves only ${state.items.length}`,
    );
  }
}
