// A member who submits generated items: logged in, with a device whose key the generators
// hold, so inputs are signed while they are generated.

import { deviceRegistrationMessage, type CompartmentKind, type PartyKind, type Role, type SessionInfo } from '@fusion-cell/protocol';
import { base64UrlEncode, utf8Encode } from '@fusion-cell/record';
import { fuzzKey, type FuzzKey } from './signing-keys.ts';

export interface ItemAuthor {
  username: string;
  cookie: string;
  memberId: string;
  partyId: string;
  partyKind: PartyKind;
  roles: ReadonlySet<Role>;
  /** The compartments the author's party is in, with their kinds. */
  compartments: ReadonlyMap<string, CompartmentKind>;
  deviceId: string;
  key: FuzzKey;
}

async function postJson(url: string, path: string, body: unknown, cookie?: string): Promise<{ status: number; json: any; cookies: string[] }> {
  const response = await fetch(url + path, {
    method: 'POST',
    headers: { origin: url, 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: await response.json(), cookies: response.headers.getSetCookie() };
}

/** Logs a member in and registers a device (approved at once in the demo cell) with a fuzz key. */
export async function openItemAuthor(url: string, cellId: string, username: string, password: string): Promise<ItemAuthor> {
  const login = await postJson(url, '/api/v1/auth/login', { username, password });
  const cookie = login.cookies.map((line) => line.split(';')[0] ?? '').find((pair) => pair.startsWith('fc_session='));
  if (login.status !== 200 || !cookie) throw new Error(`login ${username}: ${login.status} ${JSON.stringify(login.json)}`);
  const session = login.json as SessionInfo;
  const key = fuzzKey(`${cellId}/${username}/device`);
  const publicKey = base64UrlEncode(key.publicKey);
  const proof = base64UrlEncode(key.signNow(utf8Encode(deviceRegistrationMessage(cellId, session.member.id, publicKey))));
  const device = await postJson(url, '/api/v1/devices', { publicKey, label: 'fuzz device', proof }, cookie);
  if (device.status !== 201 || device.json.status !== 'approved') throw new Error(`device of ${username}: ${device.status} ${JSON.stringify(device.json)}`);
  return {
    username,
    cookie,
    memberId: session.member.id,
    partyId: session.party.id,
    partyKind: session.party.kind,
    roles: new Set(session.member.roles),
    compartments: new Map(session.compartments.map((compartment) => [compartment.id, compartment.kind])),
    deviceId: device.json.id,
    key,
  };
}
