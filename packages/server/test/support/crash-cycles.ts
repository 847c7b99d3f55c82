import { setTimeout as sleep } from 'node:timers/promises';
import { ChildServer, readDemoLogins } from './child-server.ts';
import { compareWithReceipts, readLog, verifyExport } from './crash-check.ts';
import { CRASH_COMPARTMENT, openCrashWriters, type CrashWriter } from './crash-writers.ts';

export interface CrashRunOptions {
  dataDir: string;
  databaseUrl?: string | undefined;
  cycles: number;
  writers: number;
  /** Requests each writer keeps in flight. */
  lanesPerWriter: number;
  /** The kill comes at a random moment in this window after the writers start, in ms. */
  killAfterMs: readonly [number, number];
  /** Verify an export every this many cycles (and always after the last one). */
  exportEvery: number;
  /** No new cycle starts after this moment (Date.now()), so a run stays bounded in time. */
  deadline?: number;
  /** Told after every cycle, with the figures so far. */
  onCycle?: (figures: CrashFigures) => void;
}

export interface CrashFigures {
  cycles: number;
  sent: number;
  /** Distinct items with a receipt, first attempts and resends together. */
  acknowledged: number;
  acknowledgedBeforeKill: number;
  resent: number;
  /** Resent envelopes the log already held: committed, but the receipt never left. */
  resentAlreadyAppended: number;
  lost: number;
  duplicated: number;
  misplaced: number;
  /** A few of the ids behind the three counts above, to look for in the data a failed run kept. */
  examples: string[];
  /** Envelopes still without a receipt after the resends (none expected). */
  stillPending: number;
  /** Answers other than a receipt, and resends that got none (each a failure). */
  refusals: string[];
  exportsVerified: number;
  exportsFailed: number;
  exportFailures: string[];
  /** Entries in the log at the last check. */
  logEntries: number;
  ms: number;
  /** Where the time went, in ms: where a slow run should be looked at first. */
  phases: { starting: number; writing: number; resending: number; checking: number; exporting: number };
}

/**
 * Crash cycles against the real server in a child process: writers send signed messages
 * through concurrent requests, the server is killed with SIGKILL at a random moment, restarted
 * on the same data; every envelope without a receipt is sent again, then the log must hold
 * every acknowledged item exactly once, at the index its receipt gave, and the party's
 * export must verify.
 */
export async function runCrashCycles(options: CrashRunOptions): Promise<CrashFigures> {
  const started = performance.now();
  const figures = emptyFigures();
  const timed = async <T>(phase: keyof CrashFigures['phases'], work: () => Promise<T>): Promise<T> => {
    const from = performance.now();
    try {
      return await work();
    } finally {
      figures.phases[phase] += performance.now() - from;
    }
  };
  const start = () => timed('starting', () => ChildServer.start({ dataDir: options.dataDir, databaseUrl: options.databaseUrl }));
  let server = await start();
  try {
    const writers = await openCrashWriters(server.url, readDemoLogins(options.dataDir), options.writers);
    const runTag = `crash run ${Date.now().toString(36)}`;
    for (let cycle = 1; cycle <= options.cycles; cycle++) {
      await timed('writing', () => crashWhileWriting(server, writers, options, `${runTag} cycle ${cycle}`));
      server = await start();
      for (const writer of writers) writer.moveTo(server.url);
      await timed('resending', () => Promise.all(writers.map((writer) => writer.resendPending(options.lanesPerWriter))));

      const last = cycle === options.cycles || (options.deadline !== undefined && Date.now() >= options.deadline);
      const reader = (writers[0] as CrashWriter).session;
      const log = await timed('checking', () => readLog(reader, CRASH_COMPARTMENT));
      const comparison = compareWithReceipts(log, writers.flatMap((writer) => [...writer.acknowledged.values()]));
      Object.assign(figures, totalsOf(writers), {
        cycles: cycle,
        lost: comparison.lost.length,
        duplicated: comparison.duplicated.length,
        misplaced: comparison.misplaced.length,
        examples: [
          ...comparison.lost.slice(0, 5).map((id) => `lost ${id}`),
          ...comparison.duplicated.slice(0, 5).map((id) => `duplicated ${id}`),
          ...comparison.misplaced.slice(0, 5).map((id) => `misplaced ${id}`),
        ],
        logEntries: comparison.entries,
      });
      if (last || cycle % options.exportEvery === 0) {
        const exported = await timed('exporting', () => verifyExport(reader));
        if (exported.ok) figures.exportsVerified += 1;
        else {
          figures.exportsFailed += 1;
          figures.exportFailures.push(...exported.failures.map((failure) => `cycle ${cycle}: ${failure}`));
        }
      }
      figures.ms = performance.now() - started;
      options.onCycle?.({ ...figures });
      if (last) break;
    }
    return figures;
  } finally {
    await server.kill();
  }
}

/** Starts every writer, kills the server at a random moment, and waits until every writer has stopped. */
async function crashWhileWriting(server: ChildServer, writers: CrashWriter[], options: CrashRunOptions, label: string): Promise<void> {
  const writing = Promise.all(writers.map((writer) => writer.write(options.lanesPerWriter, label)));
  const [earliest, latest] = options.killAfterMs;
  await sleep(earliest + Math.random() * (latest - earliest));
  await server.kill();
  for (const writer of writers) writer.stop();
  await writing;
}

function totalsOf(writers: CrashWriter[]) {
  const sum = (pick: (writer: CrashWriter) => number) => writers.reduce((total, writer) => total + pick(writer), 0);
  return {
    sent: sum((writer) => writer.counts.sent),
    acknowledged: sum((writer) => writer.acknowledged.size),
    acknowledgedBeforeKill: sum((writer) => writer.counts.acknowledgedFirstTime),
    resent: sum((writer) => writer.counts.resent),
    resentAlreadyAppended: sum((writer) => writer.counts.resentAlreadyAppended),
    stillPending: sum((writer) => writer.pendingCount),
    refusals: writers.flatMap((writer) => writer.counts.refusals),
  };
}

function emptyFigures(): CrashFigures {
  return {
    cycles: 0,
    sent: 0,
    acknowledged: 0,
    acknowledgedBeforeKill: 0,
    resent: 0,
    resentAlreadyAppended: 0,
    lost: 0,
    duplicated: 0,
    misplaced: 0,
    examples: [],
    stillPending: 0,
    refusals: [],
    exportsVerified: 0,
    exportsFailed: 0,
    exportFailures: [],
    logEntries: 0,
    ms: 0,
    phases: { starting: 0, writing: 0, resending: 0, checking: 0, exporting: 0 },
  };
}
