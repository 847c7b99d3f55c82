/** A minimal HTTP client with a cookie jar of one session, as a browser would hold it. */
export class ApiClient {
  private cookie: string | undefined;
  private knownBrowser: string | undefined;

  constructor(readonly baseUrl: string) {}

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any; headers: Headers }> {
    // As a page of the server would: the origin check wants to know where a change comes from.
    const init: RequestInit = { method, headers: { origin: new URL(this.baseUrl).origin, ...headers } };
    if (this.cookie) (init.headers as Record<string, string>)['cookie'] = this.cookie;
    if (body !== undefined) {
      (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
    }
    const response = await fetch(this.baseUrl + path, init);
    const setCookie = response.headers.getSetCookie();
    for (const line of setCookie) {
      const [pair] = line.split(';');
      if (pair?.startsWith('fc_session=')) this.cookie = pair.endsWith('=') ? undefined : pair;
      if (pair?.startsWith('fc_known=')) this.knownBrowser = pair;
    }
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // Not JSON: leave the text for the assertion to show.
    }
    return { status: response.status, body: parsed, headers: response.headers };
  }

  get(path: string) {
    return this.request('GET', path);
  }

  post(path: string, body: unknown = {}, headers?: Record<string, string>) {
    return this.request('POST', path, body, headers);
  }

  async login(username: string, password: string) {
    const response = await this.post('/api/v1/auth/login', { username, password });
    if (response.status !== 200) throw new Error(`login ${username}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as { member: { id: string } };
  }

  /** The cookie that marks this client as a browser its members logged in from before. */
  get knownBrowserCookie(): string | undefined {
    return this.knownBrowser;
  }

  get sessionCookie(): string | undefined {
    return this.cookie;
  }
}
