import path from 'node:path';
import { parseArgs } from 'node:util';

export type SoakEngine = 'sqlite' | 'postgres';

export interface SoakOptions {
  engines: SoakEngine[];
  cycles: number;
  writers: number;
  lanesPerWriter: number;
  killAfterMs: [number, number];
  exportEvery: number;
  /** The whole run's time bound, all engines together. */
  minutes: number;
  out: string;
}

export const SOAK_USAGE = `npm run soak -- [options]      (each option also as an environment variable)
  --engine sqlite|postgres|both   SOAK_ENGINE         default both
  --cycles N                      SOAK_CYCLES         crash cycles per engine, default 200
  --writers N                     SOAK_WRITERS        concurrent writers, default 4
  --lanes N                       SOAK_LANES          requests in flight per writer, default 4
  --kill-after MIN-MAX            SOAK_KILL_AFTER_MS  the kill's random moment after writing starts, ms, default 100-1500
  --export-every N                SOAK_EXPORT_EVERY   verify an export every N cycles (and after the last), default 10
  --minutes M                     SOAK_MINUTES        stop starting cycles after M minutes in all, default 30
  --out FILE                      SOAK_OUT            default bench/out/soak.json
PostgreSQL is the server at TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test); each run uses a database of its own.`;

/** Flags first, then the environment, then the defaults; anything unreadable stops the run before it starts. */
export function readSoakOptions(argv: string[], env: NodeJS.ProcessEnv): SoakOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      engine: { type: 'string' },
      cycles: { type: 'string' },
      writers: { type: 'string' },
      lanes: { type: 'string' },
      'kill-after': { type: 'string' },
      'export-every': { type: 'string' },
      minutes: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(SOAK_USAGE);
    process.exit(0);
  }
  const setting = (flag: string | undefined, variable: string, fallback: string) => flag ?? (env[variable] || fallback);
  const engine = setting(values.engine, 'SOAK_ENGINE', 'both');
  if (engine !== 'sqlite' && engine !== 'postgres' && engine !== 'both') throw new Error(`--engine: must be sqlite, postgres or both, not ${engine}`);
  const killAfter = setting(values['kill-after'], 'SOAK_KILL_AFTER_MS', '100-1500');
  const window = /^(\d+)-(\d+)$/.exec(killAfter);
  if (!window || Number(window[1]) > Number(window[2])) throw new Error(`--kill-after: must be MIN-MAX in ms, such as 100-1500, not ${killAfter}`);
  return {
    engines: engine === 'both' ? ['sqlite', 'postgres'] : [engine],
    cycles: wholeNumber('--cycles', setting(values.cycles, 'SOAK_CYCLES', '200'), 1),
    writers: wholeNumber('--writers', setting(values.writers, 'SOAK_WRITERS', '4'), 1),
    lanesPerWriter: wholeNumber('--lanes', setting(values.lanes, 'SOAK_LANES', '4'), 1),
    killAfterMs: [Number(window[1]), Number(window[2])],
    exportEvery: wholeNumber('--export-every', setting(values['export-every'], 'SOAK_EXPORT_EVERY', '10'), 1),
    minutes: wholeNumber('--minutes', setting(values.minutes, 'SOAK_MINUTES', '30'), 1),
    out: path.resolve(setting(values.out, 'SOAK_OUT', path.join(import.meta.dirname, '..', 'out', 'soak.json'))),
  };
}

function wholeNumber(name: string, text: string, minimum: number): number {
  if (!/^\d{1,9}$/.test(text) || Number(text) < minimum) throw new Error(`${name}: must be a whole number of at least ${minimum}, not ${text}`);
  return Number(text);
}
