import type { CompartmentKind, Role } from '../../common.ts';

/** Those who act for a party at once: the head of delegation and the duty officers. */
export const OPERATIONAL: readonly Role[] = ['head', 'duty'];
/** Everyone who may answer for a party in substance; administrators only run accounts. */
export const RESPONDERS: readonly Role[] = ['head', 'duty', 'analyst', 'commercial', 'translator'];
/** Compartments shared between parties: what is said there is said to someone. */
export const SHARED_COMPARTMENTS: readonly CompartmentKind[] = ['plenary', 'caucus'];
