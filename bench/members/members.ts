// A thousand members: how many simulated members the cell holds on this machine before
// Mattermost's health criteria fail, on SQLite (one server process) and on PostgreSQL (two
// server processes sharing one database, fanning out through LISTEN/NOTIFY).
import os from 'node:os';
import { postgresAvailable } from '../../test-support/environment.ts';
import { figure, notMeasured, type Figure } from '../results.ts';
import { Crowd } from './crowd.ts';
import { prepareMemberCell, type Engine, type MemberCell } from './member-cell.ts';
import { planFromEnvironment, HEALTH, type RampPlan } from './ramp-plan.ts';
import { runRamp, type RampOutcome, type StepResult } from './ramp.ts';
import { productionServer } from '../production-server.ts';
import { ServerProcess } from './server-process.ts';

/**
 * Mattermost's reference architecture for up to 200 users: one app node of 2 vCPUs (with a
 * database of its own). A published figure, not measured here.
 */
const MATTERMOST_USERS_PER_2_VCPU_NODE = 200;
const GOAL_MEMBERS = 1000;
/** Accounts beyond the cap, so a member whose join failed never leaves the next step short. */
const SPARE_ACCOUNTS = 100;

const LABELS: Record<Engine, string> = { sqlite: 'SQLite, 1 instance', postgres: 'PostgreSQL, 2 instances' };
const PROCESSES: Record<Engine, number> = { sqlite: 1, postgres: 2 };

export async function measureMembers(engine: Engine): Promise<Figure[]> {
  const label = LABELS[engine];
  if (engine === 'postgres' && !(await postgresAvailable())) return notMeasuredAll(label, 'PostgreSQL is not reachable at TEST_DATABASE_URL');
  const plan = planFromEnvironment();
  const started = performance.now();
  let cell: MemberCell | undefined;
  const servers: ServerProcess[] = [];
  let crowd: Crowd | undefined;
  try {
    cell = await prepareMemberCell(engine, plan.capMembers + SPARE_ACCOUNTS, PROCESSES[engine]);
    console.error(`  members (${label}): cell with ${cell.logins.length} crowd members ready in ${seconds(started)} s`);
    const command = productionServer();
    for (const dataDir of cell.dataDirs) servers.push(await ServerProcess.start({ command, dataDir, databaseUrl: cell.databaseUrl, nodeArgs: process.env['MEMBERS_SERVER_NODE_ARGS']?.split(' ').filter(Boolean) }));
    crowd = await Crowd.start({ cellId: cell.cellId, baseUrls: servers.map((server) => server.url), behaviour: plan.behaviour });
    const outcome = await runRamp(
      plan,
      crowd,
      cell.logins,
      servers.map((server) => server.pid),
      engine === 'postgres',
      `members (${label})`,
    );
    for (const server of servers) if (!server.alive) console.error(`  members (${label}): a server process died; the end of its output:\n${server.recentOutput}`);
    console.error(`  members (${label}): ${describeOutcome(outcome, plan)}; ${seconds(started)} s in all on ${os.availableParallelism()} cores`);
    return figuresOf(label, outcome, plan);
  } catch (error) {
    console.error(`  members (${label}):`, error);
    return notMeasuredAll(label, `the run failed: ${(error as Error).message.split('\n')[0] ?? ''}`);
  } finally {
    await crowd?.close().catch(() => undefined);
    for (const [n, server] of servers.entries()) {
      await server.stop();
      for (const problem of server.loggedProblems.slice(0, 5)) {
        console.error(`  members (${label}): server ${n + 1} logged ${problem.count}× "${problem.what}"${whereInTheServer(problem.example)}`);
      }
    }
    await cell?.dispose();
  }
}

function describeOutcome(outcome: RampOutcome, plan: RampPlan): string {
  const held = outcome.held ? `held ${outcome.held.members} members` : 'held no step';
  if (outcome.ended === 'cap') return `${held}: the cap of ${plan.capMembers}`;
  if (outcome.ended === 'time') return `${held} when the ramp's ${plan.budgetMs / 1000} s were up`;
  const failing = outcome.steps[outcome.steps.length - 1] as StepResult;
  return `${held}; ${failing.target} failed: ${failing.failures.join('; ')}`;
}

function figuresOf(label: string, outcome: RampOutcome, plan: RampPlan): Figure[] {
  const held = outcome.held;
  const members = held?.members ?? 0;
  const failing = outcome.ended === 'failed' ? outcome.steps[outcome.steps.length - 1] : undefined;
  const figures: Figure[] = [
    figure(
      `concurrent members held (${label}) vs Mattermost's 200 users per 2-vCPU app node`,
      members,
      'members',
      MATTERMOST_USERS_PER_2_VCPU_NODE,
      `>= ${GOAL_MEMBERS} (baseline: Mattermost's published reference architecture, not measured here)`,
      members >= GOAL_MEMBERS,
    ),
    failing
      ? figure(
          `members at the first failing step (${label})`,
          failing.target,
          'members',
          null,
          `informative: ${failing.failures.join('; ')} (other processes used ${failing.otherCpu.toFixed(0)}% of the machine meanwhile${failing.retries ? `; held again ${failing.retries}×` : ''})`,
          true,
        )
      : notMeasured(`members at the first failing step (${label})`, outcome.ended === 'cap' ? `no step failed up to the cap of ${plan.capMembers}` : `no step failed before the ramp's ${plan.budgetMs / 1000} s were up`, 'members', 'informative'),
  ];
  const at = `at the held step (${label})`;
  if (!held) {
    const reason = `no step held; the first, of ${failing?.target ?? 0} members, failed: ${failing?.failures.join('; ') ?? ''}`;
    return [...figures, ...['mean request', 'p99 request', '5xx rate', 'server CPU'].map((what) => notMeasured(`${what} ${at}`, reason))];
  }
  const { all } = held.window;
  const informative = (what: string, value: number, unit: string, criterion: string) =>
    Number.isNaN(value) ? notMeasured(`${what} ${at}`, 'could not be read', unit, criterion) : figure(`${what} ${at}`, value, unit, null, `informative (${criterion})`, true);
  return [
    ...figures,
    informative('mean request', all.mean, 'ms', `criterion < ${HEALTH.maxMeanMs} ms`),
    informative('p99 request', all.p99, 'ms', `criterion < ${HEALTH.maxP99Ms} ms`),
    informative('5xx rate (with requests never answered)', all.count ? ((all.serverErrors + all.noAnswer) / all.count) * 100 : 0, '%', `criterion < ${HEALTH.maxServerErrorShare * 100}%`),
    informative('server CPU, share of all cores', held.serverCpu, '%', `criterion < ${HEALTH.maxServerCpuShare * 100}%`),
    informative('members process CPU, share of all cores', held.crowdCpu, '%', 'shares the cores with the server'),
    informative('PostgreSQL CPU, share of all cores', held.postgresCpu, '%', 'every PostgreSQL process on the machine'),
    informative('other processes CPU, share of all cores', held.otherCpu, '%', 'the machine is shared: what else ran meanwhile'),
    informative('server memory (RSS, all instances)', held.serverRss, 'MiB', 'at the end of the step'),
    informative('stream send→delivery p99', held.window.delivery.p99, 'ms', `over ${held.window.delivery.count} deliveries of the step`),
  ].filter((entry) => !(label.startsWith('SQLite') && entry.name.startsWith('PostgreSQL')));
}

/** The server's own frames of a logged error's stack: where to look. */
function whereInTheServer(logLine: string): string {
  let stack = '';
  try {
    stack = String((JSON.parse(logLine) as { err?: { stack?: unknown } }).err?.stack ?? '');
  } catch {
    return '';
  }
  const frames = stack
    .split('\n')
    .filter((line) => line.includes('/packages/server/src/'))
    .map((line) => line.trim().replace(/\(?(file:\/\/)?\/\S*\/packages\//, '(packages/'))
    .slice(0, 6);
  return frames.length ? `, at:\n    ${frames.join('\n    ')}` : '';
}

function notMeasuredAll(label: string, reason: string): Figure[] {
  return [notMeasured(`concurrent members held (${label}) vs Mattermost's 200 users per 2-vCPU app node`, reason, 'members', `>= ${GOAL_MEMBERS}`)];
}

function seconds(since: number): string {
  return ((performance.now() - since) / 1000).toFixed(0);
}
