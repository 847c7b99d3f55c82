import type { LogEntry } from '@fusion-cell/protocol';
import type { VerifierKey } from '@fusion-cell/record';
import { api } from '../api/endpoints.ts';
import type { CompartmentState } from './compartment-state.ts';
import type { DirectoryView } from './directory.ts';
import type { CheckedEntry, SignatureScope } from './entry-check.ts';
import type { SyncServices } from './sync-services.ts';
import { extendFrontier } from './verify-pending-items.ts';

/** The most entries the server sends for one request (`GET …/entries`, `limit` ≤ 1000). */
const ENTRY_PAGE = 1000;

/**
 * Takes entries in log order, each read and its signature checked in a worker, with what this
 * page already verified about it. A gap or a reordering raises an alarm, and after it nothing
 * more is taken: the log is not what it says.
 */
export async function appendEntries(state: CompartmentState, entries: readonly LogEntry[], services: SyncServices, logKey: VerifierKey | null): Promise<void> {
  if (state.hasAlarm('entries_out_of_order') || entries.length === 0) return;
  const checkedWith = services.directory.view;
  await takeChecked(state, entries, await checkServedEntries(state, entries, services, logKey), checkedWith, services, logKey);
}

/** A page of entries requested, then checked as soon as it comes. */
interface PageAhead {
  start: number;
  checked: Promise<{ entries: readonly LogEntry[]; next: number | null; checked: CheckedEntry[]; checkedWith: DirectoryView }>;
}

function pageFrom(state: CompartmentState, start: number, services: SyncServices, logKey: VerifierKey | null): PageAhead {
  const checked = api.entries(state.id, start, ENTRY_PAGE).then(async ({ entries, next }) => {
    const checkedWith = services.directory.view;
    return { entries, next, checkedWith, checked: await checkServedEntries(state, entries, services, logKey) };
  });
  // Awaited only if the loop still wants it; its failure must not go unheard otherwise.
  checked.catch(() => undefined);
  return { start, checked };
}

/**
 * Fetches the entries up to the size the server reports, a page at a time: the next page is
 * fetched and checked in the worker while the last is taken, and each page's leaves are
 * hashed into the tree as it comes; `progress` is told. The server may serve fewer than its
 * own verified checkpoint signed: that is an alarm, not a wait.
 */
export async function loadEntries(state: CompartmentState, size: number, services: SyncServices, logKey: VerifierKey | null, progress?: () => void): Promise<void> {
  let ahead: PageAhead | undefined;
  while (state.items.length < size && !state.hasAlarm('entries_out_of_order') && services.running.value) {
    const start = state.items.length;
    const current = ahead?.start === start ? ahead : pageFrom(state, start, services, logKey);
    ahead = undefined;
    const page = await current.checked;
    const last = page.entries.at(-1);
    if (page.next !== null && last && last.index + 1 < size) ahead = pageFrom(state, last.index + 1, services, logKey);
    await takeChecked(state, page.entries, page.checked, page.checkedWith, services, logKey);
    if (state.trusted) await extendFrontier(state, state.trusted.size);
    progress?.();
    if (page.next === null || page.entries.length === 0) break;
  }
  const trusted = state.trusted;
  if (trusted && state.items.length < trusted.size && !state.hasAlarm('entries_out_of_order') && services.running.value) {
    await services.alarms.raise(
      state,
      'entries_missing',
      { size: trusted.size, received: state.items.length },
      `the log signed ${trusted.size} entries, but the server serves only ${state.items.length}`,
    );
  }
}

/** Reads the entries and checks who signed them (in the worker), skipping the signatures this page verified already. */
export function checkServedEntries(state: CompartmentState, entries: readonly LogEntry[], services: SyncServices, logKey: VerifierKey | null): Promise<CheckedEntry[]> {
  const { cache, checker } = services;
  const scope = logKey ? signatureScope(state, logKey, services) : null;
  const known = entries.map((entry) => cache.get(entry.id, state.id, entry.index) !== undefined);
  return checker.check({ entries, scope, known });
}

async function takeChecked(
  state: CompartmentState,
  entries: readonly LogEntry[],
  checked: CheckedEntry[],
  checkedWith: DirectoryView,
  services: SyncServices,
  logKey: VerifierKey | null,
): Promise<void> {
  if (state.hasAlarm('entries_out_of_order')) return;
  const { alarms, cache } = services;
  const settled = logKey ? await withDirectoryAgain(checked, checkedWith, logKey, services) : checked;
  const result = state.append(entries, (id, index) => cache.get(id, state.id, index), settled);
  if (!result.ok) {
    await alarms.raise(state, 'entries_out_of_order', { expected: result.expected, index: result.got }, `expected entry #${result.expected} next, the server sent #${result.got}`);
  }
}

/** What the worker needs to check who signed this compartment's entries. */
function signatureScope(state: CompartmentState, logKey: VerifierKey, { scope, directory }: SyncServices): SignatureScope {
  return {
    cellId: scope.cellId,
    compartment: { id: state.id, parties: state.summary.parties },
    logPublicKey: logKey.publicKey,
    devices: directory.view.devices,
  };
}

/**
 * A device missing from the directory, or not yet valid in it, may be newer than the copy the
 * entries were checked against: when the directory was fetched again since, or is now (once a
 * round), those entries are left unchecked, for the page to check against the new copy.
 */
async function withDirectoryAgain(checked: CheckedEntry[], checkedWith: DirectoryView, logKey: VerifierKey, { directory }: SyncServices): Promise<CheckedEntry[]> {
  const doubtful = (entry: CheckedEntry) => entry.signature?.status === 'failed' && (entry.signature.code === 'device_unknown' || entry.signature.code === 'device_not_valid');
  if (!checked.some(doubtful)) return checked;
  if (directory.view === checkedWith && !(await directory.fetchAgainThisRound(logKey))) return checked;
  return checked.map((entry) => (doubtful(entry) ? { ...entry, signature: null } : entry));
}
