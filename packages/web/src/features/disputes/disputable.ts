import type { PartyKind } from '@fusion-cell/protocol';
import { verdictOf, type SyncedItem } from '../../sync/sync-types.ts';

/**
 * What is never disputed on its own: the dispute process's own items (they are answered in it),
 * acknowledgments and signatures (a party gives its own), and the cell's escalations (a fact of
 * the record). A translation is contested by its own action, with the same form.
 */
const NOT_DISPUTED: ReadonlySet<string> = new Set([
  'dispute',
  'dispute.response',
  'dispute.stage.proposal',
  'dispute.stage',
  'dispute.close',
  'dispute.caucus',
  'dispute.resolution',
  'ack',
  'document.sign',
  'escalation',
]);

/** Whether an item of this type may be the subject of a dispute. */
export function isDisputable(type: string): boolean {
  return !NOT_DISPUTED.has(type);
}

/** The most items one dispute names (its references). */
export const MAX_DISPUTED = 20;

/**
 * Who a dispute is put to by default: the party that entered the disputed item when it is
 * another side; otherwise (the supervisor's item, the cell's) every other side of the
 * compartment.
 */
export function defaultRespondents(sides: readonly string[], reader: string, authorParty: string | undefined): string[] {
  const others = sides.filter((party) => party !== reader);
  return authorParty !== undefined && others.includes(authorParty) ? [authorParty] : others;
}

/** The other sides of a compartment, who a side may name as respondents. */
export function otherSides(parties: readonly string[], reader: string, kindOf: (party: string) => PartyKind | undefined): string[] {
  return parties.filter((party) => party !== reader && kindOf(party) === 'side');
}

/** Items of a compartment a dispute may also name, newest first. */
export function disputableItems(items: readonly SyncedItem[], exclude: readonly string[]): SyncedItem[] {
  return items.filter((item) => item.signed && verdictOf(item.verification) !== 'failed' && isDisputable(item.signed.envelope.type) && !exclude.includes(item.id)).reverse();
}
