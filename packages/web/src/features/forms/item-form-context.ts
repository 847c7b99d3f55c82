import { createContext, useContext } from 'react';
import type { CompartmentSummary, Language, Track } from '@fusion-cell/protocol';

/** Where the author chooses to enter an item, among what its type allows. */
export interface PlaceChoice {
  compartments: readonly CompartmentSummary[];
  compartment: string;
  setCompartment(compartment: string): void;
  tracks: readonly Track[];
  track: Track;
  setTrack(track: Track): void;
}

/** What an item form's pieces share: the type, the text's language, what is wrong, where it goes. */
export interface ItemFormContextValue {
  type: string;
  /** Names the form's parts: `<testId>-language`, `-compartment`, `-track`, `-submit`, `-status`. */
  testId: string;
  language: Language;
  setLanguage(language: Language): void;
  /** The field at fault when the author tried to sign, until it is edited. */
  invalidField: string | null;
  /** The field the author left empty, when that was the fault: said under the field. */
  missing: string | null;
  /** A field was edited: what was said wrong with it, or with the whole form, no longer stands. */
  edited(field: string): void;
  /** Absent when the page fixes the compartment and track. */
  place: PlaceChoice | undefined;
  sending: boolean;
}

export const ItemFormContext = createContext<ItemFormContextValue | null>(null);

export function useItemFormContext(): ItemFormContextValue {
  const value = useContext(ItemFormContext);
  if (!value) throw new Error('an item form field needs an ItemForm');
  return value;
}
