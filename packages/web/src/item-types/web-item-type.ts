import type { ReactElement } from 'react';
import type { ITEM_TYPES, ItemTypeName } from '@fusion-cell/protocol';
import type { Envelope } from '@fusion-cell/record';

/**
 * How the app shows one item type: its name (a key under `items.types` in every language) and
 * how an item of it reads, its payload already checked against the type's own schema.
 */
export interface WebItemType<Name extends ItemTypeName = ItemTypeName> {
  type: Name;
  nameKey: string;
  render(payload: ReturnType<(typeof ITEM_TYPES)[Name]['payload']['parse']>, envelope: Envelope): ReactElement;
}

/** Declares how a type shows, with its payload typed from the protocol's schema. */
export function defineWebItemType<Name extends ItemTypeName>(module: WebItemType<Name>): WebItemType<Name> {
  return module;
}
