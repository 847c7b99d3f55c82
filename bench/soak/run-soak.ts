// npm run soak: the crash-durability cycle of the integration tests, hundreds of times. The
// real server runs in a child process and is killed with SIGKILL while writers have requests
// in flight; after each restart every envelope without a receipt is sent again, and the log
// must hold every acknowledged item exactly once. Figures go to bench/out/soak.json.
import { killAllChildServers } from '../../packages/server/test/support/child-server.ts';
import { runCrashCycles } from '../../packages/server/test/support/crash-cycles.ts';
import { checkRebuild } from './rebuild-check.ts';
import { readSoakOptions, SOAK_USAGE, type SoakEngine, type SoakOptions } from './soak-options.ts';
import { createSoakStorage } from './soak-storage.ts';
import { passed, printSoak, writeSoak, type EngineResult } from './soak-report.ts';

let options: SoakOptions;
try {
  options = readSoakOptions(process.argv.slice(2), process.env);
} catch (error) {
  console.error(`soak: ${(error as Error).message}\n\n${SOAK_USAGE}`);
  process.exit(2);
}

// Ctrl+C must not leave a server running on its own.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void killAllChildServers().finally(() => process.exit(130));
  });
}

const started = performance.now();
const endOfRun = Date.now() + options.minutes * 60_000;
const results: EngineResult[] = [];
for (const [position, engine] of options.engines.entries()) {
  // Each engine gets an equal share of what is left of the time bound.
  const deadline = Date.now() + (endOfRun - Date.now()) / (options.engines.length - position);
  results.push(await soakEngine(engine, deadline));
}
const ms = performance.now() - started;
printSoak(results, ms);
writeSoak(options.out, options, results, ms);
console.log(`written to ${options.out}`);
if (!results.every(passed)) process.exitCode = 1;

async function soakEngine(engine: SoakEngine, deadline: number): Promise<EngineResult> {
  const result: EngineResult = { engine, figures: undefined, rebuild: undefined, error: undefined, keptData: undefined };
  let storage;
  try {
    storage = await createSoakStorage(engine);
  } catch (error) {
    return { ...result, error: `no storage for ${engine}: ${(error as Error).message}` };
  }
  console.error(`soak on ${engine}: up to ${options.cycles} cycles, ${options.writers} writers × ${options.lanesPerWriter} requests in flight, until ${new Date(deadline).toLocaleTimeString()}`);
  try {
    result.figures = await runCrashCycles({
      dataDir: storage.dataDir,
      databaseUrl: storage.databaseUrl,
      cycles: options.cycles,
      writers: options.writers,
      lanesPerWriter: options.lanesPerWriter,
      killAfterMs: options.killAfterMs,
      exportEvery: options.exportEvery,
      deadline,
      onCycle: (figures) => {
        result.figures = figures;
        const problems = figures.lost + figures.duplicated + figures.misplaced + figures.refusals.length + figures.exportsFailed;
        if (figures.cycles % 10 === 0 || problems > 0) {
          console.error(`  cycle ${figures.cycles}: ${figures.acknowledged} acknowledged, ${figures.resent} resent, ${figures.lost} lost, ${figures.duplicated} duplicated, ${figures.exportsFailed} exports failed, ${(figures.ms / 1000).toFixed(0)} s`);
        }
      },
    });
    // The server is down now: compare what the crashes left beside the logs with the logs.
    result.rebuild = await checkRebuild(storage.dataDir, storage.databaseUrl);
  } catch (error) {
    result.error = error instanceof Error ? (error.stack ?? error.message) : String(error);
  }
  if (passed(result)) await storage.remove();
  else result.keptData = storage.describe();
  return result;
}
