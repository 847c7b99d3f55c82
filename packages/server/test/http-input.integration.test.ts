import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from './support/api-client.ts';
import { rawPost, rawRequest } from './support/raw-http.ts';
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
    [{ username: 'il.new', displayName: 'New', roles: ['general'] }, 'body.roles[0]', /./],
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

  it('refuses a duplicate username, naming the field', async () => {
    const response = await admin.post('/api/v1/members', { username: 'il.duty1', displayName: 'Again', roles: ['duty'] });
    expect(response.status).toBe(409);
    expect(response.body.error).toMatchObject({ code: 'username_taken', field: 'body.username' });
  });

  it('creates one of eight simultaneous members with the same username and refuses the other seven', async () => {
    const before = await memberCount();
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, index) => admin.post('/api/v1/members', { username: 'il.twin', displayName: `Twin ${index}`, roles: ['duty'] })),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    for (const answer of answers.filter((candidate) => candidate.status === 409)) {
      expect(answer.body.error).toMatchObject({ code: 'username_taken', field: 'body.username' });
    }
    expect(await memberCount()).toBe(before + 1);
  });

  it.each([
    ['NUL', 'Night\u0000watch', 'U+0000'],
    ['an escape character', 'Night\u001bwatch', 'U+001B'],
    ['a carriage return', 'Night\rwatch', 'U+000D'],
    ['an unpaired surrogate', 'Night \udc00 watch', 'surrogate'],
  ])('refuses %s in a text field, naming the field, and stores nothing', async (_name, displayName, problem) => {
    const before = await memberCount();
    const response = await admin.post('/api/v1/members', { username: 'il.control', displayName, roles: ['duty'] });
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: 'validation_failed', field: 'body.displayName' });
    expect(response.body.error.message).toContain(problem);
    expect(await memberCount()).toBe(before);
  });

  it('accepts tabs and new lines in text', async () => {
    const response = await admin.post('/api/v1/members', { username: 'il.tabs', displayName: 'Night\twatch\nteam', roles: ['duty'] });
    expect(response.status).toBe(201);
  });

  it('refuses NUL in a query parameter and in a path parameter', async () => {
    const query = await admin.get('/api/v1/devices?scope=%00');
    expect(query.status).toBe(400);
    expect(query.body.error).toMatchObject({ code: 'validation_failed', field: 'query.scope' });
    const params = await admin.get('/api/v1/compartments/plenary%00/entries');
    expect(params.status).toBe(400);
    expect(params.body.error).toMatchObject({ code: 'validation_failed', field: 'params.compartmentId' });
  });

  it('answers a path that is not valid percent-encoding in the documented shape', async () => {
    const response = await admin.get('/api/v1/compartments/%ff/entries');
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ error: { code: 'malformed_request', message: expect.any(String) } });
  });

  it('answers a body longer than its Content-Length in the documented shape, and closes the connection', async () => {
    const body = JSON.stringify({ username: 'il.short', displayName: 'Short', roles: ['duty'] });
    const answer = await rawRequest(server.url, [
      'POST /api/v1/members HTTP/1.1',
      `Host: ${new URL(server.url).host}`,
      `Origin: ${server.url}`,
      `Cookie: ${admin.sessionCookie ?? ''}`,
      'Content-Type: application/json',
      'Content-Length: 10',
      '',
      body,
    ].join('\r\n'));
    const responses = answer.split(/(?=HTTP\/1\.1 )/);
    for (const response of responses) {
      const [head, payload = ''] = response.split('\r\n\r\n');
      expect(head).toMatch(/^HTTP\/1\.1 4\d\d /);
      expect(head).toMatch(/content-type: application\/json/i);
      expect(JSON.parse(payload)).toEqual({ error: { code: 'malformed_request', message: expect.any(String) } });
    }
    expect(await memberCount()).toBeGreaterThan(0);
  });

  it.each([
    ['a UTF-16 charset', { 'content-type': 'application/json; charset=utf-16' }, 'headers.content-type'],
    ['a Latin-1 charset', { 'content-type': 'application/json; charset=iso-8859-1' }, 'headers.content-type'],
    ['gzip content-encoding', { 'content-type': 'application/json', 'content-encoding': 'gzip' }, 'headers.content-encoding'],
  ])('refuses a body with %s as not UTF-8 JSON', async (_name, headers, field) => {
    const before = await memberCount();
    const response = await admin.request('POST', '/api/v1/members', JSON.stringify({ username: 'il.enc', displayName: 'Enc', roles: ['duty'] }), headers);
    expect(response.status).toBe(415);
    expect(response.body.error).toMatchObject({ code: 'unsupported_media_type', field });
    expect(await memberCount()).toBe(before);
  });

  it('refuses a body that starts with a UTF-16 byte order mark, and reads one with a UTF-8 mark', async () => {
    const json = JSON.stringify({ username: 'il.bom', displayName: 'Bom', roles: ['duty'] });
    const utf16 = await rawPost(server.url, admin, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(json, 'utf16le')]));
    expect(utf16.status).toBe(415);
    const utf8 = await rawPost(server.url, admin, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(json)]));
    expect(utf8.status).toBe(201);
  });

  it('refuses bytes that are not UTF-8 rather than replacing them', async () => {
    const before = await memberCount();
    const broken = Buffer.concat([Buffer.from('{"username":"il.bytes","displayName":"'), Buffer.from([0xc3, 0x28]), Buffer.from('","roles":["duty"]}')]);
    const response = await rawPost(server.url, admin, broken);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('malformed_request');
    expect(await memberCount()).toBe(before);
  });

  it('refuses a key that would reach an object prototype', async () => {
    const response = await admin.request('POST', '/api/v1/members', '{"username":"il.proto","displayName":"P","roles":["duty"],"__proto__":{"admin":true}}');
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('malformed_request');
  });

  it.each([
    ['another site', () => 'https://evil.example'],
    ['the same host over HTTPS, against the plain-HTTP server', () => server.url.replace('http:', 'https:')],
    ['the same host on another port', () => `http://127.0.0.1:${Number(new URL(server.url).port) + 1}`],
    ['a malformed origin', () => 'null'],
  ])('refuses a state change sent from %s', async (_name, origin) => {
    const before = await memberCount();
    const response = await admin.post('/api/v1/members', { username: 'il.csrf', displayName: 'x', roles: ['duty'] }, { origin: origin() });
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('origin_rejected');
    expect(await memberCount()).toBe(before);
  });

  it('refuses a state change that does not say where it comes from, unless the browser says it is same-origin', async () => {
    const before = await memberCount();
    const body = JSON.stringify({ username: 'il.noorigin', displayName: 'x', roles: ['duty'] });
    const bare = await rawPost(server.url, admin, Buffer.from(body), { origin: undefined });
    expect(bare.status).toBe(403);
    expect(bare.body.error).toMatchObject({ code: 'origin_rejected', field: 'headers.origin' });
    const crossSite = await rawPost(server.url, admin, Buffer.from(body), { origin: undefined, 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    expect(await memberCount()).toBe(before);
    const sameOrigin = await rawPost(server.url, admin, Buffer.from(body), { origin: undefined, 'sec-fetch-site': 'same-origin' });
    expect(sameOrigin.status).toBe(201);
  });

  it('answers unknown API routes with a JSON not_found', async () => {
    const response = await admin.get('/api/v1/nothing-here');
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('not_found');
  });

  it('rejects unknown query parameters', async () => {
    const response = await admin.get('/api/v1/devices?scope=everyone');
    expect(response.status).toBe(400);
    expect(response.body.error.field).toBe('query.scope');
  });
});
