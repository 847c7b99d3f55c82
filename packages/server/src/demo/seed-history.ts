import { deviceRegistrationMessage, type Scenario } from '@fusion-cell/protocol';
import { base64UrlEncode, signEnvelope } from '@fusion-cell/record';
import { generateKeyPair, nodeSigner, signSync } from '@fusion-cell/record/node';
import { toIso } from '../clock.ts';
import { registerDevice, setDeviceStatusAsOperator } from '../devices/device-service.ts';
import { submitItem } from '../items/submit-item.ts';
import { loadActor } from '../policy/actor.ts';
import type { CellServices } from '../cell-services.ts';

/**
 * Enters the demo's opening messages, each signed by a device key made for its author for
 * this purpose alone and then discarded. They go through the same checks as any submission.
 */
export async function seedHistory(services: CellServices, scenario: Scenario): Promise<number> {
  const history = scenario.demo?.history ?? [];
  const signers = new Map<string, { device: string; sign: ReturnType<typeof nodeSigner> }>();
  let count = 0;
  for (const entry of history) {
    const member = await services.db.selectFrom('members').select('id').where('username', '=', entry.author).executeTakeFirstOrThrow();
    const actor = await loadActor(services.db, member.id);
    if (!actor) continue;
    let signer = signers.get(actor.memberId);
    if (!signer) {
      const pair = generateKeyPair();
      const publicKey = base64UrlEncode(pair.publicKey);
      const proof = base64UrlEncode(signSync(pair.privateKey, new TextEncoder().encode(deviceRegistrationMessage(scenario.cell.id, actor.memberId, publicKey))));
      let device = await registerDevice(services, actor, { publicKey, label: 'demo history (key discarded)', proof });
      if (device.status !== 'approved') device = await setDeviceStatusAsOperator(services, device.id, 'approved');
      signer = { device: device.id, sign: nodeSigner(pair.privateKey) };
      signers.set(actor.memberId, signer);
    }
    const signed = await signEnvelope(
      {
        cell: scenario.cell.id,
        compartment: entry.compartment,
        type: 'message',
        track: entry.track,
        payload: { text: entry.text, language: entry.language, ...(entry.ackRequested ? { ackRequested: true } : {}) },
        references: [],
        author: actor.memberId,
        device: signer.device,
        authoredAt: toIso(services.clock.now()),
      },
      signer.sign,
    );
    await submitItem(services, actor, signed);
    count += 1;
  }
  return count;
}
