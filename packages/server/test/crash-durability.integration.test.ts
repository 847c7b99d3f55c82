import { afterAll, describe, expect, it } from 'vitest';
import { killAllChildServers } from './support/child-server.ts';
import { runCrashCycles } from './support/crash-cycles.ts';
import { ENGINES, type TestStorage } from './support/engines.ts';

/** Enough to cross a crash with requests in flight several times; `npm run soak` does hundreds. */
const CYCLES = 3;
const WRITERS = 3;
const LANES_PER_WRITER = 4;

const storages: TestStorage[] = [];

afterAll(async () => {
  // SIGKILL whatever is still running, whatever failed, before the storage goes away.
  await killAllChildServers();
  await Promise.all(storages.map((storage) => storage.cleanup()));
});

// Both engines at once: most of a cycle is a server process starting, which waits on the disk
// and the database as much as on a core.
describe.concurrent('nothing acknowledged is lost when the server is killed', () => {
  describe.each(ENGINES)('on $engine', (setup) => {
    it(`keeps every acknowledged item exactly once through ${CYCLES} SIGKILLs, and the export verifies`, { timeout: 120_000 }, async () => {
      const storage = await setup.create();
      storages.push(storage);
      const figures = await runCrashCycles({
        dataDir: storage.dataDir,
        databaseUrl: storage.databaseUrl,
        cycles: CYCLES,
        writers: WRITERS,
        lanesPerWriter: LANES_PER_WRITER,
        killAfterMs: [100, 700],
        exportEvery: 1,
      });
      console.info(
        `crash durability on ${setup.engine}: ${figures.cycles} cycles, ${figures.sent} sent, ${figures.acknowledged} acknowledged ` +
          `(${figures.acknowledgedBeforeKill} before a kill), ${figures.resent} resent (${figures.resentAlreadyAppended} already in the log), ` +
          `${figures.lost} lost, ${figures.duplicated} duplicated, ${figures.exportsVerified} exports verified, ${Math.round(figures.ms)} ms ${JSON.stringify(figures.phases, (_key, value: unknown) => (typeof value === 'number' ? Math.round(value) : value))}`,
      );
      expect(figures.cycles).toBe(CYCLES);
      // Requests were in flight when the server died: otherwise nothing was tested.
      expect(figures.resent).toBeGreaterThan(0);
      expect(figures.refusals).toEqual([]);
      expect(figures.stillPending).toBe(0);
      expect(figures.acknowledged).toBe(figures.sent);
      expect(figures).toMatchObject({ lost: 0, duplicated: 0, misplaced: 0, exportsFailed: 0, exportsVerified: CYCLES });
      expect(figures.examples).toEqual([]);
      expect(figures.exportFailures).toEqual([]);
    });
  });
});
