// R37–R38: references form a graph of earlier items.

import type { EntryInfo, VerifyContext } from './context.ts';

/**
 * [R37–R38] A reference into the same log must point to an earlier entry. A reference that
 * resolves nowhere in the bundle is a failure only when the exporting party wrote it: its
 * members can only see compartments the party is in, and the bundle holds all of them.
 * References by other parties (or by the cell) may point into compartments the exporting
 * party is not in, which it must not learn anything about — not even that they exist.
 */
export function checkReferences(context: VerifyContext, compartmentEntries: ReadonlyMap<string, readonly EntryInfo[]>): void {
  const { bundle, failures, items } = context;
  for (const [compartment, entries] of compartmentEntries) {
    entries.forEach((entry, position) => {
      for (const reference of entry.references) {
        const target = items.get(reference);
        if (target) {
          if (target.compartment === compartment && target.position >= position) {
            failures.add('reference_not_earlier', `reference ${reference} points to position ${target.position}`, {
              compartment,
              index: entry.index,
            });
          }
        } else if (entry.authorParty === bundle.party) {
          failures.add('reference_unresolved', `reference ${reference} is in no compartment of ${bundle.party}`, {
            compartment,
            index: entry.index,
          });
        }
      }
    });
  }
}
