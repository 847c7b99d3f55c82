import { pino } from 'pino';
import { DEFAULT_THROTTLE } from '../../src/auth/login-throttle.ts';
import { DEFAULT_SESSION_POLICY } from '../../src/auth/sessions.ts';
import { ManualClock } from '../../src/clock.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { openDatabase, type DatabaseHandle } from '../../src/db/open-database.ts';
import { randomIds } from '../../src/ids.ts';
import type { Services } from '../../src/services.ts';
import type { TestStorage } from './engines.ts';
import { cheapPasswords } from './test-server.ts';

/** Services over a migrated database of the given storage, with a manual clock. */
export async function openTestServices(storage: TestStorage): Promise<{ services: Services; clock: ManualClock; database: DatabaseHandle }> {
  const database = openDatabase(storage);
  await migrateToLatest(database);
  const clock = new ManualClock();
  const services: Services = {
    db: database.db,
    engine: database.engine,
    clock,
    ids: randomIds,
    logger: pino({ level: 'silent' }),
    passwords: cheapPasswords,
    sessionPolicy: DEFAULT_SESSION_POLICY,
    throttlePolicy: DEFAULT_THROTTLE,
  };
  return { services, clock, database };
}
