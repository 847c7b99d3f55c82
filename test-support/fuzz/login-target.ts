// POST /api/v1/auth/login with generated bodies: the right password (whatever the case and
// surrounding white space of the username) opens exactly one session; anything else is
// refused in the error shape and opens none; damaged bytes, odd cookies and odd text never
// get a 500.

import { findUnsafeText, LoginRequest, SessionInfo } from '@fusion-cell/protocol';
import fc from 'fast-check';
import { accepted, invalidAccepted, refused, validRefused, type FuzzTarget, type Verdict } from './fuzz-target.ts';
import { answerText, errorContractBreach, isSuccess, send } from './http-answer.ts';
import { mutationsOf } from './json-mutations.ts';
import { damagedBodies, type RawBody } from './request-bodies.ts';
import { legalText, oddText } from './text.ts';

export interface LoginServer {
  url: string;
  logins: ReadonlyArray<{ username: string; password: string }>;
  /** Sessions stored, to see that a refused login stores none. */
  sessionCount(): Promise<number>;
}

export type LoginInput = { kind: 'json'; body: unknown; cookie: string | undefined } | { kind: 'raw'; raw: RawBody; cookie: string | undefined };

/** The member a login body names with its right password, if it does. */
function memberLoggedIn(server: LoginServer, text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const body = LoginRequest.safeParse(json);
  if (!body.success || findUnsafeText(json)) return undefined;
  const username = body.data.username.trim().toLowerCase();
  return server.logins.find((login) => login.username === username && login.password === body.data.password)?.username;
}

export function loginInputs(server: LoginServer): fc.Arbitrary<LoginInput> {
  const login = fc.constantFrom(...server.logins);
  const spelled = (username: string) => fc.constantFrom(username, username.toUpperCase(), ` ${username}`, `${username}\t`, `\n${username} `);
  const right = login.chain(({ username, password }) => fc.record({ username: spelled(username), password: fc.constant(password) }));
  const wrong = fc.oneof(
    login.chain(({ username }) => fc.record({ username: spelled(username), password: fc.oneof(legalText(1, 40), oddText(40)) })),
    fc.record({ username: fc.oneof(legalText(1, 64), oddText(64)), password: fc.oneof(legalText(1, 40), oddText(40)) }),
  );
  const body = fc.oneof(
    { weight: 2, arbitrary: right },
    { weight: 2, arbitrary: wrong },
    { weight: 4, arbitrary: mutationsOf(right).map((mutated) => mutated.value) },
  );
  // A cookie is hostile input like any other: printable, with separators where they do not belong.
  const cookie = fc.option(
    fc.oneof(fc.stringMatching(/^[\x20-\x7e]{0,80}$/).map((value) => `fc_known=${value}`), fc.stringMatching(/^[\x21-\x7e]{0,120}$/)),
    { nil: undefined, freq: 3 },
  );
  return fc.oneof(
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('json' as const), body, cookie }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('raw' as const), raw: right.chain((value) => damagedBodies(JSON.stringify(value))), cookie }) },
  );
}

async function judgeLogin(server: LoginServer, input: LoginInput): Promise<Verdict> {
  const text = input.kind === 'json' ? JSON.stringify(input.body) : undefined;
  const headers: Record<string, string> = {
    origin: server.url,
    'content-type': 'application/json',
    ...(input.cookie === undefined ? {} : { cookie: input.cookie }),
    ...(input.kind === 'raw' ? input.raw.headers : {}),
  };
  const before = await server.sessionCount();
  const answer = await send(server.url, { method: 'POST', path: '/api/v1/auth/login', headers, ...(input.kind === 'raw' ? { body: input.raw.bytes } : text === undefined ? {} : { body: text }) });
  const breach = errorContractBreach(answer);
  if (breach) return breach;
  const stored = (await server.sessionCount()) - before;
  const member = memberLoggedIn(server, input.kind === 'raw' ? input.raw.readable : text);
  if (isSuccess(answer)) {
    if (!member) return invalidAccepted(`logged in with ${JSON.stringify(text ?? input.kind).slice(0, 200)}`);
    const session = SessionInfo.safeParse(answer.json);
    if (!session.success || session.data.member.username !== member) return validRefused(`a login answered ${answerText(answer).slice(0, 200)}`);
    if (!answer.setCookies.some((line) => /^fc_session=[^;]+/.test(line))) return validRefused('a login set no session cookie');
    return stored === 1 ? accepted : validRefused(`a login stored ${stored} sessions`);
  }
  if (stored !== 0) return invalidAccepted(`a refused login stored ${stored} sessions`);
  // Damaged bytes may be refused whatever they say; a clean body with the right password may not.
  if (member && input.kind === 'json') return validRefused(`refused the right password for ${member}: ${answerText(answer).slice(0, 200)}`);
  return refused;
}

export function loginTarget(server: LoginServer): FuzzTarget<LoginInput> {
  return { name: 'login (POST /api/v1/auth/login)', inputs: loginInputs(server), judge: (input) => judgeLogin(server, input) };
}
