import type { LoginRequest } from '@fusion-cell/protocol';
import { DomainError } from '../errors.ts';
import type { Services } from '../services.ts';
import { clearFailures, lockedFor, recordFailure, throttleKeys } from './login-throttle.ts';
import { createSession } from './sessions.ts';

export interface LoginResult {
  token: string;
  memberId: string;
  expiresAt: number;
}

const dummyHashes = new WeakMap<object, Promise<string>>();

/**
 * Checks a username and password and opens a session. Unknown users, disabled members and
 * wrong passwords get the same answer after the same work, so the answer does not tell
 * which usernames exist.
 */
export async function login(services: Services, request: LoginRequest, clientAddress: string): Promise<LoginResult> {
  const { db, clock, passwords } = services;
  const username = request.username.trim().toLowerCase();
  const keys = throttleKeys(username, clientAddress);
  const waitMs = await lockedFor(db, keys, clock.now());
  if (waitMs > 0) {
    throw new DomainError('rate_limited', 'too many failed logins; wait before trying again', undefined, Math.ceil(waitMs / 1000));
  }
  const member = await db
    .selectFrom('members')
    .select(['id', 'password_hash', 'disabled'])
    .where('username', '=', username)
    .executeTakeFirst();
  const hash = member && !member.disabled ? member.password_hash : await dummyHash(services);
  const valid = await passwords.verify(hash, request.password);
  if (!member || member.disabled || !valid) {
    await recordFailure(db, keys, clock.now(), services.throttlePolicy);
    throw new DomainError('invalid_credentials', 'wrong username or password');
  }
  await clearFailures(db, username);
  const token = services.ids.secret(32);
  const expiresAt = await createSession(db, member.id, token, clock.now(), services.sessionPolicy);
  return { token, memberId: member.id, expiresAt };
}

function dummyHash(services: Services): Promise<string> {
  let hash = dummyHashes.get(services.passwords);
  if (!hash) {
    hash = services.passwords.hash(services.ids.secret(16));
    dummyHashes.set(services.passwords, hash);
  }
  return hash;
}
