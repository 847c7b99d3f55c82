import type { RouteRecord } from '../../src/http/route-table.ts';
import { CALLERS } from './authorization-cell.ts';
import { headOf, unauthenticated, type CaseSpec, type HttpCase } from './authorization-case.ts';
import { CONCURRENCY, type World } from './authorization-world.ts';
import { mapBounded } from './bounded.ts';
import { EXEMPT_ROUTES, type RouteRule } from './route-matrix.ts';

export function routeKey(route: Pick<RouteRecord, 'method' | 'url'>): string {
  return `${route.method} ${route.url}`;
}

/** A stranger asks what the first caller asks, and is told to log in first. */
async function strangerCases(rule: RouteRule, world: World): Promise<CaseSpec[]> {
  if (rule.strangerCases) return rule.strangerCases(world);
  if (rule.public) return [];
  const [first] = CALLERS;
  if (!first) return [];
  const asked = await rule.cases(first, world);
  return asked.map(({ sameAs: _twin, phase: _phase, order: _order, ...spec }) => ({ ...spec, cookie: null, expected: unauthenticated }));
}

/** Every case of the rules: each caller's, a stranger's, and HEAD for every GET. */
export async function casesOf(rules: RouteRule[], world: World): Promise<HttpCase[]> {
  const cases: HttpCase[] = [];
  for (const rule of rules) {
    const method = rule.route.split(' ')[0] ?? '';
    const perCaller = await mapBounded(CALLERS, CONCURRENCY, async (caller) =>
      (await rule.cases(caller, world)).map((spec): HttpCase => ({ ...spec, route: rule.route, method, caller, sessionCookie: world.cookieOf(caller) })),
    );
    cases.push(...perCaller.flat());
    for (const spec of await strangerCases(rule, world)) cases.push({ ...spec, route: rule.route, method, caller: undefined, sessionCookie: undefined });
  }
  return [...cases, ...cases.filter((httpCase) => httpCase.method === 'GET').map(headOf)];
}

/** Why a live route needs no rule, if it needs none. */
function exemption(route: RouteRecord, rules: RouteRule[]): string | undefined {
  const key = routeKey(route);
  const exempt = EXEMPT_ROUTES.find((candidate) => candidate.route.test(key));
  if (exempt) return exempt.reason;
  // Fastify answers HEAD for every GET; the matrix asks HEAD whatever it asks GET.
  if (route.method === 'HEAD' && rules.some((rule) => rule.route === `GET ${route.url}`)) return 'asked as GET is';
  return undefined;
}

/** Live routes the matrix neither covers nor exempts: a new route must be added to the matrix. */
export function uncoveredRoutes(live: readonly RouteRecord[], rules: RouteRule[]): string[] {
  return live.filter((route) => !rules.some((rule) => rule.route === routeKey(route)) && exemption(route, rules) === undefined).map(routeKey);
}

/** Rules for routes the server no longer has. */
export function staleRules(live: readonly RouteRecord[], rules: RouteRule[]): string[] {
  return rules.filter((rule) => !live.some((route) => routeKey(route) === rule.route)).map((rule) => rule.route);
}

/** Routes whose need of a session differs between the server and the matrix. */
export function sessionDisagreements(live: readonly RouteRecord[], rules: RouteRule[]): string[] {
  return rules
    .filter((rule) => live.some((route) => routeKey(route) === rule.route && route.authenticated === Boolean(rule.public)))
    .map((rule) => `${rule.route}: the matrix says ${rule.public ? 'public' : 'authenticated'}`);
}
