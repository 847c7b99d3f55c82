// The ramp: members added step by step, each step's health measured over its window, until a
// step fails a criterion, the cap is reached or the time is up.
import type { Crowd } from './crowd.ts';
import type { DeliveryCheck, MemberLogin, WindowReport } from './crowd-protocol.ts';
import { cpuSeconds, machineBusySeconds, memoryMiB, postgresCpuSeconds, shareOfMachine } from '../process-usage.ts';
import { HEALTH, type RampPlan } from './ramp-plan.ts';

export interface StepResult {
  /** The members the step was to hold, and those that joined. */
  target: number;
  members: number;
  joinFailures: number;
  joinErrors: string[];
  window: WindowReport;
  delivery: DeliveryCheck;
  /** Shares of the machine's cores, in %, over the window. */
  serverCpu: number;
  crowdCpu: number;
  /** NaN without PostgreSQL (or when it could not be read). */
  postgresCpu: number;
  /** Every other process on the machine: another's build or test slows the server down too. */
  otherCpu: number;
  /** How many times this step was held again because other processes disturbed it. */
  retries: number;
  /** Of the server processes together, in MiB. */
  serverRss: number;
  serverPeakRss: number;
  /** The criteria this step failed, in words; empty when it held. */
  failures: string[];
}

export interface RampOutcome {
  steps: StepResult[];
  /** The last step that held, if any. */
  held: StepResult | undefined;
  /** Why the ramp ended: the first failing step, the cap or the time limit. */
  ended: 'failed' | 'cap' | 'time';
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Other processes using more than this share of the machine during a failing step (another's
 * build or test suite on the same two cores) make the step count as disturbed: it is held
 * again, up to MAX_RETRIES times, before its failure counts.
 */
const DISTURBED_SHARE = 25;
const MAX_RETRIES = 2;
/** Before holding a disturbed step again, how long to wait for the other processes to calm down. */
const QUIET_WAIT_MS = 30_000;

export async function runRamp(plan: RampPlan, crowd: Crowd, logins: MemberLogin[], serverPids: number[], withPostgres: boolean, label: string): Promise<RampOutcome> {
  const steps: StepResult[] = [];
  const rampStarted = performance.now();
  let members = 0;
  for (let target = Math.min(plan.firstMembers, plan.capMembers); ; target = Math.min(target + plan.stepMembers, plan.capMembers)) {
    const newcomers = logins.slice(members, target).map((login, n) => ({ ...login, index: members + n }));
    let step = await measureStep(plan, crowd, newcomers, serverPids, withPostgres);
    members += step.joined;
    Object.assign(step.result, { members, target });
    step.result.failures = failuresOf(step.result);
    console.error(describeStep(label, step.result));
    // A retry holds the same members again, without the logins of the step.
    const timeLeft = () => performance.now() - rampStarted < plan.budgetMs;
    for (let retry = 1; retry <= MAX_RETRIES && step.result.failures.length > 0 && step.result.otherCpu > DISTURBED_SHARE && timeLeft(); retry++) {
      console.error(`  ${label}: other processes used ${step.result.otherCpu.toFixed(0)}% of the machine during the step: holding it again (${retry} of ${MAX_RETRIES})`);
      await quieter(serverPids, crowd.pid, withPostgres, QUIET_WAIT_MS);
      const joinErrors = step.result.joinErrors;
      step = await measureStep(plan, crowd, [], serverPids, withPostgres);
      Object.assign(step.result, { members, target, retries: retry, joinErrors });
      step.result.failures = failuresOf(step.result);
      console.error(describeStep(label, step.result));
    }
    steps.push(step.result);
    if (step.result.failures.length > 0) return { steps, held: steps[steps.length - 2], ended: 'failed' };
    if (target >= plan.capMembers) return { steps, held: step.result, ended: 'cap' };
    if (!timeLeft()) return { steps, held: step.result, ended: 'time' };
  }
}

/** Joins the newcomers (spread over the step's start), holds the step and measures its window. */
async function measureStep(plan: RampPlan, crowd: Crowd, newcomers: Array<MemberLogin & { index: number }>, serverPids: number[], withPostgres: boolean): Promise<{ joined: number; result: StepResult }> {
  const before = sample(serverPids, crowd.pid, withPostgres);
  await crowd.mark();
  const started = performance.now();
  // Joins that take four steps' time count as failed: the ramp ends there.
  const joined = await crowd.join(newcomers, plan.joinSpreadMs, plan.stepMs * 4).catch((error: unknown) => ({ joined: 0, failed: newcomers.length, errors: [(error as Error).message] }));
  const rest = plan.stepMs - (performance.now() - started);
  if (rest > 0) await sleep(rest);
  const window = await crowd.report();
  const after = sample(serverPids, crowd.pid, withPostgres);
  const delivery = await crowd.checkDelivery(plan.deliveryGraceMs);
  const seconds = (after.at - before.at) / 1000;
  const share = (key: keyof Omit<Sample, 'at'>) => shareOfMachine(after[key] - before[key], seconds);
  const memory = serverPids.map(memoryMiB);
  const accounted = share('server') + share('crowd') + (withPostgres ? share('postgres') : 0);
  const result: StepResult = {
    target: 0,
    members: 0,
    joinFailures: joined.failed,
    joinErrors: joined.errors,
    window,
    delivery,
    serverCpu: share('server'),
    crowdCpu: share('crowd'),
    postgresCpu: share('postgres'),
    otherCpu: Math.max(0, share('machine') - accounted),
    retries: 0,
    serverRss: memory.reduce((sum, entry) => sum + entry.rss, 0),
    serverPeakRss: memory.reduce((sum, entry) => sum + entry.peak, 0),
    failures: [],
  };
  return { joined: joined.joined, result };
}

/** Waits (at most `limitMs`) for a second in which other processes use less than DISTURBED_SHARE of the machine. */
async function quieter(serverPids: number[], crowdPid: number, withPostgres: boolean, limitMs: number): Promise<void> {
  const started = performance.now();
  while (performance.now() - started < limitMs) {
    const before = sample(serverPids, crowdPid, withPostgres);
    await sleep(1000);
    const after = sample(serverPids, crowdPid, withPostgres);
    const seconds = (after.at - before.at) / 1000;
    const ours = after.server - before.server + (after.crowd - before.crowd) + (withPostgres ? after.postgres - before.postgres : 0);
    if (shareOfMachine(after.machine - before.machine - ours, seconds) < DISTURBED_SHARE) return;
  }
}

interface Sample {
  at: number;
  server: number;
  crowd: number;
  postgres: number;
  machine: number;
}

function sample(serverPids: number[], crowdPid: number, withPostgres: boolean): Sample {
  return {
    at: performance.now(),
    server: serverPids.reduce((sum, pid) => sum + cpuSeconds(pid), 0),
    crowd: cpuSeconds(crowdPid),
    postgres: withPostgres ? postgresCpuSeconds() : NaN,
    machine: machineBusySeconds(),
  };
}

/** Mattermost's criteria, and the stream's: every member joined and received every entry. */
function failuresOf(step: StepResult): string[] {
  const { all } = step.window;
  const failures: string[] = [];
  const failedShare = all.count ? (all.serverErrors + all.noAnswer) / all.count : 0;
  if (failedShare >= HEALTH.maxServerErrorShare) failures.push(`5xx or no answer ${percent(failedShare * 100, 3)} of ${all.count} requests (< ${HEALTH.maxServerErrorShare * 100}%)`);
  if (!(all.mean < HEALTH.maxMeanMs)) failures.push(`mean request ${all.mean.toFixed(1)} ms (< ${HEALTH.maxMeanMs})`);
  if (!(all.p99 < HEALTH.maxP99Ms)) failures.push(`p99 request ${all.p99.toFixed(0)} ms (< ${HEALTH.maxP99Ms})`);
  if (!(step.serverCpu < HEALTH.maxServerCpuShare * 100)) failures.push(`server CPU ${percent(step.serverCpu)} of the machine (< ${HEALTH.maxServerCpuShare * 100}%)`);
  if (step.joinFailures > 0 || step.members < step.target) failures.push(`${step.target - step.members} of ${step.target} members could not join: ${step.joinErrors[0] ?? ''}`);
  if (step.delivery.lagging > 0) failures.push(`${step.delivery.lagging} of ${step.delivery.subscriptions} stream subscriptions still missing entries ${step.delivery.ms.toFixed(0)} ms after the step`);
  return failures;
}

function percent(value: number, digits = 1): string {
  return `${value.toFixed(digits)}%`;
}

function describeStep(label: string, step: StepResult): string {
  const { window } = step;
  const { all } = window;
  const kinds = Object.entries(window.byKind)
    .map(([kind, summary]) => `${kind} ${summary.count} ${summary.mean.toFixed(0)}/${summary.p99.toFixed(0)}${summary.clientErrors ? ` 4xx ${summary.clientErrors}` : ''}`)
    .join(', ');
  const lines = [
    `  ${label}: ${step.members === step.target ? step.members : `${step.members} of ${step.target}`} members, ${(window.ms / 1000).toFixed(0)} s: ${all.count} requests, mean ${all.mean.toFixed(1)} ms, p99 ${all.p99.toFixed(0)} ms, 5xx ${all.serverErrors}, no answer ${all.noAnswer}, 4xx ${all.clientErrors}; ` +
      `CPU server ${percent(step.serverCpu)} crowd ${percent(step.crowdCpu)}${Number.isNaN(step.postgresCpu) ? '' : ` postgres ${percent(step.postgresCpu)}`} others ${percent(step.otherCpu)} of the machine; ` +
      `server RSS ${step.serverRss.toFixed(0)} MiB (peak ${step.serverPeakRss.toFixed(0)}); ` +
      `delivery p50/p99 ${window.delivery.p50.toFixed(0)}/${window.delivery.p99.toFixed(0)} ms over ${window.delivery.count}, lagging ${step.delivery.lagging}/${step.delivery.subscriptions}; ` +
      `stream closes ${window.unexpectedCloses}, error frames ${window.errorFrames}; crowd loop delay p99 ${window.loopDelayP99.toFixed(0)} ms` +
      (step.failures.length ? ` — FAILS: ${step.failures.join('; ')}` : ' — holds'),
    `    by kind (count mean/p99 ms): ${kinds}`,
  ];
  if (window.errors.length > 0) lines.push(`    errors: ${window.errors.slice(0, 5).join(' | ')}`);
  return lines.join('\n');
}
