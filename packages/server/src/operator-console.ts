import type { CreateMemberRequest, Device, Member, Scenario } from '@fusion-cell/protocol';
import fs from 'node:fs';
import { pino } from 'pino';
import { DEFAULT_THROTTLE } from './auth/login-throttle.ts';
import { argon2Hasher, type PasswordHasher } from './auth/password-hasher.ts';
import { findCell, type StoredCell } from './cell/cell-repository.ts';
import { initializeCell, type DemoLogin } from './cell/initialize-cell.ts';
import { systemClock } from './clock.ts';
import { resolveConfig, type ServerConfigInput } from './config.ts';
import { migrateToLatest } from './db/migrate.ts';
import { openDatabase, sqliteFile, type DatabaseHandle } from './db/open-database.ts';
import { listAllDevices, setDeviceStatusAsOperator } from './devices/device-service.ts';
import { notFound } from './errors.ts';
import { randomIds } from './ids.ts';
import { addMember, toMember, updateDisabled } from './members/member-service.ts';
import type { Services } from './services.ts';
import { openRecordRuntime } from './record/record-runtime.ts';
import { rebuildDerivedState, type RebuildReport } from './record/rebuild.ts';

/**
 * What the operator of the server's machine may do directly on the database, outside any
 * member's session: initialise the cell and manage accounts. Used by the command line.
 */
export interface OperatorConsole {
  engine: Services['engine'];
  cell(): Promise<StoredCell | undefined>;
  initialize(scenario: Scenario): Promise<DemoLogin[]>;
  listMembers(party?: string): Promise<Member[]>;
  addMember(party: string, request: CreateMemberRequest): Promise<{ member: Member; generatedPassword?: string }>;
  setMemberDisabled(username: string, disabled: boolean): Promise<Member>;
  listDevices(): Promise<Device[]>;
  setDeviceStatus(deviceId: string, status: 'approved' | 'revoked'): Promise<Device>;
  /** Rebuilds the state derived from the logs; compares only, unless `repair`. */
  rebuild(options: { repair: boolean }): Promise<RebuildReport>;
  close(): Promise<void>;
}

/**
 * Opens the server's database for its operator. Only `create` (for `init`) may make a new
 * one: any other command run without the server's `--data-dir` or `--database-url` would
 * otherwise act on a fresh empty database and report, say, no members at all.
 */
export async function openOperatorConsole(
  options: ServerConfigInput & { passwords?: PasswordHasher; create?: boolean } = {},
): Promise<OperatorConsole> {
  const { passwords, create = false, ...explicit } = options;
  const config = resolveConfig(explicit);
  if (!create && !config.databaseUrl && !fs.existsSync(sqliteFile(config.dataDir))) throw noDatabase(sqliteFile(config.dataDir));
  const database = openDatabase(config);
  if (!create) await refuseUnmigrated(database);
  await migrateToLatest(database);
  const services: Services = {
    db: database.db,
    engine: database.engine,
    clock: systemClock,
    ids: randomIds,
    logger: pino({ level: 'silent' }),
    passwords: passwords ?? argon2Hasher(),
    sessionPolicy: { idleMs: config.sessionIdleMinutes * 60_000, maxAgeMs: config.sessionMaxHours * 3_600_000 },
    throttlePolicy: DEFAULT_THROTTLE,
  };
  const memberByUsername = async (username: string) => {
    const row = await services.db.selectFrom('members').select('id').where('username', '=', username.toLowerCase()).executeTakeFirst();
    if (!row) throw notFound(`member "${username}"`);
    return row.id;
  };
  return {
    engine: database.engine,
    cell: () => findCell(services.db),
    initialize: (scenario) => initializeCell(services, scenario),
    listMembers: async (party) => {
      let query = services.db.selectFrom('members').selectAll().orderBy('party_id').orderBy('username');
      if (party) query = query.where('party_id', '=', party);
      return (await query.execute()).map(toMember);
    },
    addMember: (party, request) => addMember(services, party, request),
    setMemberDisabled: async (username, disabled) => updateDisabled(services, await memberByUsername(username), disabled),
    listDevices: () => listAllDevices(services),
    setDeviceStatus: async (deviceId, status) => {
      const cell = await findCell(services.db);
      if (!cell) throw notFound('cell');
      return setDeviceStatusAsOperator({ ...services, record: await openRecordRuntime(services, cell.id) }, deviceId, status);
    },
    rebuild: (rebuildOptions) => rebuildDerivedState(services.db, rebuildOptions),
    close: () => database.close(),
  };
}

function noDatabase(location: string): Error {
  return new Error(
    `no database at ${location}: name the server's with --data-dir (DATA_DIR) or --database-url (DATABASE_URL); "fusion-cell serve" or "fusion-cell init" creates one`,
  );
}

/** A PostgreSQL database the server never migrated holds no cell: it is not the server's. */
async function refuseUnmigrated(database: DatabaseHandle): Promise<void> {
  if (database.engine !== 'postgres') return;
  const tables = await database.db.introspection.getTables({ withInternalKyselyTables: true });
  if (tables.some((table) => table.name === 'kysely_migration')) return;
  await database.close();
  throw noDatabase(database.location);
}
