import { verifyBundle } from '@fusion-cell/record';
import { nodeVerifier } from '@fusion-cell/record/node';
import type { CookieSession } from './cookie-session.ts';
import type { Acknowledgment } from './crash-writers.ts';

const PAGE = 1000;

export interface LogComparison {
  /** Entries in the log. */
  entries: number;
  /** Acknowledged items the log does not hold. */
  lost: string[];
  /** Item ids the log holds more than once (each extra copy counts). */
  duplicated: string[];
  /** Acknowledged items found at another index than their receipt said. */
  misplaced: string[];
}

/** Every entry of a compartment's log, read through the API page by page: [id, index]. */
export async function readLog(session: CookieSession, compartment: string): Promise<Array<{ id: string; index: number }>> {
  const entries: Array<{ id: string; index: number }> = [];
  let start: number | null = 0;
  while (start !== null) {
    const answer = await session.get(`/api/v1/compartments/${compartment}/entries?start=${start}&limit=${PAGE}`);
    if (answer.status !== 200) throw new Error(`reading ${compartment} from ${start}: ${answer.status} ${JSON.stringify(answer.body)}`);
    for (const entry of answer.body.entries as Array<{ id: string; index: number }>) entries.push({ id: entry.id, index: entry.index });
    start = answer.body.next as number | null;
  }
  return entries;
}

/** Holds the log to what the server acknowledged: each receipt's item exactly once, where it said. */
export function compareWithReceipts(entries: Array<{ id: string; index: number }>, acknowledged: Iterable<Acknowledgment>): LogComparison {
  const indicesById = new Map<string, number[]>();
  for (const entry of entries) {
    const indices = indicesById.get(entry.id) ?? [];
    indices.push(entry.index);
    indicesById.set(entry.id, indices);
  }
  const comparison: LogComparison = { entries: entries.length, lost: [], duplicated: [], misplaced: [] };
  for (const [id, indices] of indicesById) for (let extra = 1; extra < indices.length; extra++) comparison.duplicated.push(id);
  for (const receipt of acknowledged) {
    const indices = indicesById.get(receipt.id);
    if (!indices) comparison.lost.push(receipt.id);
    else if (!indices.includes(receipt.index)) comparison.misplaced.push(receipt.id);
  }
  return comparison;
}

export interface ExportCheck {
  ok: boolean;
  entries: number;
  /** The first failures the verifier named, as text. */
  failures: string[];
}

/** Downloads the party's whole record and verifies it offline, as `fusion-cell export` does. */
export async function verifyExport(session: CookieSession): Promise<ExportCheck> {
  const answer = await session.get('/api/v1/export');
  if (answer.status !== 200) return { ok: false, entries: 0, failures: [`export: ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`] };
  const report = await verifyBundle(answer.body, { verifier: nodeVerifier() });
  return {
    ok: report.ok,
    entries: report.checked.entries,
    failures: report.failures.slice(0, 10).map((failure) => `${failure.code}${failure.compartment ? ` ${failure.compartment}` : ''}${failure.index !== undefined ? `#${failure.index}` : ''}: ${failure.message}`),
  };
}
