import type { z } from 'zod';
import { ROLES, TRACKS, type Role, type Track } from '../common.ts';
import { MessagePayload } from './message.ts';

/** What the cell needs to know about an item type to accept an item of it. */
export interface ItemTypeDefinition {
  payload: z.ZodType;
  /** Roles whose members may create it. */
  roles: readonly Role[];
  /** Tracks it may be filed under. */
  tracks: readonly Track[];
}

/**
 * Every item type a member may submit, with its payload schema. Types not listed here are
 * refused; entries the cell itself signs (escalations, for instance) are not submitted.
 */
export const ITEM_TYPES = {
  message: { payload: MessagePayload, roles: ROLES, tracks: TRACKS },
} as const satisfies Record<string, ItemTypeDefinition>;

export type ItemTypeName = keyof typeof ITEM_TYPES;

export function itemTypeDefinition(type: string): ItemTypeDefinition | undefined {
  return Object.hasOwn(ITEM_TYPES, type) ? ITEM_TYPES[type as ItemTypeName] : undefined;
}
