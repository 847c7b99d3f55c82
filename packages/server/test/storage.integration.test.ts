import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clearFailures, lockedFor, recordFailure, throttleKeys } from '../src/auth/login-throttle.ts';
import { createSession, touchSession } from '../src/auth/sessions.ts';
import { findCell, listCompartmentsOf } from '../src/cell/cell-repository.ts';
import { initializeCell } from '../src/cell/initialize-cell.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import type { DatabaseHandle } from '../src/db/open-database.ts';
import { DomainError } from '../src/errors.ts';
import { addMember, updateDisabled } from '../src/members/member-service.ts';
import type { Services } from '../src/services.ts';
import type { ManualClock } from '../src/clock.ts';
import { ENGINES, type TestStorage } from './support/engines.ts';
import { openTestServices } from './support/services.ts';
import { demoScenario } from './support/test-server.ts';

/** One contract, every engine: what SQLite does, PostgreSQL must do the same way. */
describe.each(ENGINES)('storage contract on $engine', (setup) => {
  let storage: TestStorage;
  let services: Services;
  let clock: ManualClock;
  let database: DatabaseHandle;

  beforeEach(async () => {
    storage = await setup.create();
    ({ services, clock, database } = await openTestServices(storage));
  });

  afterEach(async () => {
    await database.close();
    await storage.cleanup();
  });

  it('migrations are idempotent: a second run changes nothing', async () => {
    expect(await migrateToLatest(database)).toEqual([]);
    await initializeCell(services, demoScenario);
    expect(await migrateToLatest(database)).toEqual([]);
    expect((await findCell(services.db))?.id).toBe('paris-2026');
  });

  it('initialises the cell with its parties and default compartments', async () => {
    const logins = await initializeCell(services, demoScenario);
    expect(logins).toHaveLength(18);
    expect(new Set(logins.map((login) => login.password)).size).toBe(18);
    const cell = await findCell(services.db);
    expect(cell?.parties.map((party) => party.id)).toEqual(['sy', 'il', 'us']);
    expect(cell?.rules.acknowledgments['alert']?.within).toBe('PT5M');
    const audience = async (party: string) =>
      Object.fromEntries((await listCompartmentsOf(services.db, party)).map((compartment) => [compartment.id, compartment.parties]));
    expect(await audience('sy')).toEqual({ plenary: ['il', 'sy', 'us'], 'caucus-sy': ['sy', 'us'], 'internal-sy': ['sy'] });
    expect(await audience('us')).toEqual({
      plenary: ['il', 'sy', 'us'],
      'caucus-sy': ['sy', 'us'],
      'caucus-il': ['il', 'us'],
      'internal-us': ['us'],
    });
  });

  it('refuses to initialise a second cell and leaves the first intact', async () => {
    await initializeCell(services, demoScenario);
    await expect(initializeCell(services, { ...demoScenario, cell: { ...demoScenario.cell, id: 'other' } })).rejects.toMatchObject({ code: 'conflict' });
    expect((await findCell(services.db))?.id).toBe('paris-2026');
  });

  it('keeps usernames unique, whatever their case', async () => {
    await initializeCell(services, demoScenario);
    await expect(addMember(services, 'sy', { username: 'SY.duty1', displayName: 'x', roles: ['duty'] })).rejects.toBeInstanceOf(DomainError);
    const created = await addMember(services, 'sy', { username: 'sy.duty3', displayName: 'Third watch', roles: ['duty'] });
    expect(created.generatedPassword).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(created.member).toMatchObject({ party: 'sy', username: 'sy.duty3', roles: ['duty'], disabled: false });
  });

  it('ends sessions idle too long, and all sessions of a disabled member', async () => {
    await initializeCell(services, demoScenario);
    const member = await services.db.selectFrom('members').select('id').where('username', '=', 'il.duty1').executeTakeFirstOrThrow();
    const policy = { idleMs: 60 * 60_000, maxAgeMs: 3 * 60 * 60_000 };
    await createSession(services.db, member.id, 'token-a', clock.now(), policy);
    clock.advance(59 * 60_000);
    expect((await touchSession(services.db, 'token-a', clock.now(), policy)).status).toBe('active');
    clock.advance(61 * 60_000);
    expect((await touchSession(services.db, 'token-a', clock.now(), policy)).status).toBe('expired');
    expect((await touchSession(services.db, 'token-a', clock.now(), policy)).status).toBe('unknown');

    await createSession(services.db, member.id, 'token-b', clock.now(), policy);
    await updateDisabled(services, member.id, true);
    expect((await touchSession(services.db, 'token-b', clock.now(), policy)).status).toBe('unknown');
  });

  it('ends a session at its maximum age even when in use', async () => {
    await initializeCell(services, demoScenario);
    const member = await services.db.selectFrom('members').select('id').where('username', '=', 'us.chief').executeTakeFirstOrThrow();
    const policy = { idleMs: 60 * 60_000, maxAgeMs: 2 * 60 * 60_000 };
    await createSession(services.db, member.id, 'token', clock.now(), policy);
    for (let minutes = 0; minutes < 110; minutes += 50) {
      clock.advance(50 * 60_000);
      expect((await touchSession(services.db, 'token', clock.now(), policy)).status).toBe(clock.now() < Date.parse('2026-01-06T11:00:00Z') ? 'active' : 'expired');
    }
  });

  it('doubles the login delay after the free attempts, and forgets on success', async () => {
    const keys = throttleKeys('sy.duty1', '10.0.0.1');
    const policy = { freeAttempts: 2, freeAttemptsPerAddress: 4, baseDelayMs: 1000, maxDelayMs: 8000, forgetAfterMs: 3_600_000 };
    const delays: number[] = [];
    for (let attempt = 0; attempt < 7; attempt++) {
      await recordFailure(services.db, keys, clock.now(), policy);
      delays.push(await lockedFor(services.db, keys, clock.now()));
    }
    expect(delays).toEqual([0, 0, 1000, 2000, 4000, 8000, 8000]);
    await clearFailures(services.db, 'sy.duty1');
    // The address is still remembered, with its own, larger allowance; only the username is forgiven.
    expect(await lockedFor(services.db, [keys[0] as string], clock.now())).toBe(0);
    expect(await lockedFor(services.db, [keys[1] as string], clock.now())).toBe(4000);
  });
});
