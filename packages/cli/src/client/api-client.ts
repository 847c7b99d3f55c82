import { ErrorBody, type ErrorCode } from '@fusion-cell/protocol';
import type { z } from 'zod';
import { ClientError } from './client-error.ts';

const SESSION_COOKIE = 'fc_session';

/** The server answered with an error body: its code is for the program, its message for people. */
export class ApiError extends ClientError {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'unexpected_response',
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** What a command tells the user when the session is the problem. */
const SESSION_ENDED: Partial<Record<string, string>> = {
  unauthenticated: 'the server does not know this session; run fusion-cell login again',
  session_expired: 'the session has expired; run fusion-cell login again',
};

/**
 * A small client of the HTTP API: the session cookie, JSON in and out, answers checked
 * against the protocol's schemas (the server is not trusted to send what it should).
 */
export class ApiClient {
  constructor(
    readonly server: string,
    private session?: string,
  ) {}

  get sessionToken(): string | undefined {
    return this.session;
  }

  async getJson<T>(path: string, schema: z.ZodType<T>): Promise<T> {
    return this.parse(await this.send('GET', path), schema);
  }

  async getText(path: string): Promise<string> {
    return (await this.send('GET', path)).text();
  }

  async postJson<T>(path: string, body: unknown, schema: z.ZodType<T>): Promise<{ status: number; body: T }> {
    const response = await this.send('POST', path, body);
    return { status: response.status, body: await this.parse(response, schema) };
  }

  /** A POST whose answer has no body (204). */
  async post(path: string, body?: unknown): Promise<void> {
    const response = await this.send('POST', path, body);
    await response.arrayBuffer();
  }

  /** Logs in and keeps the session cookie the server sets. */
  async login<T>(username: string, password: string, schema: z.ZodType<T>): Promise<T> {
    const response = await this.send('POST', '/api/v1/auth/login', { username, password });
    const cookie = response.headers
      .getSetCookie()
      .map((header) => header.split(';')[0] ?? '')
      .find((pair) => pair.startsWith(`${SESSION_COOKIE}=`));
    if (!cookie) throw new ApiError(response.status, 'unexpected_response', 'the server did not start a session');
    this.session = cookie.slice(SESSION_COOKIE.length + 1);
    return this.parse(response, schema);
  }

  private async send(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Response> {
    // The server refuses state changes that do not name their origin; this client speaks for itself.
    const headers: Record<string, string> = { origin: new URL(this.server).origin };
    if (this.session) headers['cookie'] = `${SESSION_COOKIE}=${this.session}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(`${this.server}${path}`, {
        method,
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        redirect: 'error',
      });
    } catch (error) {
      const cause = (error as { cause?: { message?: string } }).cause?.message ?? (error as Error).message;
      throw new ClientError(`cannot reach ${this.server}: ${cause}`);
    }
    if (!response.ok) throw await errorOf(response);
    return response;
  }

  private async parse<T>(response: Response, schema: z.ZodType<T>): Promise<T> {
    let json: unknown;
    try {
      json = await response.json();
    } catch {
      throw new ApiError(response.status, 'unexpected_response', 'the server answered with something that is not JSON');
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ApiError(response.status, 'unexpected_response', `unexpected answer from the server (${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'})`);
    }
    return parsed.data;
  }
}

async function errorOf(response: Response): Promise<ApiError> {
  const text = await response.text();
  let body: ErrorBody | undefined;
  try {
    const parsed = ErrorBody.safeParse(JSON.parse(text));
    if (parsed.success) body = parsed.data;
  } catch {
    body = undefined;
  }
  if (!body) return new ApiError(response.status, 'unexpected_response', `the server answered ${response.status} ${response.statusText}`);
  const { code, message, field } = body.error;
  return new ApiError(response.status, code, SESSION_ENDED[code] ?? `${message} (${code}${field ? `, ${field}` : ''})`, field);
}

/** The server's base URL as given, without a trailing slash; only http and https. */
export function normalizeServerUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ClientError(`${JSON.stringify(text)} is not a URL (for example https://cell.example.org)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ClientError('the server URL must start with http:// or https://');
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
