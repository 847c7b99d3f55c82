/** How long one request may take: a server that was killed answers no more, but a busy one is slow. */
const REQUEST_TIMEOUT_MS = 30_000;

export interface HttpAnswer {
  status: number;
  body: any;
}

/**
 * One member's session cookie, usable against whichever address the server listens on now.
 * Sessions live in the database, so a cookie outlives the server process that issued it: a
 * client keeps it across a crash and a restart on another port, as a browser would keep it
 * across a server's restart.
 */
export class CookieSession {
  private cookie: string | undefined;

  constructor(public url: string) {}

  static async login(url: string, username: string, password: string): Promise<{ session: CookieSession; body: any }> {
    const session = new CookieSession(url);
    const answer = await session.request('POST', '/api/v1/auth/login', { username, password });
    if (answer.status !== 200 || !session.cookie) throw new Error(`login ${username}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return { session, body: answer.body };
  }

  /** Throws when no answer comes (connection refused or reset, timeout): the caller decides what that means. */
  async request(method: string, path: string, body?: unknown): Promise<HttpAnswer> {
    // The origin check wants to know where a change comes from, as a page of the server would say.
    const headers: Record<string, string> = { origin: new URL(this.url).origin };
    if (this.cookie) headers['cookie'] = this.cookie;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(this.url + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      if (pair?.startsWith('fc_session=')) this.cookie = pair.endsWith('=') ? undefined : pair;
    }
    const text = await response.text();
    try {
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    } catch {
      return { status: response.status, body: text };
    }
  }

  get(path: string): Promise<HttpAnswer> {
    return this.request('GET', path);
  }

  post(path: string, body: unknown = {}): Promise<HttpAnswer> {
    return this.request('POST', path, body);
  }
}
