import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { PasswordHasher } from './auth/password-hasher.ts';
import type { ThrottlePolicy } from './auth/login-throttle.ts';
import type { SessionPolicy } from './auth/sessions.ts';
import type { Clock } from './clock.ts';
import type { Database } from './db/schema.ts';
import type { Engine } from './db/open-database.ts';
import type { IdGenerator } from './ids.ts';

/** Everything a domain operation may depend on, injected once at start. */
export interface Services {
  db: Kysely<Database>;
  engine: Engine;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
  passwords: PasswordHasher;
  sessionPolicy: SessionPolicy;
  throttlePolicy: ThrottlePolicy;
}
