import { createContext, useContext } from 'react';

/** Where a dispute is read in full: its page. */
export function disputePath(id: string): string {
  return `/disputes/${id}`;
}

/** The dispute a page shows: what is on it needs no link, nor banner, pointing back to it. */
export const ShownDispute = createContext<string | undefined>(undefined);

/** Whether this dispute is the one the page shows. */
export function useIsShown(id: string | undefined): boolean {
  const shown = useContext(ShownDispute);
  return id !== undefined && shown === id;
}
