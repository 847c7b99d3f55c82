import type { Inbox, InboxEntry, Track } from '@fusion-cell/protocol';
import { toIso } from '../clock.ts';
import type { Actor } from '../policy/actor.ts';
import { authorize } from '../policy/policy.ts';
import type { CellServices } from '../cell-services.ts';
import { channelState } from './channel-state.ts';

/**
 * What needs answering, most urgent first: urgent items, then by deadline. `mine` is what
 * the caller's party owes; `overdue` (supervisors) is every overdue answer in the
 * compartments the supervisor is in, whoever owes it.
 */
export async function readInbox(services: CellServices, actor: Actor, view: 'mine' | 'overdue'): Promise<Inbox> {
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
  query = view === 'mine' ? query.where('obligations.party_id', '=', actor.partyId) : query.where('obligations.due_at', '<=', now);
  const rows = await query.orderBy('obligations.urgent', 'desc').orderBy('obligations.due_at').orderBy('obligations.item_id').limit(500).execute();
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
