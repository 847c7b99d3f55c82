// How the crowd grows and what it must keep up: Mattermost's health criteria for a load test
// (HTTP 5xx under 0.025%, mean request under 100 ms, p99 under 2 s, app CPU under 85%), and
// the stream delivering everything.
import type { Behaviour } from './crowd-protocol.ts';

export interface RampPlan {
  firstMembers: number;
  stepMembers: number;
  /** Members are never added beyond this. */
  capMembers: number;
  /** How long each step holds (its joins included): the window its health is measured over. */
  stepMs: number;
  /** The step's new members log in spread over this much of its start. */
  joinSpreadMs: number;
  /** No step starts after this much of the ramp. */
  budgetMs: number;
  /** After each step, how long the stream may take to deliver what was entered in it. */
  deliveryGraceMs: number;
  behaviour: Behaviour;
}

export const HEALTH = {
  /** Answers 5xx (and requests with no answer at all), as a share of requests. */
  maxServerErrorShare: 0.00025,
  maxMeanMs: 100,
  maxP99Ms: 2000,
  /** The server processes together, as a share of all the machine's cores. */
  maxServerCpuShare: 0.85,
};

/**
 * One watch read per member every 15 s is a console left open and glanced at (the web app
 * reads it again after every entry instead; see the README); presence every 30 s is the web
 * app's own poll; a message per member every 2 minutes makes a thousand members enter 8 a
 * second, a busy day of a cell; a quarter of the messages outside a party's own compartment
 * ask for an acknowledgment, which one member of each owing party gives.
 */
export const HUMAN_PACE: Behaviour = {
  watchEveryMs: 15_000,
  presenceEveryMs: 30_000,
  messageEveryMs: 120_000,
  ackRequestedShare: 0.25,
  followsStream: false,
  replayEntries: 20,
};

/**
 * +100 members every 20 s up to 2,000: twenty steps, under seven minutes. A step's members
 * come on watch over its first 15 s (about seven logins a second), not all at once: a login
 * storm measures the password hash, not the watch.
 */
export const DEFAULT_PLAN: RampPlan = {
  firstMembers: 100,
  stepMembers: 100,
  capMembers: 2000,
  stepMs: 20_000,
  joinSpreadMs: 15_000,
  budgetMs: 7 * 60_000,
  deliveryGraceMs: 5_000,
  behaviour: HUMAN_PACE,
};

/**
 * The plan, with shorter runs for development from the environment: MEMBERS_FIRST,
 * MEMBERS_STEP, MEMBERS_CAP, MEMBERS_STEP_SECONDS, MEMBERS_BUDGET_SECONDS; and MEMBERS_PACE=app
 * for members that read the watch as often as the web app does (after every entry).
 */
export function planFromEnvironment(env: NodeJS.ProcessEnv = process.env): RampPlan {
  const whole = (name: string, fallback: number) => {
    const text = env[name];
    if (text === undefined || text === '') return fallback;
    if (!/^\d{1,6}$/.test(text)) throw new Error(`${name}: must be a whole number, not ${text}`);
    return Number(text);
  };
  const pace = env['MEMBERS_PACE'] || 'human';
  if (pace !== 'human' && pace !== 'app') throw new Error(`MEMBERS_PACE: human or app, not ${pace}`);
  const stepMs = whole('MEMBERS_STEP_SECONDS', DEFAULT_PLAN.stepMs / 1000) * 1000;
  return {
    ...DEFAULT_PLAN,
    firstMembers: whole('MEMBERS_FIRST', DEFAULT_PLAN.firstMembers),
    stepMembers: whole('MEMBERS_STEP', DEFAULT_PLAN.stepMembers),
    capMembers: whole('MEMBERS_CAP', DEFAULT_PLAN.capMembers),
    stepMs,
    // Logins keep to the same share of a shorter step.
    joinSpreadMs: Math.min(DEFAULT_PLAN.joinSpreadMs, stepMs * 0.75),
    budgetMs: whole('MEMBERS_BUDGET_SECONDS', DEFAULT_PLAN.budgetMs / 1000) * 1000,
    behaviour: { ...DEFAULT_PLAN.behaviour, followsStream: pace === 'app' },
  };
}
