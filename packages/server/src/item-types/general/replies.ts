import type { ItemTypeName } from '@fusion-cell/protocol';
import { defineServerItemType, type Executor, type ServerItemType } from '../server-item-type.ts';
import type { AppliedEntry } from '../../record/applied-entry.ts';

/** A reply meets its party's obligation to reply to the item it answers, when that is the reply owed. */
async function meetReplyObligation(trx: Executor, entry: AppliedEntry, party: string): Promise<void> {
  const { envelope } = entry.signed;
  const target = envelope.references[0];
  if (!target) return;
  await trx
    .updateTable('obligations')
    .set({ met_at: entry.receivedAt, met_by: entry.itemId })
    .where('item_id', '=', target)
    .where('party_id', '=', party)
    .where('kind', '=', 'reply')
    .where('required', '=', envelope.type)
    .where('met_at', 'is', null)
    .execute();
}

/** A type whose items are replies that a rule may ask for. */
export function replyModule<Name extends ItemTypeName>(type: Name): ServerItemType<Name> {
  return defineServerItemType({ type, derive: meetReplyObligation });
}
