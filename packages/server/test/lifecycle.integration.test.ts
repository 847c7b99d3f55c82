import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiClient } from './support/api-client.ts';
import { ENGINES, type TestStorage } from './support/engines.ts';
import { cheapPasswords, startTestServer } from './support/test-server.ts';

describe.each(ENGINES)('server lifecycle on $engine', (setup) => {
  let storage: TestStorage;

  beforeEach(async () => {
    storage = await setup.create();
  });

  afterEach(async () => {
    await storage.cleanup();
  });

  it('reports health and its storage engine', async () => {
    const server = await startTestServer(storage);
    try {
      const response = await fetch(`${server.url}/healthz`);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ status: 'ok', db: setup.engine });
    } finally {
      await server.close();
    }
  });

  it('restarts on the same data: the cell, accounts and sessions are kept, nothing is initialised twice', async () => {
    const first = await startTestServer(storage);
    const password = first.passwordOf('il.head');
    const client = new ApiClient(first.url);
    await client.login('il.head', password);
    const cookie = client.sessionCookie;
    await first.close();

    const second = await startTestServer(storage, { clock: first.clock });
    try {
      expect(second.handle.initialized).toBeUndefined();
      const resumed = await fetch(`${second.url}/api/v1/auth/me`, { headers: { cookie: cookie ?? '' } });
      expect(resumed.status).toBe(200);
      await new ApiClient(second.url).login('il.head', password);
    } finally {
      await second.close();
    }
  });

  it('finishes a request in flight before closing, then refuses new connections', async () => {
    // A password check that signals its start and takes a while keeps a login in flight.
    let arrived: () => void = () => undefined;
    const loginArrived = new Promise<void>((resolve) => (arrived = resolve));
    const slowPasswords = {
      hash: cheapPasswords.hash,
      verify: async (hash: string, password: string) => {
        arrived();
        await new Promise((resolve) => setTimeout(resolve, 200));
        return cheapPasswords.verify(hash, password);
      },
    };
    const server = await startTestServer(storage, { passwords: slowPasswords });
    const client = new ApiClient(server.url);
    const inFlight = client.post('/api/v1/auth/login', { username: 'sy.head', password: server.passwordOf('sy.head') });
    await loginArrived;
    const closing = server.close();
    expect((await inFlight).status).toBe(200);
    await closing;
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  });

  it('serves an OpenAPI document generated from the schemas, and a docs page', async () => {
    const server = await startTestServer(storage);
    try {
      const document = (await (await fetch(`${server.url}/api/v1/openapi.json`)).json()) as any;
      expect(document.openapi).toBe('3.1.0');
      expect(Object.keys(document.paths)).toEqual(
        expect.arrayContaining(['/api/v1/auth/login', '/api/v1/auth/me', '/api/v1/members', '/api/v1/devices', '/api/v1/devices/{deviceId}/approve', '/healthz']),
      );
      const login = document.paths['/api/v1/auth/login'].post;
      const reference: string = login.requestBody.content['application/json'].schema.$ref;
      const schema = document.components.schemas[reference.split('/').pop() ?? ''];
      expect(schema.required).toEqual(['username', 'password']);
      expect(schema.additionalProperties).toBe(false);
      expect(login.responses['429']).toBeDefined();
      const docs = await fetch(`${server.url}/api/v1/docs/`);
      expect(docs.status).toBe(200);
      expect(await docs.text()).toMatch(/swagger/i);
    } finally {
      await server.close();
    }
  });

  it('serves the web app, its routes on reload, and 404 for a missing asset', async () => {
    const webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fusion-cell-web-'));
    fs.mkdirSync(path.join(webDir, 'assets'));
    fs.writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>cell</title>');
    const server = await startTestServer(storage, { webDir });
    try {
      expect(await (await fetch(`${server.url}/`)).text()).toContain('<title>cell</title>');
      const deepLink = await fetch(`${server.url}/record`);
      expect(deepLink.status).toBe(200);
      expect(deepLink.headers.get('content-type')).toMatch(/text\/html/);
      // Files written after start (a rebuilt app) are served without a restart.
      fs.writeFileSync(path.join(webDir, 'assets', 'app-1.js'), 'export {};');
      expect((await fetch(`${server.url}/assets/app-1.js`)).status).toBe(200);
      expect((await fetch(`${server.url}/assets/app-0.js`)).status).toBe(404);
      expect((await fetch(`${server.url}/api/v1/nowhere`)).status).toBe(404);
    } finally {
      await server.close();
      fs.rmSync(webDir, { recursive: true, force: true });
    }
  });

  it('sends security headers', async () => {
    const server = await startTestServer(storage);
    try {
      const response = await fetch(`${server.url}/healthz`);
      expect(response.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    } finally {
      await server.close();
    }
  });
});
