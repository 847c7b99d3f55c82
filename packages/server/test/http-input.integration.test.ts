import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from './support/api-client.ts';
import { ENGINES, type TestStorage } from './support/engines.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';

/** Hostile input gets a clear JSON error and changes nothing. */
describe.each(ENGINES)('bad input on $engine', (setup) => {
  let storage: TestStorage;
  let server: TestServer;
  let admin: ApiClient;

  beforeAll(async () => {
    storage = await setup.create();
    server = await startTestServer(storage, { bodyLimitBytes: 16 * 1024 });
    admin = new ApiClient(server.url);
    await admin.login('il.admin', server.passwordOf('il.admin'));
  });

  afterAll(async () => {
    await server.close();
    await storage.cleanup();
  });

  async function memberCount(): Promise<number> {
    return (await admin.get('/api/v1/members')).body.members.length;
  }

  it.each([
    ['malformed JSON', '{"username": "il.new",', 'application/json', 400, 'malformed_request'],
    ['an empty JSON body', '', 'application/json', 400, 'malformed_request'],
    ['a body that is not JSON', 'username=il.new', 'application/x-www-form-urlencoded', 415, 'unsupported_media_type'],
    ['a body over the size limit', JSON.stringify({ username: 'il.new', displayName: 'x'.repeat(20_000), roles: ['duty'] }), 'application/json', 413, 'payload_too_large'],
    ['a JSON array', '[]', 'application/json', 400, 'validation_failed'],
  ])('refuses %s', async (_name, body, contentType, status, code) => {
    const before = await memberCount();
    const response = await admin.request('POST', '/api/v1/members', body, { 'content-type': contentType });
    expect(response.status).toBe(status);
    expect(response.body.error.code).toBe(code);
    expect(typeof response.body.error.message).toBe('string');
    expect(await memberCount()).toBe(before);
  });

  it.each([
    [{ username: 'il.new', displayName: 'New', roles: ['duty'], isAdmin: true }, 'body.isAdmin', /unknown field/],
    [{ username: 'IL NEW', displayName: 'New', roles: ['duty'] }, 'body.username', /a-z/],
    [{ username: 'il.new', displayName: 'New', roles: [] }, 'body.roles', /./],
    [{ username: 'il.new', displayName: 'New', roles: ['duty', 'duty'] }, 'body.roles', /repeat/],
    [{ username: 'il.new', displayName: 'New', roles: ['general'] }, 'body.roles.0', /./],
    [{ username: 'il.new', displayName: '   ', roles: ['duty'] }, 'body.displayName', /./],
    [{ username: 'il.new', displayName: 'New', roles: ['duty'], password: 'short' }, 'body.password', /12 characters/],
  ])('names the bad field of %j', async (body, field, message) => {
    const before = await memberCount();
    const response = await admin.post('/api/v1/members', body);
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: 'validation_failed', field });
    expect(response.body.error.message).toMatch(message);
    expect(await memberCount()).toBe(before);
  });

  it('refuses a duplicate username with conflict, naming the field', async () => {
    const response = await admin.post('/api/v1/members', { username: 'il.duty1', displayName: 'Again', roles: ['duty'] });
    expect(response.status).toBe(409);
    expect(response.body.error).toMatchObject({ code: 'conflict', field: 'username' });
  });

  it('refuses a state change sent from another origin', async () => {
    const before = await memberCount();
    const response = await admin.post('/api/v1/members', { username: 'il.csrf', displayName: 'x', roles: ['duty'] }, { origin: 'https://evil.example' });
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('origin_rejected');
    expect(await memberCount()).toBe(before);
  });

  it('answers unknown API routes with a JSON not_found', async () => {
    const response = await admin.get('/api/v1/nothing-here');
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('not_found');
  });

  it('rejects unknown query parameters', async () => {
    const response = await admin.get('/api/v1/devices?scope=everyone');
    expect(response.status).toBe(400);
    expect(response.body.error.field).toBe('querystring.scope');
  });
});
