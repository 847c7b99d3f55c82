import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/**
 * A whole number: a number from a flag, or decimal digits from the environment. `Number()`
 * would read a blank as 0 and `0x50` as 80; those are refused instead.
 */
function wholeNumber(limits: (number: z.ZodNumber) => z.ZodNumber) {
  return z
    .union([z.number(), z.string().regex(/^[0-9]{1,15}$/).transform(Number)], { error: 'must be a whole number written in digits' })
    .pipe(limits(z.number().int()));
}

const Port = wholeNumber((number) => number.min(0).max(65_535));

/**
 * A yes/no setting: `true`/`false`/`1`/`0` (or a boolean from a flag). Anything else is
 * refused, so a typo or `TRUST_PROXY=no` never silently means the opposite of what was meant.
 */
const Switch = z.union([z.boolean(), z.enum(['true', 'false', '1', '0'])], { error: 'must be true, false, 1 or 0' }).transform((value) => value === true || value === 'true' || value === '1');

/** Settings of a server, from flags, then the environment, then defaults. */
export const ServerConfig = z.strictObject({
  port: Port.default(8080),
  host: z.string().min(1).default('127.0.0.1'),
  dataDir: z.string().min(1).default('./data'),
  databaseUrl: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional()
    .describe('PostgreSQL URL; unset means the embedded SQLite file in dataDir'),
  webDir: z.string().min(1).default(fileURLToPath(new URL('../../web/dist', import.meta.url))),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  trustProxy: Switch.default(false),
  tlsCert: z.string().optional().describe('PEM certificate file: serve HTTPS'),
  tlsKey: z.string().optional().describe('PEM private key file for tlsCert'),
  sessionIdleMinutes: wholeNumber((number) => number.positive()).default(8 * 60),
  sessionMaxHours: wholeNumber((number) => number.positive()).default(24),
  bodyLimitBytes: wholeNumber((number) => number.positive()).default(256 * 1024),
  checkpointIntervalMs: wholeNumber((number) => number.min(10)).default(1000),
  timerIntervalMs: wholeNumber((number) => number.min(10)).default(1000),
  heartbeatMs: wholeNumber((number) => number.min(100)).default(15_000),
  databaseConnectTimeoutMs: wholeNumber((number) => number.min(100)).optional().describe('how long to wait for a PostgreSQL connection before answering 503'),
  streamReplayBytesPerSecond: wholeNumber((number) => number.min(1024)).default(8 * 1024 * 1024).describe('stream backlog sent to one member per second, across its connections'),
  smtpUrl: z.string().regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL').optional().describe('where escalation emails are sent'),
  smtpFrom: z.string().min(3).default('fusion-cell@localhost'),
});
export type ServerConfig = z.infer<typeof ServerConfig>;
export type ServerConfigInput = z.input<typeof ServerConfig>;

const ENVIRONMENT: Record<string, keyof ServerConfig> = {
  PORT: 'port',
  HOST: 'host',
  DATA_DIR: 'dataDir',
  DATABASE_URL: 'databaseUrl',
  WEB_DIR: 'webDir',
  LOG_LEVEL: 'logLevel',
  TRUST_PROXY: 'trustProxy',
  TLS_CERT: 'tlsCert',
  TLS_KEY: 'tlsKey',
  SESSION_IDLE_MINUTES: 'sessionIdleMinutes',
  SESSION_MAX_HOURS: 'sessionMaxHours',
  DATABASE_CONNECT_TIMEOUT_MS: 'databaseConnectTimeoutMs',
  STREAM_REPLAY_BYTES_PER_SECOND: 'streamReplayBytesPerSecond',
  SMTP_URL: 'smtpUrl',
  SMTP_FROM: 'smtpFrom',
};

/** Environment variables read by {@link resolveConfig}, for help texts. */
export const CONFIG_ENVIRONMENT = Object.keys(ENVIRONMENT);

/**
 * Merges explicit settings over the environment and validates them. Empty variables count
 * as unset, so `DATABASE_URL=` selects SQLite.
 */
export function resolveConfig(explicit: ServerConfigInput = {}, env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const fromEnv: Record<string, string> = {};
  for (const [variable, key] of Object.entries(ENVIRONMENT)) {
    const value = env[variable];
    if (value !== undefined && value !== '') fromEnv[key] = value;
  }
  const defined = Object.fromEntries(Object.entries(explicit).filter(([, value]) => value !== undefined));
  const result = ServerConfig.safeParse({ ...fromEnv, ...defined });
  if (!result.success) {
    // Name the setting as it was given: the environment variable, or the option.
    const variableOf = (key: string) => (key in defined ? undefined : Object.entries(ENVIRONMENT).find(([, name]) => name === key)?.[0]);
    const problems = result.error.issues.map((issue) => {
      const key = issue.path.join('.');
      return `${variableOf(key) ?? (key || 'settings')}: ${issue.message}`;
    });
    throw new Error(`invalid settings: ${problems.join('; ')}`);
  }
  const config = result.data;
  return { ...config, dataDir: path.resolve(config.dataDir) };
}
