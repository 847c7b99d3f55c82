import type { Inbox, InboxEntry, InboxView, Track } from '@fusion-cell/protocol';
import { sql } from 'kysely';
import { toIso } from '../clock.ts';
import type { Actor } from '../policy/actor.ts';
import { authorize } from '../policy/policy.ts';
import type { CellServices } from '../cell-services.ts';
import { channelState } from './channel-state.ts';

/**
 * What needs answering. `mine` is what the caller's party owes, urgent items first, then by
 * deadline. `sent` is what other parties owe on the items the caller's party entered, so the
 * sender sees what awaits an answer; `open` (supervisors) is every open answer in the
 * compartments the supervisor is in, whoever owes it; `overdue` (supervisors) only those past
 * their deadline. Those three put what is overdue first.
 */
export async function readInbox(services: CellServices, actor: Actor, view: InboxView): Promise<Inbox> {
  authorize(actor, { type: 'inbox.read', view });
  const now = services.clock.now();
  let query = services.db
    .selectFrom('obligations')
    .innerJoin('items', 'items.id', 'obligations.item_id')
    .innerJoin('log_entries', 'log_entries.item_id', 'obligations.item_id')
    .leftJoin('members', 'members.id', 'items.author_id')
    .leftJoin('acknowledgments', (join) =>
      join.onRef('acknowledgments.item_id', '=', 'obligations.item_id').onRef('acknowledgments.party_id', '=', 'obligations.party_id'),
    )
    .select([
      'obligations.item_id',
      'obligations.party_id',
      'obligations.compartment_id',
      'obligations.kind',
      'obligations.required',
      'obligations.received_at',
      'obligations.due_at',
      'obligations.urgent',
      'obligations.escalated_at',
      'items.type',
      'items.track',
      'items.author_id',
      'members.party_id as author_party',
      'acknowledgments.level as acknowledged',
      'log_entries.leaf',
    ])
    .where('obligations.met_at', 'is', null)
    .where('obligations.compartment_id', 'in', [...actor.compartments]);
  if (view === 'mine') query = query.where('obligations.party_id', '=', actor.partyId);
  if (view === 'sent') query = query.where('members.party_id', '=', actor.partyId);
  if (view === 'overdue') query = query.where('obligations.due_at', '<=', now);
  // What is overdue first where the view is about chasing answers; then urgent ones, then by deadline.
  if (view !== 'mine') query = query.orderBy(sql`case when obligations.due_at <= ${now} then 0 else 1 end`);
  const rows = await query.orderBy('obligations.urgent', 'desc').orderBy('obligations.due_at').orderBy('obligations.item_id').orderBy('obligations.party_id').limit(500).execute();
  const entries: InboxEntry[] = rows.map((row) => ({
    item: row.item_id,
    compartment: row.compartment_id,
    type: row.type,
    track: row.track as Track,
    author: row.author_id,
    authorParty: row.author_party ?? row.author_id,
    party: row.party_id,
    kind: row.kind,
    required: row.required,
    receivedAt: toIso(row.received_at),
    dueAt: toIso(row.due_at),
    urgent: row.urgent === 1,
    overdue: row.due_at <= now,
    escalatedAt: row.escalated_at === null ? null : toIso(row.escalated_at),
    acknowledged: row.acknowledged,
    leaf: row.leaf,
  }));
  const counts: Inbox['counts'] = {};
  for (const entry of entries) {
    const count = (counts[entry.track] ??= { open: 0, overdue: 0 });
    count.open += 1;
    if (entry.overdue) count.overdue += 1;
  }
  const channel = await channelState(services.db);
  return { entries, counts, channel: { status: channel.status, since: channel.since === null ? null : toIso(channel.since), item: channel.item } };
}
