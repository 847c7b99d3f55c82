// Members of an in-process benchmark cell acting through the server's own services: who a
// username is, and a device key registered for them and approved, as an administrator would.
import { deviceRegistrationMessage, type Scenario } from '@fusion-cell/protocol';
import { base64UrlEncode, utf8Encode } from '@fusion-cell/record';
import { signSync, type Ed25519KeyPair } from '@fusion-cell/record/node';
import type { ServerHandle } from '@fusion-cell/server';
import { registerDevice, setDeviceStatusAsOperator } from '../packages/server/src/devices/device-service.ts';
import { loadActor, type Actor } from '../packages/server/src/policy/actor.ts';

export async function actorOf(server: ServerHandle, username: string): Promise<Actor> {
  const member = await server.services.db.selectFrom('members').select('id').where('username', '=', username).executeTakeFirstOrThrow();
  const actor = await loadActor(server.services.db, member.id);
  if (!actor) throw new Error(`${username} cannot act`);
  return actor;
}

/** Registers the key as a device of the actor, approved; its id. */
export async function approvedDevice(server: ServerHandle, scenario: Scenario, actor: Actor, pair: Ed25519KeyPair, label: string): Promise<string> {
  const publicKey = base64UrlEncode(pair.publicKey);
  const proof = base64UrlEncode(signSync(pair.privateKey, utf8Encode(deviceRegistrationMessage(scenario.cell.id, actor.memberId, publicKey))));
  let device = await registerDevice(server.services, actor, { publicKey, label, proof });
  if (device.status !== 'approved') device = await setDeviceStatusAsOperator(server.services, device.id, 'approved');
  return device.id;
}

/** Logs a member in through the API, as a browser would; the session cookie as `name=value`. */
export async function sessionCookie(server: ServerHandle, username: string, password: string): Promise<string> {
  const response = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.url },
    body: JSON.stringify({ username, password }),
  });
  const cookie = response.headers
    .getSetCookie()
    .map((line) => line.split(';')[0] ?? '')
    .find((pair) => pair.startsWith('fc_session='));
  if (response.status !== 200 || !cookie) throw new Error(`login ${username}: ${response.status}`);
  return cookie;
}
