import { deviceRegistrationMessage, fillPayloadTimes, type Scenario, type ScenarioHistoryEntry } from '@fusion-cell/protocol';
import { base64UrlEncode, signEnvelope, type JsonObject } from '@fusion-cell/record';
import { generateKeyPair, nodeSigner, signSync } from '@fusion-cell/record/node';
import { toIso } from '../clock.ts';
import { registerDevice, setDeviceStatusAsOperator } from '../devices/device-service.ts';
import { submitItem } from '../items/submit-item.ts';
import { loadActor } from '../policy/actor.ts';
import type { CellServices } from '../cell-services.ts';

/** What an entry of the history enters: a message written out in short, or an item of any type, its references resolved. */
function itemOf(entry: ScenarioHistoryEntry, entered: readonly string[], now: number): { type: string; payload: JsonObject; references: string[] } {
  if (!('type' in entry)) {
    return { type: 'message', payload: { text: entry.text, language: entry.language, ...(entry.ackRequested ? { ackRequested: true } : {}) }, references: [] };
  }
  const idOf = (position: number) => entered[position] ?? '';
  const filled = Object.fromEntries(Object.entries(entry.payloadRefs ?? {}).map(([member, position]) => [member, idOf(position)]));
  return { type: entry.type, payload: { ...(fillPayloadTimes(entry.payload, entry.payloadTimes, now) as JsonObject), ...filled }, references: (entry.refers ?? []).map(idOf) };
}

/**
 * Enters the demo's opening items, each signed by a device key made for its author for
 * this purpose alone and then discarded. They go through the same checks as any submission.
 */
export async function seedHistory(services: CellServices, scenario: Scenario): Promise<number> {
  const history = scenario.demo?.history ?? [];
  const signers = new Map<string, { device: string; sign: ReturnType<typeof nodeSigner> }>();
  const entered: string[] = [];
  for (const entry of history) {
    const member = await services.db.selectFrom('members').select('id').where('username', '=', entry.author).executeTakeFirstOrThrow();
    const actor = await loadActor(services.db, member.id);
    // The scenario was checked: every author is a member, enabled at creation.
    if (!actor) throw new Error(`demo history: ${entry.author} cannot act`);
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
        ...itemOf(entry, entered, services.clock.now()),
        track: entry.track,
        author: actor.memberId,
        device: signer.device,
        authoredAt: toIso(services.clock.now()),
      },
      signer.sign,
    );
    entered.push((await submitItem(services, actor, signed)).id);
  }
  return entered.length;
}
