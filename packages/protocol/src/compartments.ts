import type { CompartmentKind } from './common.ts';

/**
 * Default compartments have ids that say what they are: `plenary`, `caucus-<side>` (the side
 * and the supervisors) and `internal-<party>`.
 */
export function compartmentId(kind: CompartmentKind, owner?: string): string {
  return kind === 'plenary' ? 'plenary' : `${kind}-${owner}`;
}

export function parseCompartmentId(id: string): { kind: CompartmentKind | undefined; owner: string | undefined } {
  if (id === 'plenary') return { kind: 'plenary', owner: undefined };
  for (const kind of ['caucus', 'internal'] as const) {
    if (id.startsWith(`${kind}-`)) return { kind, owner: id.slice(kind.length + 1) };
  }
  return { kind: undefined, owner: undefined };
}
