import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_THROTTLE, reserveAttempt, settleSuccess, throttleKeys } from '../src/auth/login-throttle.ts';
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
    expect(cell?.rules.acknowledgments['alert.flash']?.within).toBe('PT5M');
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

  it('doubles the login delay after the free attempts, and forgets the account and address on success', async () => {
    const keys = throttleKeys('sy.duty1', '10.0.0.1', false);
    const policy = { ...DEFAULT_THROTTLE, freeAttempts: 2, freeAttemptsPerAddress: 50, baseDelayMs: 1000, maxDelayMs: 8000 };
    const retries: number[] = [];
    for (let reserved = 0; reserved < 7; ) {
      const reservation = await reserveAttempt(services.db, services.engine, keys, clock.now(), policy);
      if (reservation.status === 'reserved') reserved += 1;
      else {
        retries.push(reservation.retryAfterMs);
        clock.advance(reservation.retryAfterMs);
      }
    }
    // Two free attempts; the second makes the third wait 1 s, then 2, 4, 8, and no more than 8.
    expect(retries).toEqual([1000, 2000, 4000, 8000, 8000]);
    expect((await reserveAttempt(services.db, services.engine, keys, clock.now(), policy)).status).toBe('refused');
    await settleSuccess(services.db, services.engine, keys);
    expect((await reserveAttempt(services.db, services.engine, keys, clock.now(), policy)).status).toBe('reserved');
  });

  it('reserves simultaneous attempts atomically: no more pass than the allowance', async () => {
    const keys = throttleKeys('sy.duty1', '10.0.0.2', false);
    const policy = { ...DEFAULT_THROTTLE, freeAttempts: 3 };
    const reservations = await Promise.all(Array.from({ length: 40 }, () => reserveAttempt(services.db, services.engine, keys, clock.now(), policy)));
    expect(reservations.filter((reservation) => reservation.status === 'reserved')).toHaveLength(3);
  });

  it('spaces out attempts at an account past its ceiling instead of refusing them', async () => {
    const policy = { ...DEFAULT_THROTTLE, accountCeiling: 2, baseDelayMs: 1000, maxAccountSpacingMs: 4000 };
    const waits: number[] = [];
    for (let address = 0; address < 6; address++) {
      const reservation = await reserveAttempt(services.db, services.engine, throttleKeys('il.duty1', `10.1.0.${address}`, false), clock.now(), policy);
      waits.push(reservation.status === 'reserved' ? reservation.waitMs : -1);
    }
    // Two free, then each takes its turn after the one before: 1 s, then 2 s, then 4 s apart (capped).
    expect(waits).toEqual([0, 0, 0, 1000, 3000, 7000]);
    const known = await reserveAttempt(services.db, services.engine, throttleKeys('il.duty1', '10.1.0.9', true), clock.now(), policy);
    expect(known).toEqual({ status: 'reserved', waitMs: 0 });
  });
});
