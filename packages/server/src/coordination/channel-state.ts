import { CHANNEL_LIFECYCLE, lifecycleSubjectKey } from '@fusion-cell/protocol';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { lifecycleState } from '../lifecycles/lifecycle-moves.ts';

export interface ChannelState {
  status: 'open' | 'suspended';
  since: number | null;
  item: string | null;
}

const CHANNEL = lifecycleSubjectKey(CHANNEL_LIFECYCLE, undefined) ?? 'cell:channel';

/** The channel's recorded state: where its lifecycle stands after the last move in the record. */
export async function channelState(db: Kysely<Database>): Promise<ChannelState> {
  const current = await lifecycleState(db, CHANNEL_LIFECYCLE, CHANNEL);
  return { status: current?.state === 'suspended' ? 'suspended' : 'open', since: current?.since ?? null, item: current?.item ?? null };
}
