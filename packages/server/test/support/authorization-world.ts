import { parseSignedNote } from '@fusion-cell/record';
import { DEFAULT_THROTTLE } from '../../src/auth/login-throttle.ts';
import { setDeviceStatusAsOperator } from '../../src/devices/device-service.ts';
import { ApiClient } from './api-client.ts';
import { ALL_PARTIES, CALLERS, authorizationScenario, dutyOf, headOf, OTHER_SIDE, spareOf, type Caller } from './authorization-cell.ts';
import { mapBounded } from './bounded.ts';
import { newDeviceKey, registrationFor } from './device-keys.ts';
import type { TestStorage } from './engines.ts';
import { SigningClient } from './signing-client.ts';
import { startTestServer, type TestServer } from './test-server.ts';

/** Requests in flight at once while setting up and running the matrix. */
export const CONCURRENCY = 16;

/** Everything the matrix's cases refer to: sessions, devices in every state, items, checkpoints. */
export interface World {
  server: TestServer;
  url: string;
  cellId: string;
  /** A second session of each caller, for logging out. */
  spareSessions: Map<string, string>;
  /** Per caller: a pending device of its own, to approve, and one to revoke. */
  ownDeviceToApprove: Map<string, string>;
  ownDeviceToRevoke: Map<string, string>;
  /** Per party: pending devices of its spare member, one to approve and one to revoke. */
  colleagueDeviceToApprove: Map<string, string>;
  colleagueDeviceToRevoke: Map<string, string>;
  /** A device of the other side, which no caller may see. */
  otherPartyDevice: string;
  /** The first item of every compartment. */
  firstItem: Map<string, string>;
  /** The latest checkpoint of every compartment when the matrix began. */
  checkpoints: Map<string, { size: number; text: string }>;
  /** A logged-in member with an approved signing device (or, for spare members, a pending one). */
  client(username: string): SigningClient;
  cookieOf(caller: Caller): string;
  memberId(username: string): string;
}

/** Every party logs in from the test's one address: the matrix is about rights, not about throttling. */
const ONE_ADDRESS_FOR_ALL = { ...DEFAULT_THROTTLE, freeAttemptsPerAddress: 10_000 };

export async function openWorld(storage: TestStorage): Promise<World> {
  const server = await startTestServer(storage, { scenario: authorizationScenario, throttlePolicy: ONE_ADDRESS_FOR_ALL });
  const cellId = authorizationScenario.cell.id;
  const signers = [...CALLERS.map((caller) => caller.username), dutyOf(OTHER_SIDE.id), headOf(OTHER_SIDE.id)];
  const spares = ALL_PARTIES.map((party) => spareOf(party.id));

  const clients = new Map<string, SigningClient>();
  await mapBounded([...signers, ...spares], CONCURRENCY, async (username) => {
    clients.set(username, await SigningClient.open(server.url, username, server.passwordOf(username), cellId));
  });
  const client = (username: string): SigningClient => {
    const found = clients.get(username);
    if (!found) throw new Error(`no session for ${username}`);
    return found;
  };
  // Signing devices are approved by the operator, so that no case depends on setup having used a route under test.
  await mapBounded(signers, CONCURRENCY, (username) => setDeviceStatusAsOperator(server.handle.services, client(username).deviceId, 'approved'));

  const register = async (username: string): Promise<string> => {
    const owner = client(username);
    const response = await owner.post('/api/v1/devices', registrationFor(newDeviceKey(), cellId, owner.memberId));
    if (response.status !== 201) throw new Error(`registering a device of ${username}: ${JSON.stringify(response.body)}`);
    return response.body.id;
  };
  const ownDeviceToApprove = new Map<string, string>();
  const ownDeviceToRevoke = new Map<string, string>();
  await mapBounded(CALLERS, CONCURRENCY, async ({ username }) => {
    ownDeviceToApprove.set(username, await register(username));
    ownDeviceToRevoke.set(username, await register(username));
  });
  const colleagueDeviceToApprove = new Map<string, string>();
  const colleagueDeviceToRevoke = new Map<string, string>();
  for (const spare of spares) {
    const party = client(spare).partyId;
    colleagueDeviceToApprove.set(party, client(spare).deviceId);
    colleagueDeviceToRevoke.set(party, await register(spare));
  }

  const spareSessions = new Map<string, string>();
  await mapBounded(CALLERS, CONCURRENCY, async ({ username }) => {
    const second = new ApiClient(server.url);
    await second.login(username, server.passwordOf(username));
    if (!second.sessionCookie) throw new Error(`no second session for ${username}`);
    spareSessions.set(username, second.sessionCookie);
  });

  const db = server.handle.services.db;
  const firsts = await db.selectFrom('log_entries').select(['compartment_id', 'item_id']).where('idx', '=', 0).execute();
  const notes = await db.selectFrom('checkpoints').select(['compartment_id', 'size', 'note']).orderBy('size').execute();
  const checkpoints = new Map<string, { size: number; text: string }>();
  for (const row of notes) checkpoints.set(row.compartment_id, { size: row.size, text: parseSignedNote(row.note).text });

  return {
    server,
    url: server.url,
    cellId,
    spareSessions,
    ownDeviceToApprove,
    ownDeviceToRevoke,
    colleagueDeviceToApprove,
    colleagueDeviceToRevoke,
    otherPartyDevice: client(spareOf(OTHER_SIDE.id)).deviceId,
    firstItem: new Map(firsts.map((row) => [row.compartment_id, row.item_id])),
    checkpoints,
    client,
    cookieOf: (caller) => {
      const cookie = client(caller.username).sessionCookie;
      if (!cookie) throw new Error(`${caller.username} is not logged in`);
      return cookie;
    },
    memberId: (username) => client(username).memberId,
  };
}

/** A value of the given map, or a failure naming what is missing. */
export function required<K, V>(map: Map<K, V>, key: K): V {
  const value = map.get(key);
  if (value === undefined) throw new Error(`nothing set up for ${String(key)}`);
  return value;
}
