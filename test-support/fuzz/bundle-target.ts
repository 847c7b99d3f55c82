// Offline verification of export bundles (SPEC.md R16–R38): a bundle built from any plan
// verifies; damage to anything the log or a device signed never verifies; whatever the
// input, verifyBundle reports (it never throws) and names only failure codes of the closed
// list, each with its rule. A share of the inputs is also checked with the WebCrypto suite,
// which must reach the same verdicts.

import { FAILURE_CODES, FAILURE_RULES, verifyBundle, webCryptoVerifier, type Bundle, type VerificationReport } from '@fusion-cell/record';
import { nodeVerifier } from '@fusion-cell/record/node';
import fc from 'fast-check';
import { buildCell, cellPlans, type CellPlan } from './bundle-builder.ts';
import { damagesOf, type DamagedBundle } from './bundle-mutations.ts';
import { accepted, crash, describeThrown, invalidAccepted, refused, validRefused, type FuzzTarget, type Verdict } from './fuzz-target.ts';

export type BundleInput =
  | { kind: 'fresh'; plan: CellPlan; bothSuites: boolean }
  | { kind: 'valid'; bundle: Bundle; bothSuites: boolean }
  | { kind: 'damaged'; damaged: DamagedBundle; bothSuites: boolean };

const verifier = nodeVerifier();
const codes = new Set<string>(FAILURE_CODES);

/** The report's own contract: closed codes with their rules, `ok` exactly when nothing failed. */
function contractProblem(report: VerificationReport): string | undefined {
  if (report.ok !== (report.failures.length === 0)) return `ok is ${report.ok} with ${report.failures.length} failures`;
  for (const failure of report.failures) {
    if (!codes.has(failure.code)) return `failure code ${failure.code} is not in the closed list`;
    if (failure.rule !== FAILURE_RULES[failure.code]) return `failure ${failure.code} names rule ${failure.rule}`;
    if (typeof failure.message !== 'string') return `failure ${failure.code} has no message`;
  }
  return undefined;
}

const summary = (report: VerificationReport) => [...new Set(report.failures.map((failure) => failure.code))].sort().join(',');

async function verifyBoth(value: unknown, bothSuites: boolean): Promise<{ report: VerificationReport } | { verdict: Verdict }> {
  let report: VerificationReport;
  try {
    report = await verifyBundle(value, { verifier });
  } catch (error) {
    return { verdict: crash(`verifyBundle threw ${describeThrown(error)}`) };
  }
  const problem = contractProblem(report);
  if (problem) return { verdict: crash(problem) };
  if (bothSuites) {
    let other: VerificationReport;
    try {
      other = await verifyBundle(value, { verifier: webCryptoVerifier() });
    } catch (error) {
      return { verdict: crash(`verifyBundle with WebCrypto threw ${describeThrown(error)}`) };
    }
    if (summary(other) !== summary(report)) return { verdict: crash(`node:crypto found [${summary(report)}], WebCrypto [${summary(other)}]`) };
  }
  return { report };
}

async function judgeBundle(input: BundleInput): Promise<Verdict> {
  const value = input.kind === 'fresh' ? (await buildCell(input.plan)).bundle : input.kind === 'valid' ? input.bundle : input.damaged.value;
  const result = await verifyBoth(value, input.bothSuites);
  if ('verdict' in result) return result.verdict;
  const { report } = result;
  if (input.kind !== 'damaged') {
    return report.ok ? accepted : validRefused(`a sound bundle failed: ${report.failures.map((failure) => `${failure.code}: ${failure.message}`).join('; ').slice(0, 500)}`);
  }
  if (report.ok && input.damaged.mustFail) {
    const where = input.damaged.mutation ? ` (${input.damaged.mutation.kind} at ${JSON.stringify(input.damaged.mutation.path)})` : '';
    return invalidAccepted(`a bundle with ${input.damaged.damage}${where} verifies`);
  }
  return report.ok ? accepted : refused;
}

/** Bundles to start from, built once: building signs every entry, which costs more than verifying. */
export async function buildBundlePool(size: number, seed = 42): Promise<Bundle[]> {
  const plans = fc.sample(cellPlans, { numRuns: size, seed });
  const pool: Bundle[] = [];
  for (const plan of plans) pool.push((await buildCell(plan)).bundle);
  return pool;
}

/** The bundle verifier over fresh bundles, bundles of the pool, and damaged ones. */
export function bundleTarget(pool: readonly Bundle[]): FuzzTarget<BundleInput> {
  const bothSuites = fc.nat({ max: 9 }).map((n) => n === 0);
  const fromPool = fc.constantFrom(...pool);
  return {
    name: 'bundles (verify)',
    inputs: fc.oneof(
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('fresh' as const), plan: cellPlans, bothSuites }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('valid' as const), bundle: fromPool, bothSuites }) },
      { weight: 6, arbitrary: fc.record({ kind: fc.constant('damaged' as const), damaged: fromPool.chain(damagesOf), bothSuites }) },
    ),
    judge: judgeBundle,
  };
}
