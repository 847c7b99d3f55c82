import { durationToMilliseconds, itemTypeDefinition, obligationDueAt, partiesOwing } from '@fusion-cell/protocol';
import { CELL_AUTHOR } from '@fusion-cell/record';
import type { Kysely, Transaction } from 'kysely';
import type { CellContext } from '../cell/cell-context.ts';
import type { Database } from '../db/schema.ts';
import type { AppliedEntry } from '../record/applied-entry.ts';
import { deriveDeclaredBehaviour } from '../item-types/declared-behaviour.ts';
import { serverItemType } from '../item-types/registry.ts';
import { obligationRuleFor, repeatIntervalMs, requiredParties } from './obligation-rules.ts';

type Executor = Transaction<Database> | Kysely<Database>;

/** Timer ids are derived from what they are for, so scheduling twice schedules once. */
export const timerId = (kind: string, item: string, party: string) => `${kind}:${item}:${party}`;

/**
 * The coordination state an entry implies: the obligations it creates (with their timers),
 * then whatever its type's module derives (acknowledgments, replies met, escalations marked).
 */
export async function deriveCoordination(trx: Executor, context: CellContext, entries: AppliedEntry[]): Promise<void> {
  const authorIds = [...new Set(entries.map((entry) => entry.signed.envelope.author).filter((author) => author !== CELL_AUTHOR))];
  const members = authorIds.length ? await trx.selectFrom('members').select(['id', 'party_id']).where('id', 'in', authorIds).execute() : [];
  const partyOf = new Map(members.map((member) => [member.id, member.party_id]));
  for (const entry of entries) {
    const { envelope } = entry.signed;
    const authorParty = envelope.author === CELL_AUTHOR ? CELL_AUTHOR : partyOf.get(envelope.author);
    if (!authorParty) continue;
    await createObligations(trx, context, entry, authorParty);
    await deriveDeclaredBehaviour(trx, context, entry, authorParty);
    // What an entry of its type does beyond the obligations it creates: its module says.
    await serverItemType(envelope.type)?.derive?.(trx, entry, authorParty, context);
  }
}

async function createObligations(trx: Executor, context: CellContext, entry: AppliedEntry, authorParty: string): Promise<void> {
  const { envelope } = entry.signed;
  const rule = obligationRuleFor(context, envelope);
  if (!rule) return;
  const owedBy = itemTypeDefinition(envelope.type)?.obligation?.owedBy;
  const parties =
    owedBy === 'subject-author'
      ? await subjectAuthorOwes(trx, context, envelope.type, envelope.compartment, envelope.references[0])
      : owedBy !== undefined
        ? partiesOwing(envelope.type, context.audiences.get(envelope.compartment) ?? [], (party) => context.partyKinds.get(party), authorParty === CELL_AUTHOR ? null : authorParty, undefined, undefined, envelope.payload)
        : requiredParties(context, envelope.compartment, authorParty);
  if (parties.length === 0) return;
  const dueAt = obligationDueAt(envelope, entry.receivedAt, durationToMilliseconds(rule.within));
  const remindAt = rule.remindBefore ? dueAt - durationToMilliseconds(rule.remindBefore) : undefined;
  await trx
    .insertInto('obligations')
    .values(
      parties.map((party) => ({
        item_id: entry.itemId,
        party_id: party,
        compartment_id: envelope.compartment,
        kind: rule.level ? ('ack' as const) : ('reply' as const),
        required: rule.level ?? rule.reply ?? '',
        received_at: entry.receivedAt,
        due_at: dueAt,
        urgent: rule.urgent ? 1 : 0,
        met_at: null,
        met_by: null,
        escalated_at: null,
        escalation_item_id: null,
      })),
    )
    .onConflict((conflict) => conflict.columns(['item_id', 'party_id']).doNothing())
    .execute();
  const timers = parties.flatMap((party) => {
    const timer = (kind: string, dueAtMs: number) => ({
      id: timerId(kind, entry.itemId, party),
      kind,
      due_at: dueAtMs,
      item_id: entry.itemId,
      party_id: party,
      status: 'pending' as const,
      claimed_until: null,
      attempts: 0,
      last_error: null,
    });
    const list = [timer('escalate', dueAt)];
    if (remindAt !== undefined && remindAt > entry.receivedAt) list.push(timer('remind', remindAt));
    if (rule.urgent) list.push(timer('repeat', entry.receivedAt + repeatIntervalMs(context, rule)));
    return list;
  });
  await trx.insertInto('timers').values(timers).onConflict((conflict) => conflict.column('id').doNothing()).execute();
}

/** For a type owed by the author of what it refers to (a finding): that party, if it reads the compartment. */
async function subjectAuthorOwes(trx: Executor, context: CellContext, type: string, compartment: string, subject: string | undefined): Promise<string[]> {
  if (!subject) return [];
  const row = await trx.selectFrom('items').innerJoin('members', 'members.id', 'items.author_id').select(['members.party_id', 'items.type']).where('items.id', '=', subject).executeTakeFirst();
  const audience = context.audiences.get(compartment) ?? [];
  return partiesOwing(type, audience, (party) => context.partyKinds.get(party), null, row?.party_id, row?.type);
}
