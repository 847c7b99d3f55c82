// The sizes of the peer comparison: the by default, smaller ones through the
// environment for a quick run while developing.
import type { PeerStorage } from './prosody-config.ts';

export interface PeerSizes {
  /** Members in the room (XMPP) and stream clients on plenary (cell): BENCH_PEER_MEMBERS. */
  members: number;
  /** Messages a second sent to them by one member: BENCH_PEER_RATE. */
  perSecond: number;
  /** Seconds of timed load after the warm-up: BENCH_PEER_SECONDS. */
  seconds: number;
  /** Seconds of load before it, delivered and counted but not timed: BENCH_PEER_WARMUP_SECONDS. */
  warmupSeconds: number;
  /** How long deliveries are awaited after the last send, in ms: BENCH_PEER_DRAIN_MS. */
  drainMs: number;
  /** Sends one after another, each waiting for its acknowledgment: BENCH_PEER_SENDS. */
  sends: number;
  /**
   * Sends before them, not timed: BENCH_PEER_WARMUP_SENDS. As many as the timed ones, so that
   * both servers are measured as they run for days, not while V8 is still compiling the cell's
   * hot paths (the first thousand sends cost it 1.7× the CPU of the later ones); what the
   * warm-up cost is reported beside.
   */
  warmupSends: number;
  /**
   * Where Prosody's room archive is kept (prosody-config.ts), BENCH_PEER_STORAGE for both
   * suites. By default the fan-out uses `internal`, the peer at its fastest (no fsync), and the
   * sequential sends `sql`, whose acknowledgment is durable as the cell's receipt is (fsync).
   */
  fanOutStorage: PeerStorage;
  sendsStorage: PeerStorage;
}

export function peerSizes(env: NodeJS.ProcessEnv = process.env): PeerSizes {
  const whole = (name: string, fallback: number, least: number) => {
    const text = env[name];
    if (text === undefined || text === '') return fallback;
    const value = Number(text);
    if (!Number.isInteger(value) || value < least) throw new Error(`${name} must be a whole number ≥ ${least}, not ${text}`);
    return value;
  };
  const storage = env['BENCH_PEER_STORAGE'] || undefined;
  if (storage !== undefined && storage !== 'sql' && storage !== 'internal') throw new Error(`BENCH_PEER_STORAGE must be sql or internal, not ${storage}`);
  return {
    members: whole('BENCH_PEER_MEMBERS', 600, 1),
    perSecond: whole('BENCH_PEER_RATE', 200, 1),
    seconds: whole('BENCH_PEER_SECONDS', 10, 1),
    warmupSeconds: whole('BENCH_PEER_WARMUP_SECONDS', 2, 0),
    drainMs: whole('BENCH_PEER_DRAIN_MS', 30_000, 0),
    sends: whole('BENCH_PEER_SENDS', 3000, 1),
    warmupSends: whole('BENCH_PEER_WARMUP_SENDS', 3000, 0),
    fanOutStorage: storage ?? 'internal',
    sendsStorage: storage ?? 'sql',
  };
}
