import { signEnvelope, type Envelope, type SignedEnvelope } from '@fusion-cell/record';
import { nodeSigner } from '@fusion-cell/record/node';
import { ApiClient } from './api-client.ts';
import { newDeviceKey, registrationFor, type TestDeviceKey } from './device-keys.ts';

/** A member logged in with a registered device: it signs and submits items as a client would. */
export class SigningClient extends ApiClient {
  memberId = '';
  partyId = '';
  deviceId = '';
  key: TestDeviceKey = newDeviceKey();

  static async open(url: string, username: string, password: string, cellId = 'paris-2026'): Promise<SigningClient> {
    const client = new SigningClient(url);
    const session = await client.login(username, password);
    client.memberId = session.member.id;
    client.partyId = (session as unknown as { party: { id: string } }).party.id;
    const device = await client.post('/api/v1/devices', registrationFor(client.key, cellId, client.memberId));
    if (device.status !== 201) throw new Error(`device registration: ${JSON.stringify(device.body)}`);
    client.deviceId = device.body.id;
    return client;
  }

  /** An envelope by this member and device, with sensible defaults. */
  envelope(overrides: Partial<Envelope> = {}): Envelope {
    return {
      cell: 'paris-2026',
      compartment: 'plenary',
      type: 'message',
      track: 'general',
      payload: { text: 'hello', language: 'en' },
      references: [],
      author: this.memberId,
      device: this.deviceId,
      authoredAt: new Date(Date.parse('2026-01-06T09:00:00.000Z')).toISOString(),
      ...overrides,
    };
  }

  sign(envelope: Envelope): Promise<SignedEnvelope> {
    return signEnvelope(envelope, nodeSigner(this.key.privateKey));
  }

  async send(overrides: Partial<Envelope> = {}) {
    return this.post('/api/v1/items', await this.sign(this.envelope(overrides)));
  }
}
