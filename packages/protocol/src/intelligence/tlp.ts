import { z } from 'zod';
import type { CompartmentKind } from '../common.ts';

/**
 * Traffic Light Protocol 2.0 (FIRST): how far what a report says may be shared. The order is
 * from the widest audience to the narrowest.
 */
export const TLP_LEVELS = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'] as const;
export const Tlp = z.enum(TLP_LEVELS, { error: 'must be one of CLEAR, GREEN, AMBER, AMBER+STRICT or RED (TLP 2.0)' });
export type Tlp = z.infer<typeof Tlp>;

/**
 * TLP 2.0's own colours (FIRST, "TLP 2.0 standard", colour table), for a label drawn on a black
 * background so that it reads the same on a light page and a dark one.
 */
export const TLP_COLOURS: Readonly<Record<Tlp, { text: string; background: string }>> = {
  RED: { text: '#FF2B2B', background: '#000000' },
  'AMBER+STRICT': { text: '#FFC000', background: '#000000' },
  AMBER: { text: '#FFC000', background: '#000000' },
  GREEN: { text: '#33FF00', background: '#000000' },
  CLEAR: { text: '#FFFFFF', background: '#000000' },
};

/** The label as the standard writes it: `TLP:AMBER+STRICT`. */
export function tlpLabel(tlp: Tlp): string {
  return `TLP:${tlp}`;
}

/**
 * Where a report of this marking may be filed, by the kind of compartment and so by its audience
 * (SPEC R43):
 * - CLEAR, GREEN, AMBER: anywhere. AMBER is shared with the receiving parties' members who need
 *   it, which every compartment's audience already is.
 * - AMBER+STRICT: only within the receiving party. A caucus (one side and the supervisors) or a
 *   party's internal compartment is one receiving party's own audience; the plenary gives it to
 *   every party at once and is refused.
 * - RED: only where it is filed; it may be filed in any compartment, but never released or
 *   exported outside it.
 */
export function tlpAllowedIn(tlp: Tlp, kind: CompartmentKind): boolean {
  if (tlp === 'AMBER+STRICT') return kind !== 'plenary';
  return true;
}

/** Why a marking may not be filed in a compartment of this kind, or undefined when it may. */
export function tlpRefusal(tlp: Tlp, kind: CompartmentKind): string | undefined {
  if (tlpAllowedIn(tlp, kind)) return undefined;
  return 'TLP:AMBER+STRICT stays within the receiving party: file it in a caucus or an internal compartment, not in the plenary';
}

/** Whether what a report says may leave its compartment at all (a release, an export). */
export function tlpMayLeaveCompartment(tlp: Tlp): boolean {
  return tlp !== 'RED';
}
