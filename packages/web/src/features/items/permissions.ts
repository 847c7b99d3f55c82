import { itemTypeDefinition, type CompartmentKind, type PartyKind, type Role, type Track } from '@fusion-cell/protocol';

export interface Author {
  roles: readonly Role[];
  partyKind: PartyKind;
}

/**
 * Whether the cell would accept an item of this type from this member, there: the same
 * table the server decides with (`ITEM_TYPES`), so the app offers only what will be taken.
 */
export function mayCreate(type: string, author: Author, where: { compartmentKind?: CompartmentKind; track?: Track } = {}): boolean {
  const definition = itemTypeDefinition(type);
  if (!definition || definition.cellOnly) return false;
  if (!definition.roles.some((role) => author.roles.includes(role))) return false;
  if (definition.partyKinds && !definition.partyKinds.includes(author.partyKind)) return false;
  if (where.compartmentKind && definition.compartments && !definition.compartments.includes(where.compartmentKind)) return false;
  if (where.track && !definition.tracks.includes(where.track)) return false;
  return true;
}
