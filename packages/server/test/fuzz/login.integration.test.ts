import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fuzzTimeout } from '../../../../test-support/fuzz/fuzz-settings.ts';
import { assertSoundVerdicts } from '../../../../test-support/fuzz/fuzz-target.ts';
import { loginTarget, type LoginServer } from '../../../../test-support/fuzz/login-target.ts';
import { rowCount } from '../../../../test-support/fuzz/stored-rows.ts';
import { DEFAULT_THROTTLE } from '../../src/auth/login-throttle.ts';
import { ENGINES, type TestStorage } from '../support/engines.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

/** Throttling off in effect: the properties are about reading logins, not about waiting. */
const UNTHROTTLED = { ...DEFAULT_THROTTLE, freeAttempts: 1e9, freeAttemptsPerAddress: 1e9, accountCeiling: 1e9 };

describe.each(ENGINES)('fuzz: login on $engine', (setup) => {
  let storage: TestStorage;
  let server: TestServer;
  let target: LoginServer;

  beforeAll(async () => {
    storage = await setup.create();
    server = await startTestServer(storage, { throttlePolicy: UNTHROTTLED });
    target = { url: server.url, logins: server.logins, sessionCount: () => rowCount(server.handle.services.db, 'sessions') };
  });

  afterAll(async () => {
    await server.close();
    await storage.cleanup();
  });

  it('opens one session for the right password only, answers everything else in the error shape, never a 500', async () => {
    await assertSoundVerdicts(loginTarget(target), 60, { shrink: false });
  }, fuzzTimeout());

  // Found by the fuzzer: no session is needed to make the server walk a body this deep.
  it('refuses a 40 KB body nested 20 000 levels deep at once, before anyone logs in', async () => {
    const started = performance.now();
    const response = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { origin: server.url, 'content-type': 'application/json' },
      body: `${'['.repeat(20_000)}${']'.repeat(20_000)}`,
    });
    expect(response.status).toBe(400);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
