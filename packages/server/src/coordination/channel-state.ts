import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

export interface ChannelState {
  status: 'open' | 'suspended';
  since: number | null;
  item: string | null;
}

/** The channel's recorded state: the latest suspension or resumption in the record. */
export async function channelState(db: Kysely<Database>): Promise<ChannelState> {
  const latest = await db
    .selectFrom('items')
    .select(['id', 'type', 'received_at'])
    .where('type', 'in', ['channel.suspended', 'channel.resumed'])
    .orderBy('received_at', 'desc')
    .orderBy('idx', 'desc')
    .executeTakeFirst();
  if (!latest) return { status: 'open', since: null, item: null };
  return { status: latest.type === 'channel.suspended' ? 'suspended' : 'open', since: latest.received_at, item: latest.id };
}
