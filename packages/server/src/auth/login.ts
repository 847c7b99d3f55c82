import { setTimeout as sleep } from 'node:timers/promises';
import type { LoginRequest } from '@fusion-cell/protocol';
import { DomainError } from '../errors.ts';
import type { Services } from '../services.ts';
import { isKnownBrowser, rememberBrowser } from './known-browsers.ts';
import { reserveAttempt, settleSuccess, throttleKeys } from './login-throttle.ts';
import { createSession } from './sessions.ts';

export interface LoginResult {
  token: string;
  memberId: string;
  expiresAt: number;
  /** The cookie value that marks this browser as one the member logs in from. */
  knownBrowserToken: string;
}

/** Where a login attempt comes from. */
export interface LoginOrigin {
  clientAddress: string;
  /** The browser's known-login cookie, if it sent one. */
  knownBrowserToken: string | undefined;
}

const dummyHashes = new WeakMap<object, Promise<string>>();

/**
 * Checks a username and password and opens a session. Unknown users, disabled members and
 * wrong passwords get the same answer after the same work, so the answer does not tell
 * which usernames exist. Attempts are throttled as `login-throttle.ts` explains.
 */
export async function login(services: Services, request: LoginRequest, origin: LoginOrigin): Promise<LoginResult> {
  const { db, clock, passwords } = services;
  const username = request.username.trim().toLowerCase();
  const member = await db.selectFrom('members').select(['id', 'password_hash', 'disabled']).where('username', '=', username).executeTakeFirst();
  const known = member ? await isKnownBrowser(db, origin.knownBrowserToken, member.id, clock.now()) : false;
  const keys = throttleKeys(username, origin.clientAddress, known);
  const reservation = await reserveAttempt(db, services.engine, keys, clock.now(), services.throttlePolicy);
  if (reservation.status === 'refused') {
    throw new DomainError('rate_limited', 'too many failed logins; wait before trying again', undefined, Math.ceil(reservation.retryAfterMs / 1000));
  }
  // Past the account's ceiling, attempts take turns: slower guessing, never a lock-out.
  if (reservation.waitMs > 0) await sleep(reservation.waitMs);

  const hash = member && !member.disabled ? member.password_hash : await dummyHash(services);
  const valid = await passwords.verify(hash, request.password);
  if (!member || member.disabled || !valid) throw new DomainError('invalid_credentials', 'wrong username or password');

  await settleSuccess(db, services.engine, keys);
  const token = services.ids.secret(32);
  const expiresAt = await createSession(db, member.id, token, clock.now(), services.sessionPolicy);
  const knownBrowserToken = origin.knownBrowserToken ?? services.ids.secret(32);
  await rememberBrowser(db, knownBrowserToken, member.id, clock.now());
  return { token, memberId: member.id, expiresAt, knownBrowserToken };
}

function dummyHash(services: Services): Promise<string> {
  let hash = dummyHashes.get(services.passwords);
  if (!hash) {
    hash = services.passwords.hash(services.ids.secret(16));
    dummyHashes.set(services.passwords, hash);
  }
  return hash;
}
