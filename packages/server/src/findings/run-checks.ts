import { FindingPayload, itemTypeDefinition } from '@fusion-cell/protocol';
import { CELL_AUTHOR, LOG_DEVICE, signEnvelope, type JsonObject, type Signer } from '@fusion-cell/record';
import { toIso } from '../clock.ts';
import type { AppliedEntry } from '../record/applied-entry.ts';
import { prepareEntry, type PreparedEntry } from '../record/prepared-entry.ts';
import type { CheckScope } from './finding-runner.ts';
import { findingRunner } from './registry.ts';

/**
 * The findings of the automatic checks on entries just appended, signed by the cell's log key
 * over each item's time of receipt, to be appended in the same transaction: no one ever reads
 * an item without its findings, and a crash cannot separate them. Each lands in its item's
 * compartment and track, so exactly the item's readers see it.
 */
export async function findingsFor(scope: CheckScope, cellId: string, sign: Signer, applied: readonly AppliedEntry[]): Promise<PreparedEntry[]> {
  const found: PreparedEntry[] = [];
  const checked = applied.filter((entry) => (itemTypeDefinition(entry.signed.envelope.type)?.findings?.length ?? 0) > 0);
  if (checked.length === 0) return found;
  const authors = [...new Set(checked.map((entry) => entry.signed.envelope.author))];
  const members = await scope.trx.selectFrom('members').select(['id', 'party_id']).where('id', 'in', authors).execute();
  const partyOf = new Map(members.map((member) => [member.id, member.party_id]));
  for (const entry of checked) {
    const { envelope } = entry.signed;
    const authorParty = partyOf.get(envelope.author);
    if (!authorParty) continue;
    for (const declaration of itemTypeDefinition(envelope.type)?.findings ?? []) {
      if (declaration.appliesTo && !declaration.appliesTo(envelope.payload)) continue;
      const runner = findingRunner(declaration.check);
      if (!runner) continue;
      const result = await runner.run(scope, { id: entry.itemId, compartment: entry.compartmentId, receivedAt: entry.receivedAt, authorParty, envelope });
      // The runner's detail must have the shape the protocol declares for its check.
      const payload = FindingPayload.parse({ check: declaration.check, subject: entry.itemId, ...result }) as JsonObject;
      const signed = await signEnvelope(
        {
          cell: cellId,
          compartment: envelope.compartment,
          type: 'finding',
          track: envelope.track,
          payload,
          references: [entry.itemId],
          author: CELL_AUTHOR,
          device: LOG_DEVICE,
          authoredAt: toIso(entry.receivedAt),
        },
        sign,
      );
      found.push(prepareEntry(signed));
    }
  }
  return found;
}
