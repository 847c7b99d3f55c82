import { ITEM_TYPES } from '@fusion-cell/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALLERS, compartmentProbes, describeCaller } from './authorization-cell.ts';
import { mismatches, runCases } from './authorization-case.ts';
import { CONCURRENCY, openWorld, type World } from './authorization-world.ts';
import { mapBounded } from './bounded.ts';
import type { EngineSetup, TestStorage } from './engines.ts';
import { ITEM_MATRIX } from './item-matrix.ts';
import { casesOf, sessionDisagreements, staleRules, uncoveredRoutes } from './matrix-assembly.ts';
import { ROUTE_RULES } from './route-matrix.ts';
import { subscribeToEach, upgradeStatus } from './stream-probe.ts';

/**
 * Authorization as a matrix: every party kind × role asks every route, every item type in
 * every compartment kind, and every stream subscription, of compartments it is in, is not in,
 * and that do not exist; each answer is the one the matrix expects. What a party may not see
 * answers byte for byte as what does not exist.
 */
/**
 * Thousands of requests per engine (each item type's cases set up the record they act on: a
 * dispute moved to its stage, agreed minutes): ample room on a busy machine, still a bound on a
 * hung server.
 */
const MATRIX_TIMEOUT_MS = 150_000;

/** The whole matrix on one engine: each engine's file runs its own, so the two run side by side. */
export function describeAuthorizationMatrix(setup: EngineSetup): void {
  describe(`the authorization matrix on ${setup.engine}`, () => {
    let storage: TestStorage;
    let world: World;
    const itemRules = ROUTE_RULES.filter((rule) => rule.route === 'POST /api/v1/items');
    const otherRules = ROUTE_RULES.filter((rule) => rule.route !== 'POST /api/v1/items');

    beforeAll(async () => {
      storage = await setup.create();
      world = await openWorld(storage);
    });

    afterAll(async () => {
      await world?.server.close();
      await storage?.cleanup();
    });

    it('covers every route the server serves, and no route it does not', () => {
      const live = world.server.handle.routes;
      expect(uncoveredRoutes(live, ROUTE_RULES), 'routes the matrix does not cover: add a rule to support/route-matrix.ts').toEqual([]);
      expect(staleRules(live, ROUTE_RULES), 'rules for routes the server does not serve').toEqual([]);
      expect(sessionDisagreements(live, ROUTE_RULES)).toEqual([]);
    });

    it('covers every item type the registry declares', () => {
      expect(Object.keys(ITEM_MATRIX).sort(), 'item types the matrix does not cover: add them to support/item-matrix.ts').toEqual(Object.keys(ITEM_TYPES).sort());
    });

    it('answers every route as the matrix says, to every party kind and role and to strangers', async () => {
      const cases = await casesOf(otherRules, world);
      const answers = await runCases(world.url, cases, CONCURRENCY);
      expect(mismatches(cases, answers)).toEqual([]);
    }, MATRIX_TIMEOUT_MS);

    it('opens the stream to members only, and answers a subscription to a hidden compartment as one to a missing compartment', async () => {
      expect(await upgradeStatus(world.url, undefined)).toBe(401);
      const problems: string[] = [];
      await mapBounded(CALLERS, CONCURRENCY / 2, async (caller) => {
        const probes = compartmentProbes(caller);
        const answers = await subscribeToEach(world.url, world.cookieOf(caller), probes.map((probe) => probe.id));
        for (const probe of probes) {
          const answer = answers.get(probe.id);
          const who = `${describeCaller(caller)} subscribing to ${probe.id} (${probe.relation})`;
          if (probe.relation === 'in') {
            if (answer?.type !== 'caught-up') problems.push(`${who}: expected caught-up, got ${answer?.raw}`);
            continue;
          }
          if (!answer?.raw.includes('"code":"not_found"')) problems.push(`${who}: expected not_found, got ${answer?.raw}`);
          const twin = probe.missingTwin ? answers.get(probe.missingTwin) : undefined;
          // The frame names the compartment the client asked about; past that echo, not one byte may differ.
          if (twin && answer && answer.raw !== twin.raw.replace(`"${probe.missingTwin}"`, `"${probe.id}"`)) {
            problems.push(`${who}: ${answer.raw} differs from ${twin.raw}`);
          }
        }
      });
      expect(problems).toEqual([]);
    });

    it('admits every item type exactly from whom and where the registry allows', async () => {
      const cases = await casesOf(itemRules, world);
      const answers = await runCases(world.url, cases, CONCURRENCY);
      expect(mismatches(cases, answers)).toEqual([]);
    }, MATRIX_TIMEOUT_MS);
  });
}
