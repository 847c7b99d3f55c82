// One member's HTTP client: its own keep-alive connections from its own loopback address, as a
// browser on a machine of its own would hold them, with the session cookie it was given.
import http from 'node:http';

export interface Answer {
  status: number;
  body: unknown;
  /** From the request's start to the end of its answer, in ms. */
  ms: number;
  headers: http.IncomingHttpHeaders;
}

/** Where every request's outcome is counted. */
export type RequestObserver = (kind: string, status: number, ms: number) => void;

/** What a request that got no answer at all (refused, reset, timed out) counts as. */
export const NO_ANSWER = 0;
const REQUEST_TIMEOUT_MS = 30_000;

export class MemberHttp {
  private readonly agent: http.Agent;
  private readonly origin: string;
  cookie: string | undefined;

  constructor(
    baseUrl: string,
    readonly localAddress: string,
    private readonly observe: RequestObserver,
  ) {
    const url = new URL(baseUrl);
    this.origin = url.origin;
    // A browser opens up to six connections to a host; two are plenty for a watch.
    this.agent = new http.Agent({ keepAlive: true, maxSockets: 2, localAddress });
  }

  get baseOrigin(): string {
    return this.origin;
  }

  /**
   * Sends one request and counts it under `kind`. A request that got no answer resolves with
   * status 0 rather than throwing, so that the caller's schedule goes on.
   */
  async request(kind: string, method: string, path: string, body?: unknown): Promise<Answer> {
    const started = performance.now();
    let answer = await this.once(method, path, body);
    // A kept-alive connection the server closed just as it was reused: a browser sends again
    // on a fresh connection without telling anyone, and so does this client.
    if (answer === 'stale connection') answer = await this.once(method, path, body);
    const ms = performance.now() - started;
    const result = typeof answer === 'string' ? { status: NO_ANSWER, body: answer, headers: {} } : answer;
    this.observe(kind, result.status, ms);
    return { ...result, ms };
  }

  private once(method: string, path: string, body: unknown): Promise<Omit<Answer, 'ms'> | string> {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const headers: http.OutgoingHttpHeaders = { origin: this.origin };
    if (this.cookie) headers['cookie'] = this.cookie;
    if (payload) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = payload.length;
    }
    return new Promise((resolve) => {
      const request = http.request(`${this.origin}${path}`, { method, headers, agent: this.agent, timeout: REQUEST_TIMEOUT_MS }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            // Not JSON: kept as text, for the error report.
          }
          resolve({ status: response.statusCode ?? NO_ANSWER, body: parsed, headers: response.headers });
        });
        response.on('error', (error) => resolve(error.message));
      });
      request.on('timeout', () => request.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)));
      request.on('error', (error: NodeJS.ErrnoException) => resolve(request.reusedSocket && error.code === 'ECONNRESET' ? 'stale connection' : `${error.code ?? ''} ${error.message}`.trim()));
      request.end(payload);
    });
  }

  /** The session cookie from a login's answer. */
  takeCookie(headers: http.IncomingHttpHeaders): void {
    for (const line of headers['set-cookie'] ?? []) {
      const pair = line.split(';')[0] ?? '';
      if (pair.startsWith('fc_session=')) this.cookie = pair;
    }
  }

  close(): void {
    this.agent.destroy();
  }
}
