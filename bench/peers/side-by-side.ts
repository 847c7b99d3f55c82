// Figures that set the cell beside its peer, each side measured on its own: a side that could
// not be measured turns the figures that need it into "not measured", with its reason, and
// leaves the others.
import { figure, notMeasured, type Figure } from '../results.ts';

export type Outcome<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Runs one side; an error becomes the reason its figures are not measured. */
export async function attempt<T>(side: string, run: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    console.error(`  ${side}: not measured:`, error);
    return { ok: false, reason: `${side}: ${(error instanceof Error ? error.message : String(error)).split('\n')[0] ?? ''}` };
  }
}

export interface Comparison<T> {
  name: string;
  unit: string;
  goal: string;
  pick(result: T): number;
  /** Why a side's result holds no value for this figure, if it does not. */
  unavailable?(result: T): string | undefined;
  /**
   * Whether the cell meets the goal, given the peer's value when it was measured; a goal that
   * cannot be judged without the peer leaves the figure not measured when the peer is missing.
   */
  pass(cell: number, peer: number | undefined): boolean | 'needs the peer';
}

export function compare<T>(comparison: Comparison<T>, cell: Outcome<T>, peer: Outcome<T>): Figure {
  const { name, unit, goal } = comparison;
  if (!cell.ok) return notMeasured(name, cell.reason, unit, goal);
  const cellGap = comparison.unavailable?.(cell.value);
  if (cellGap) return notMeasured(name, `cell: ${cellGap}`, unit, goal);
  const peerGap = peer.ok ? comparison.unavailable?.(peer.value) : undefined;
  if (peerGap) return notMeasured(name, `peer: ${peerGap}`, unit, goal);
  const value = comparison.pick(cell.value);
  const baseline = peer.ok ? comparison.pick(peer.value) : undefined;
  const pass = comparison.pass(value, baseline);
  if (pass === 'needs the peer') return notMeasured(name, peer.ok ? 'the peer gave no value' : peer.reason, unit, goal);
  return figure(name, value, unit, baseline ?? null, goal, pass);
}

/** For goals relative to the peer: undecidable without it. */
export const atMostThePeers = (cell: number, peer: number | undefined): boolean | 'needs the peer' => (peer === undefined ? 'needs the peer' : cell <= peer);

/** Informative figures pass; they are side by side, so without the peer they are not measured. */
export const informative = (_cell: number, peer: number | undefined): boolean | 'needs the peer' => (peer === undefined ? 'needs the peer' : true);
