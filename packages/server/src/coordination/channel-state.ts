import { CHANNEL_LIFECYCLE, stateAfter } from '@fusion-cell/protocol';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

export interface ChannelState {
  status: 'open' | 'suspended';
  since: number | null;
  item: string | null;
}

/** The types that move the channel, from its lifecycle. */
const CHANNEL_MOVES = [...new Set(CHANNEL_LIFECYCLE.transitions.map((transition) => transition.by))];

/**
 * The channel's recorded state: the latest move in the record, replayed through the channel's
 * lifecycle (every move in the log was allowed when it was entered, so the last one decides).
 */
export async function channelState(db: Kysely<Database>): Promise<ChannelState> {
  const latest = await db
    .selectFrom('items')
    .select(['id', 'type', 'received_at'])
    .where('type', 'in', CHANNEL_MOVES)
    .orderBy('received_at', 'desc')
    .orderBy('idx', 'desc')
    .executeTakeFirst();
  if (!latest) return { status: 'open', since: null, item: null };
  return { status: stateAfter(CHANNEL_LIFECYCLE, latest.type) === 'suspended' ? 'suspended' : 'open', since: latest.received_at, item: latest.id };
}
