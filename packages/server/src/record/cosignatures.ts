import type { CosignatureRequest } from '@fusion-cell/protocol';
import { base64UrlDecode, cosignerName, verifyCosignatureLine } from '@fusion-cell/record';
import { DomainError } from '../errors.ts';
import type { Actor } from '../policy/actor.ts';
import { authorize } from '../policy/policy.ts';
import type { CellServices } from '../cell-services.ts';

/**
 * Stores a party's cosignature of a checkpoint it verified. The line must be by an approved
 * device of the actor, over exactly the stored checkpoint.
 */
export async function cosignCheckpoint(services: CellServices, actor: Actor, compartmentId: string, request: CosignatureRequest): Promise<void> {
  authorize(actor, { type: 'checkpoint.cosign', compartment: compartmentId }, 'compartment');
  const checkpoint = await services.db
    .selectFrom('checkpoints')
    .select('note')
    .where('compartment_id', '=', compartmentId)
    .where('size', '=', request.size)
    .executeTakeFirst();
  if (!checkpoint) throw new DomainError('not_found', 'checkpoint not found', 'size');
  const device = await services.db.selectFrom('devices').select(['member_id', 'status', 'public_key']).where('id', '=', request.device).executeTakeFirst();
  if (!device || device.member_id !== actor.memberId) throw new DomainError('device_unknown', 'the device is not registered to you', 'device');
  if (device.status !== 'approved') throw new DomainError(device.status === 'revoked' ? 'device_revoked' : 'device_not_approved', `the device is ${device.status}`, 'device');
  const body = checkpoint.note.slice(0, checkpoint.note.indexOf('\n\n') + 1);
  const name = cosignerName(services.record.cellId, actor.partyId, request.device);
  const time = await verifyCosignatureLine(body, request.line, { name, publicKey: base64UrlDecode(device.public_key) }, services.record.verifier);
  if (time === undefined) throw new DomainError('signature_invalid', `the line is not a cosignature of this checkpoint by ${name}`, 'line');
  await services.db
    .insertInto('cosignatures')
    .values({ compartment_id: compartmentId, size: request.size, device_id: request.device, party_id: actor.partyId, line: request.line, received_at: services.clock.now() })
    .onConflict((conflict) => conflict.columns(['compartment_id', 'size', 'device_id']).doNothing())
    .executeTakeFirst();
  // Streams send the checkpoint again, now with this cosignature, to everyone watching the log.
  services.record.checkpointer.announce(compartmentId, request.size);
}
