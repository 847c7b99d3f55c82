import { ItemReceipt, type ReleaseOpening } from '@fusion-cell/protocol';
import { itemId, signEnvelope, type JsonObject } from '@fusion-cell/record';
import { ClientError } from './client-error.ts';
import { rememberSentItem } from './sent-items.ts';
import { requireDevice, type ClientSession } from './session.ts';

export interface ItemToSubmit {
  compartment: string;
  type: string;
  track: string;
  payload: JsonObject;
  references: string[];
  /** A release's opening, sent beside the envelope, never in it (record SPEC R44). */
  release?: ReleaseOpening;
}

/**
 * Signs an item with this client's device and enters it. The receipt's id must be the hash of
 * what was signed: any other id means the server logged something else.
 */
export async function submitItem(session: ClientSession, item: ItemToSubmit): Promise<ItemReceipt> {
  const device = requireDevice(session);
  const { release, ...fields } = item;
  const signed = await signEnvelope(
    { cell: session.state.cell, ...fields, author: session.state.member.id, device: device.id, authoredAt: new Date().toISOString() },
    device.key.sign,
  );
  const { body: receipt } = await session.api.postJson('/api/v1/items', release ? { ...signed, release } : signed, ItemReceipt);
  const expected = itemId(signed);
  if (receipt.id !== expected) throw new ClientError(`the server's receipt names item ${receipt.id}, but the signed item is ${expected}`);
  // Kept so that cosign holds the log to it: this item must stay at this index.
  rememberSentItem(session.home, session.state.cell, receipt);
  return receipt;
}

/** One line for people, or the receipt as JSON for scripts. */
export function printReceipt(receipt: ItemReceipt, json: boolean | undefined, what = 'Sent'): void {
  if (json) {
    console.log(JSON.stringify(receipt, null, 2));
    return;
  }
  const note = receipt.duplicate ? ' (it was already in the log)' : '';
  console.log(`${what} ${receipt.id} to ${receipt.compartment}: entry #${receipt.index}, received ${receipt.receivedAt}${note}.`);
}
