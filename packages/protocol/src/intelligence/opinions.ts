/** One party's opinion on a report, as a reader finds it in the record. */
export interface PartyOpinion<Opinion = string> {
  /** The opinion item's id. */
  item: string;
  party: string;
  opinion: Opinion;
  /** Its position in its compartment's log: a later one stands in place of an earlier one. */
  index: number;
}

/**
 * Each party's current opinion on a report, with how many it gave: the latest in the log
 * stands; the earlier ones stay in the record as its history. Server and apps both decide here.
 */
export function currentOpinions<Entry extends PartyOpinion<unknown>>(opinions: readonly Entry[]): Array<{ current: Entry; history: Entry[] }> {
  const byParty = new Map<string, Entry[]>();
  for (const entry of [...opinions].sort((a, b) => a.index - b.index)) byParty.set(entry.party, [...(byParty.get(entry.party) ?? []), entry]);
  return [...byParty.values()].map((entries) => ({ current: entries[entries.length - 1] as Entry, history: entries.slice(0, -1) }));
}
