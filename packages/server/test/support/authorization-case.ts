import type { ErrorCode } from '@fusion-cell/protocol';
import { describeCaller, type Caller } from './authorization-cell.ts';
import { mapBounded } from './bounded.ts';
import { differenceBetween, exactRequest, jsonOf, type ExactResponse } from './exact-http.ts';

/** The one answer a request must get. */
export interface Expected {
  status: number;
  /** For refusals: the error code. */
  code?: ErrorCode;
  /** For refusals: the field the error names, `null` when it must name none. */
  field?: string | null;
  /** What is wrong with a successful answer's body, if anything. */
  body?: (json: any) => string | undefined;
}

export const ok: Expected = { status: 200 };
export const created: Expected = { status: 201 };
export const noContent: Expected = { status: 204 };
/** Refused by the policy itself, which names no field. */
export const forbidden: Expected = { status: 403, code: 'forbidden', field: null };
export const notFound: Expected = { status: 404, code: 'not_found', field: null };
export const unauthenticated: Expected = { status: 401, code: 'unauthenticated' };

/**
 * Order in which cases run: most at once; changes of the channel's state one after the other;
 * logging out after everything else, and then checking the session is gone.
 */
export type Phase = 'main' | 'in-order' | 'logout' | 'after-logout';

/** One request of the matrix, as a route's rule writes it for one caller. */
export interface CaseSpec {
  /** Unique among the caller's cases of the route; twins refer to it. */
  id: string;
  /** What is asked, in words, for failure messages. */
  what: string;
  path: string;
  body?: unknown;
  /** Made just before sending (signatures, fresh keys). */
  makeBody?: () => Promise<unknown>;
  expected: Expected;
  /** The id of the case (same caller, same route) whose answer this one must repeat byte for byte. */
  sameAs?: string;
  /** Overrides the caller's session: `null` sends none. */
  cookie?: string | null;
  phase?: Phase;
  /** Position among the `in-order` cases. */
  order?: number;
}

export interface HttpCase extends CaseSpec {
  /** The route as the route table names it: `GET /api/v1/items/:itemId`. */
  route: string;
  method: string;
  caller: Caller | undefined;
  sessionCookie: string | undefined;
}

export function keyOf(httpCase: Pick<HttpCase, 'route' | 'caller' | 'id'>): string {
  return `${describeCaller(httpCase.caller)} | ${httpCase.route} | ${httpCase.id}`;
}

export function labelOf(httpCase: HttpCase): string {
  return `${describeCaller(httpCase.caller)}: ${httpCase.method} ${httpCase.path} — ${httpCase.what}`;
}

/** HEAD answers as GET does, without a body: the same status, and the same twins. */
export function headOf(getCase: HttpCase): HttpCase {
  return { ...getCase, route: getCase.route.replace(/^GET /, 'HEAD '), method: 'HEAD', expected: { status: getCase.expected.status } };
}

/** Runs the cases phase by phase, concurrently within a phase except `in-order`, and keeps every answer. */
export async function runCases(baseUrl: string, cases: HttpCase[], concurrency: number): Promise<Map<string, ExactResponse>> {
  const answers = new Map<string, ExactResponse>();
  const send = async (httpCase: HttpCase): Promise<void> => {
    const body = httpCase.makeBody ? await httpCase.makeBody() : httpCase.body;
    const cookie = httpCase.cookie === null ? undefined : (httpCase.cookie ?? httpCase.sessionCookie);
    answers.set(keyOf(httpCase), await exactRequest(baseUrl, { method: httpCase.method, path: httpCase.path, body, cookie }));
  };
  for (const phase of ['main', 'in-order', 'logout', 'after-logout'] as const) {
    const due = cases.filter((httpCase) => (httpCase.phase ?? 'main') === phase);
    if (phase === 'in-order') {
      for (const httpCase of due.sort((one, other) => (one.order ?? 0) - (other.order ?? 0))) await send(httpCase);
    } else {
      await mapBounded(due, concurrency, send);
    }
  }
  return answers;
}

/** Every way the answers differ from the matrix, one line each: empty when all is as expected. */
export function mismatches(cases: HttpCase[], answers: Map<string, ExactResponse>): string[] {
  const found: string[] = [];
  for (const httpCase of cases) {
    const answer = answers.get(keyOf(httpCase));
    if (!answer) {
      found.push(`${labelOf(httpCase)}: never sent`);
      continue;
    }
    const problem = problemWith(httpCase.expected, answer);
    if (problem) found.push(`${labelOf(httpCase)}: ${problem}`);
    if (httpCase.sameAs !== undefined) {
      const twinKey = keyOf({ ...httpCase, id: httpCase.sameAs });
      const twin = answers.get(twinKey);
      const difference = twin ? differenceBetween(answer, twin) : `no case ${twinKey}`;
      if (difference) found.push(`${labelOf(httpCase)}: differs from the answer for "${httpCase.sameAs}": ${difference}`);
    }
  }
  return found;
}

function problemWith(expected: Expected, answer: ExactResponse): string | undefined {
  const json = jsonOf(answer);
  const got = `${answer.status} ${answer.bytes.toString('utf8').slice(0, 300)}`;
  if (answer.status !== expected.status) return `expected ${expected.status}${expected.code ? ` ${expected.code}` : ''}, got ${got}`;
  if (expected.code !== undefined && json?.error?.code !== expected.code) return `expected code ${expected.code}, got ${got}`;
  if (expected.field !== undefined && (json?.error?.field ?? null) !== expected.field) return `expected field ${expected.field}, got ${got}`;
  const wrong = expected.body?.(json);
  return wrong === undefined ? undefined : `${wrong}; got ${got}`;
}
