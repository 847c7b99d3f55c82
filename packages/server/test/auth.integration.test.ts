import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from './support/api-client.ts';
import { ENGINES, type TestStorage } from './support/engines.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';
import { DEFAULT_THROTTLE } from '../src/auth/login-throttle.ts';

describe.each(ENGINES)('logging in on $engine', (setup) => {
  let storage: TestStorage;
  let server: TestServer;

  beforeAll(async () => {
    storage = await setup.create();
    server = await startTestServer(storage, { sessionIdleMinutes: 30, sessionMaxHours: 2 });
  });

  afterAll(async () => {
    await server.close();
    await storage.cleanup();
  });

  it('opens a session with an HttpOnly, SameSite=Strict cookie and tells who is logged in', async () => {
    const client = new ApiClient(server.url);
    const response = await client.post('/api/v1/auth/login', { username: 'sy.duty1', password: server.passwordOf('sy.duty1') });
    expect(response.status).toBe(200);
    const cookie = response.headers.getSetCookie().join(';');
    expect(cookie).toMatch(/fc_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).not.toMatch(/Secure/i);
    const me = await client.get('/api/v1/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.member).toMatchObject({ username: 'sy.duty1', roles: ['duty'] });
    expect(me.body.party).toMatchObject({ id: 'sy', kind: 'side', name: { en: 'Syria' } });
    expect(me.body.compartments.map((compartment: { id: string }) => compartment.id)).toEqual(['plenary', 'caucus-sy', 'internal-sy']);
  });

  it('accepts usernames in any case and surrounding spaces', async () => {
    const client = new ApiClient(server.url);
    const response = await client.post('/api/v1/auth/login', { username: ' IL.Duty1 ', password: server.passwordOf('il.duty1') });
    expect(response.status).toBe(200);
  });

  it('answers the same for an unknown user and a wrong password', async () => {
    const client = new ApiClient(server.url);
    const wrong = await client.post('/api/v1/auth/login', { username: 'il.head', password: 'not the password' });
    const unknown = await client.post('/api/v1/auth/login', { username: 'nobody.here', password: 'not the password' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.error.code).toBe('invalid_credentials');
    expect(client.sessionCookie).toBeUndefined();
    expect((await client.get('/api/v1/auth/me')).status).toBe(401);
  });

  it('makes one address wait after three failures at an account, longer after each, then lets the right password in', async () => {
    const client = new ApiClient(server.url);
    const attempt = (password: string) => client.post('/api/v1/auth/login', { username: 'us.duty2', password });
    for (let failure = 0; failure < 3; failure++) expect((await attempt('wrong')).status).toBe(401);
    const locked = await attempt(server.passwordOf('us.duty2'));
    expect(locked.status).toBe(429);
    expect(locked.body.error).toMatchObject({ code: 'rate_limited', retryAfterSeconds: 1 });
    expect(locked.headers.get('retry-after')).toBe('1');
    server.clock.advance(1000);
    expect((await attempt('wrong')).status).toBe(401);
    const longer = await attempt(server.passwordOf('us.duty2'));
    expect(longer.body.error.retryAfterSeconds).toBe(2);
    server.clock.advance(2000);
    expect((await attempt(server.passwordOf('us.duty2'))).status).toBe(200);
  });

  it('clears the session cookie with the attributes it was set with', async () => {
    const client = new ApiClient(server.url);
    await client.login('il.analyst', server.passwordOf('il.analyst'));
    const response = await client.post('/api/v1/auth/logout');
    const cookie = response.headers.getSetCookie().find((line) => line.startsWith('fc_session=')) ?? '';
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/Path=\//);
  });

  it('ends an idle session with session_expired, and logout ends it at once', async () => {
    const client = new ApiClient(server.url);
    await client.login('il.analyst', server.passwordOf('il.analyst'));
    server.clock.advance(29 * 60_000);
    expect((await client.get('/api/v1/auth/me')).status).toBe(200);
    server.clock.advance(31 * 60_000);
    const expired = await client.get('/api/v1/auth/me');
    expect(expired.status).toBe(401);
    expect(expired.body.error.code).toBe('session_expired');

    await client.login('il.analyst', server.passwordOf('il.analyst'));
    const cookie = client.sessionCookie;
    expect((await client.post('/api/v1/auth/logout')).status).toBe(204);
    const replay = await fetch(`${server.url}/api/v1/auth/me`, { headers: { cookie: cookie ?? '' } });
    expect(replay.status).toBe(401);
  });

  it('refuses a forged or unknown session cookie', async () => {
    const response = await fetch(`${server.url}/api/v1/auth/me`, { headers: { cookie: 'fc_session=forged' } });
    expect(response.status).toBe(401);
    expect(((await response.json()) as any).error.code).toBe('unauthenticated');
  });

  it.each([
    ['an unknown field', { username: 'sy.head', password: 'x', remember: true }, 400, 'validation_failed', 'body.remember'],
    ['a missing password', { username: 'sy.head' }, 400, 'validation_failed', 'body.password'],
    ['a number for a username', { username: 42, password: 'x' }, 400, 'validation_failed', 'body.username'],
  ])('refuses %s with the field named', async (_name, body, status, code, field) => {
    const response = await new ApiClient(server.url).post('/api/v1/auth/login', body);
    expect(response.status).toBe(status);
    expect(response.body.error).toMatchObject({ code, field });
  });
});

/** Guessing at an account from elsewhere must not keep its owner out (OWASP ASVS 5.0 V6.3). */
describe.each(ENGINES)('login throttling against guessing on $engine', (setup) => {
  let storage: TestStorage;
  let server: TestServer;

  beforeAll(async () => {
    storage = await setup.create();
    // Behind a trusted proxy, so each request can come from an address of its own.
    server = await startTestServer(storage, {
      trustProxy: true,
      throttlePolicy: { ...DEFAULT_THROTTLE, accountCeiling: 6, baseDelayMs: 100, maxAccountSpacingMs: 200, maxAccountWaitMs: 5_000 },
    });
  });

  afterAll(async () => {
    await server.close();
    await storage.cleanup();
  });

  const from = (address: string) => ({ 'x-forwarded-for': address });

  it('evaluates no more than three of forty simultaneous wrong guesses at one account from one address', async () => {
    const client = new ApiClient(server.url);
    const answers = await Promise.all(
      Array.from({ length: 40 }, () => client.post('/api/v1/auth/login', { username: 'sy.head', password: 'wrong guess' }, from('10.9.0.1'))),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 401)).toHaveLength(3);
    expect(statuses.filter((status) => status === 429)).toHaveLength(37);
  });

  it('answers simultaneous right and wrong passwords for one account without failing', async () => {
    const client = new ApiClient(server.url);
    // From workstations of their own: which attempts one address gets evaluated first depends on
    // the order they arrive in, and a test must not.
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, index) =>
        client.post('/api/v1/auth/login', { username: 'us.duty1', password: index % 2 === 0 ? server.passwordOf('us.duty1') : 'wrong' }, from(`10.9.0.${10 + index}`)),
      ),
    );
    for (const answer of answers) expect([200, 401, 429]).toContain(answer.status);
    expect(answers.some((answer) => answer.status === 200)).toBe(true);
  });

  it('lets the owner in at once from another address while an attacker is locked out', async () => {
    const attacker = new ApiClient(server.url);
    for (let guess = 0; guess < 3; guess++) await attacker.post('/api/v1/auth/login', { username: 'il.duty1', password: 'guess' }, from('10.9.0.2'));
    expect((await attacker.post('/api/v1/auth/login', { username: 'il.duty1', password: 'guess' }, from('10.9.0.2'))).status).toBe(429);
    const owner = new ApiClient(server.url);
    const answer = await owner.post('/api/v1/auth/login', { username: 'il.duty1', password: server.passwordOf('il.duty1') }, from('10.0.0.7'));
    expect(answer.status).toBe(200);
  });

  it('slows the right password, never refuses it, when guesses come from many addresses; a browser that logged in before is not slowed', async () => {
    const owner = new ApiClient(server.url);
    await owner.login('sy.duty2', server.passwordOf('sy.duty2'));
    const known = owner.knownBrowserCookie;
    expect(known).toMatch(/^fc_known=/);
    // Ten addresses, three guesses each: the account is far past its ceiling of six.
    const spread = new ApiClient(server.url);
    for (let address = 0; address < 10; address++) {
      for (let guess = 0; guess < 3; guess++) {
        // The guesses are a second apart: each has its turn at once, and the next turn is set.
        server.clock.advance(1000);
        await spread.post('/api/v1/auth/login', { username: 'sy.duty2', password: 'guess' }, from(`10.8.0.${address}`));
      }
    }
    const stranger = new ApiClient(server.url);
    const started = performance.now();
    const slowed = await stranger.post('/api/v1/auth/login', { username: 'sy.duty2', password: server.passwordOf('sy.duty2') }, from('10.0.0.8'));
    expect(slowed.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThan(100);

    const returning = new ApiClient(server.url);
    const answer = await returning.post('/api/v1/auth/login', { username: 'sy.duty2', password: server.passwordOf('sy.duty2') }, { ...from('10.0.0.9'), cookie: known ?? '' });
    expect(answer.status).toBe(200);
  });
});
