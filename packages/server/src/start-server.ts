import fs from 'node:fs';
import type { Scenario } from '@fusion-cell/protocol';
import { pino, type Logger } from 'pino';
import { argon2Hasher, type PasswordHasher } from './auth/password-hasher.ts';
import { DEFAULT_THROTTLE, type ThrottlePolicy } from './auth/login-throttle.ts';
import { findCell } from './cell/cell-repository.ts';
import { initializeCell, type DemoLogin } from './cell/initialize-cell.ts';
import { writeLoginsFile } from './cell/logins-file.ts';
import { systemClock, type Clock } from './clock.ts';
import { resolveConfig, type ServerConfig, type ServerConfigInput } from './config.ts';
import { migrateToLatest } from './db/migrate.ts';
import { openDatabase } from './db/open-database.ts';
import { buildApp } from './http/build-app.ts';
import { routeTableOf, type RouteRecord } from './http/route-table.ts';
import { randomIds, type IdGenerator } from './ids.ts';
import type { Services } from './services.ts';
import { VERSION } from './version.ts';
import type { CellServices } from './cell-services.ts';
import { openRecordRuntime } from './record/record-runtime.ts';
import { seedHistory } from './demo/seed-history.ts';
import { openLiveRuntime, type LiveRuntime } from './live-runtime.ts';

export interface StartOptions extends ServerConfigInput {
  /** Initialise this scenario's cell when the database holds none. */
  scenario?: Scenario | undefined;
  /** Where to write the generated logins when a cell is initialised (mode 0600). */
  loginsFile?: string | undefined;
  clock?: Clock;
  ids?: IdGenerator;
  passwords?: PasswordHasher;
  throttlePolicy?: ThrottlePolicy;
  logger?: Logger;
}

export interface ServerHandle {
  url: string;
  port: number;
  config: ServerConfig;
  services: CellServices;
  live: LiveRuntime;
  /** The logins generated if this start initialised the cell. */
  initialized: DemoLogin[] | undefined;
  /** Every route the server answers, with whether it needs a session. */
  readonly routes: readonly RouteRecord[];
  /** Stops accepting connections, lets requests in flight finish, closes the database. */
  close(): Promise<void>;
}

/** Opens the database, migrates it, initialises the cell if asked to, and listens. */
export async function startServer(options: StartOptions = {}): Promise<ServerHandle> {
  const { scenario, loginsFile, clock, ids, passwords, throttlePolicy, logger, ...explicit } = options;
  const config = resolveConfig(explicit);
  const log = logger ?? pino({ level: config.logLevel });
  const database = openDatabase({ ...config, onIdleError: (error) => log.warn({ err: error }, 'idle database connection failed') });
  try {
    await migrateToLatest(database);
    const services: Services = {
      db: database.db,
      engine: database.engine,
      clock: clock ?? systemClock,
      ids: ids ?? randomIds,
      logger: log,
      passwords: passwords ?? argon2Hasher(),
      sessionPolicy: { idleMs: config.sessionIdleMinutes * 60_000, maxAgeMs: config.sessionMaxHours * 3_600_000 },
      throttlePolicy: throttlePolicy ?? DEFAULT_THROTTLE,
    };
    let initialized: DemoLogin[] | undefined;
    if (scenario && !(await findCell(database.db))) {
      initialized = await initializeCell(services, scenario);
      if (loginsFile) writeLoginsFile(loginsFile, initialized);
      log.info({ cell: scenario.cell.id, members: initialized.length }, 'cell initialised');
    }
    const cell = await findCell(database.db);
    if (!cell) throw new Error('the database holds no cell: initialise one with "fusion-cell init <scenario>", or start with --demo or --scenario');
    const cellServices: CellServices = { ...services, record: await openRecordRuntime(services, cell.id, config.checkpointIntervalMs) };
    if (initialized && scenario) {
      const seeded = await seedHistory(cellServices, scenario);
      if (seeded > 0) log.info({ entries: seeded }, 'demo history signed and entered');
    }
    await cellServices.record.checkpointer.signPending();
    cellServices.record.checkpointer.start();
    const live = await openLiveRuntime(cellServices, config);
    const app = await buildApp(cellServices, live, {
      version: VERSION,
      webDir: config.webDir,
      bodyLimitBytes: config.bodyLimitBytes,
      trustProxy: config.trustProxy,
      https: config.tlsCert && config.tlsKey ? { cert: fs.readFileSync(config.tlsCert), key: fs.readFileSync(config.tlsKey) } : undefined,
    });
    await app.listen({ port: config.port, host: config.host });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const scheme = config.tlsCert ? 'https' : 'http';
    const url = `${scheme}://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
    log.info({ url, db: database.engine, location: database.location }, 'fusion cell listening');
    let closing: Promise<void> | undefined;
    return {
      url,
      port,
      config,
      services: cellServices,
      live,
      initialized,
      routes: routeTableOf(app),
      close: () => {
        closing ??= (async () => {
          await live.hub.close();
          await app.close();
          await cellServices.record.queue.drain();
          await live.close();
          await cellServices.record.checkpointer.stop();
          await database.close();
        })();
        return closing;
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
