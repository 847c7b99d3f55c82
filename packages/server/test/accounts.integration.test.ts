import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from './support/api-client.ts';
import { newDeviceKey, registrationFor } from './support/device-keys.ts';
import { ENGINES, type TestStorage } from './support/engines.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';

describe.each(ENGINES)('members and devices on $engine', (setup) => {
  let storage: TestStorage;
  let server: TestServer;
  const clients = new Map<string, ApiClient>();
  const memberIds = new Map<string, string>();

  /** A logged-in client per demo username, made once. */
  async function as(username: string): Promise<ApiClient> {
    let client = clients.get(username);
    if (!client) {
      client = new ApiClient(server.url);
      const session = await client.login(username, server.passwordOf(username));
      memberIds.set(username, session.member.id);
      clients.set(username, client);
    }
    return client;
  }

  beforeAll(async () => {
    storage = await setup.create();
    server = await startTestServer(storage);
  });

  afterAll(async () => {
    await server.close();
    await storage.cleanup();
  });

  it('lists the members of the own party only', async () => {
    const response = await (await as('il.duty1')).get('/api/v1/members');
    expect(response.status).toBe(200);
    const parties = new Set(response.body.members.map((member: { party: string }) => member.party));
    expect([...parties]).toEqual(['il']);
    expect(response.body.members).toHaveLength(7);
    expect(JSON.stringify(response.body)).not.toMatch(/password/i);
  });

  it('lets a party admin add a member with a generated password that works once shown', async () => {
    const admin = await as('sy.admin');
    const created = await admin.post('/api/v1/members', { username: 'sy.duty3', displayName: 'Third watch', roles: ['duty'] });
    expect(created.status).toBe(201);
    expect(created.body.member).toMatchObject({ party: 'sy', username: 'sy.duty3', roles: ['duty'], disabled: false });
    const newcomer = new ApiClient(server.url);
    await newcomer.login('sy.duty3', created.body.generatedPassword);
    expect((await newcomer.get('/api/v1/auth/me')).body.party.id).toBe('sy');
  });

  /** Role and party checks over HTTP: who may manage members, and what the others get. */
  it.each([
    ['sy.duty1', 403, 'forbidden'],
    ['sy.head', 403, 'forbidden'],
    ['il.admin', 201, undefined],
    ['us.admin', 201, undefined],
  ])('adding a member as %s answers %d', async (username, status, code) => {
    const response = await (await as(username)).post('/api/v1/members', {
      username: `${username.replace('.', '-')}-added`,
      displayName: 'Added',
      roles: ['analyst'],
      password: 'a long enough password',
    });
    expect(response.status).toBe(status);
    if (code) expect(response.body.error.code).toBe(code);
    // Members always join the party of the admin who adds them.
    if (status === 201) expect(response.body.member.party).toBe(username.split('.')[0]);
  });

  it('disables a member, which ends their session, and enables them again', async () => {
    const analyst = await as('sy.analyst');
    const admin = await as('sy.admin');
    const id = memberIds.get('sy.analyst');
    const disabled = await admin.post(`/api/v1/members/${id}/disable`);
    expect(disabled.status).toBe(200);
    expect(disabled.body.disabled).toBe(true);
    expect((await analyst.get('/api/v1/auth/me')).status).toBe(401);
    const refused = await new ApiClient(server.url).post('/api/v1/auth/login', { username: 'sy.analyst', password: server.passwordOf('sy.analyst') });
    expect(refused.body.error.code).toBe('invalid_credentials');
    expect((await admin.post(`/api/v1/members/${id}/enable`)).body.disabled).toBe(false);
    clients.delete('sy.analyst');
    expect((await (await as('sy.analyst')).get('/api/v1/auth/me')).status).toBe(200);
  });

  it('hides members of other parties from admins, as if they did not exist', async () => {
    await as('il.head');
    const outsider = await (await as('sy.admin')).post(`/api/v1/members/${memberIds.get('il.head')}/disable`);
    const missing = await (await as('sy.admin')).post('/api/v1/members/m_doesnotexist/disable');
    expect(outsider.status).toBe(404);
    expect(outsider.body).toEqual(missing.body);
  });

  it('refuses an admin disabling themselves', async () => {
    const admin = await as('il.admin');
    const response = await admin.post(`/api/v1/members/${memberIds.get('il.admin')}/disable`);
    expect(response.status).toBe(403);
  });

  it('registers a device with proof of the key, approved at once in the demo cell', async () => {
    const duty = await as('il.duty2');
    const key = newDeviceKey();
    const response = await duty.post('/api/v1/devices', registrationFor(key, 'paris-2026', memberIds.get('il.duty2') ?? ''));
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ publicKey: key.publicKey, status: 'approved', approvedBy: '@cell', username: 'il.duty2' });
    const own = await duty.get('/api/v1/devices');
    expect(own.body.devices.map((device: { id: string }) => device.id)).toEqual([response.body.id]);
    const again = await duty.post('/api/v1/devices', registrationFor(key, 'paris-2026', memberIds.get('il.duty2') ?? ''));
    expect(again.status).toBe(409);
  });

  it.each([
    ['a proof by another key', () => ({ ...registrationFor(newDeviceKey(), 'paris-2026', 'x'), publicKey: newDeviceKey().publicKey }), 'body.proof'],
    ['a proof for another member', () => registrationFor(newDeviceKey(), 'paris-2026', 'm_someone_else'), 'body.proof'],
    ['a proof for another cell', () => registrationFor(newDeviceKey(), 'other-cell', 'x'), 'body.proof'],
    ['a key of the wrong length', () => ({ ...registrationFor(newDeviceKey(), 'paris-2026', 'x'), publicKey: 'AAAA' }), 'body.publicKey'],
    ['a proof that is not base64url', () => ({ ...registrationFor(newDeviceKey(), 'paris-2026', 'x'), proof: '!'.repeat(86) }), 'body.proof'],
  ])('refuses a device registration with %s', async (_name, body, field) => {
    const duty = await as('us.duty2');
    const response = await duty.post('/api/v1/devices', body());
    expect(response.status).toBe(400);
    expect(response.body.error.field).toBe(field);
    expect((await duty.get('/api/v1/devices')).body.devices).toEqual([]);
  });

  it('lets only the party admin list, approve and revoke party devices; revocation is final', async () => {
    const key = newDeviceKey();
    const member = await as('sy.translator');
    const device = (await member.post('/api/v1/devices', registrationFor(key, 'paris-2026', memberIds.get('sy.translator') ?? ''))).body;
    const approve = (username: string) => as(username).then((client) => client.post(`/api/v1/devices/${device.id}/approve`));
    const revoke = (username: string) => as(username).then((client) => client.post(`/api/v1/devices/${device.id}/revoke`));

    expect((await (await as('sy.duty1')).get('/api/v1/devices?scope=party')).status).toBe(403);
    const partyList = await (await as('sy.admin')).get('/api/v1/devices?scope=party');
    expect(partyList.body.devices.some((entry: { id: string }) => entry.id === device.id)).toBe(true);
    expect((await (await as('il.admin')).get('/api/v1/devices?scope=party')).body.devices.some((entry: { id: string }) => entry.id === device.id)).toBe(false);

    expect((await approve('il.admin')).status).toBe(404);
    expect((await approve('us.admin')).status).toBe(404);
    expect((await revoke('sy.duty1')).status).toBe(403);
    expect((await approve('sy.admin')).status).toBe(409);
    const revoked = await revoke('sy.admin');
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ status: 'revoked', revokedBy: memberIds.get('sy.admin') });
    expect((await approve('sy.admin')).status).toBe(409);
  });

  it('lets a member revoke their own lost device', async () => {
    const member = await as('us.chief');
    const device = (await member.post('/api/v1/devices', registrationFor(newDeviceKey(), 'paris-2026', memberIds.get('us.chief') ?? ''))).body;
    const response = await member.post(`/api/v1/devices/${device.id}/revoke`);
    expect(response.body.status).toBe('revoked');
  });

  it('requires a session for every account route', async () => {
    const anonymous = new ApiClient(server.url);
    for (const [method, path] of [
      ['GET', '/api/v1/cell'],
      ['GET', '/api/v1/members'],
      ['POST', '/api/v1/members'],
      ['GET', '/api/v1/devices'],
      ['POST', '/api/v1/devices'],
      ['POST', '/api/v1/devices/d_x/approve'],
    ] as const) {
      const response = await anonymous.request(method, path, method === 'POST' ? {} : undefined);
      expect([path, response.status]).toEqual([path, 401]);
    }
  });

  it('describes the cell to its members', async () => {
    const cell = (await (await as('sy.duty1')).get('/api/v1/cell')).body;
    expect(cell).toMatchObject({ id: 'paris-2026', languages: ['en', 'ar', 'he'] });
    expect(cell.parties.map((party: { id: string }) => party.id)).toEqual(['sy', 'il', 'us']);
  });
});
