/** An answer as it came over the wire: enough to tell whether two answers differ in any byte. */
export interface ExactResponse {
  status: number;
  /** Every header but `date`, which only tells when the answer was made. */
  headers: Record<string, string>;
  bytes: Buffer;
}

export interface ExactRequest {
  method: string;
  path: string;
  /** Sent as JSON; a Blob is sent as its bytes, with its type as Content-Type. */
  body?: unknown;
  /** The `fc_session=…` cookie; none for a stranger. */
  cookie?: string | undefined;
}

/** Sends a request as a page of the server would (its own Origin) and keeps the answer's exact bytes. */
export async function exactRequest(baseUrl: string, request: ExactRequest): Promise<ExactResponse> {
  const headers: Record<string, string> = { origin: new URL(baseUrl).origin };
  if (request.cookie) headers['cookie'] = request.cookie;
  const init: RequestInit = { method: request.method, headers };
  if (request.body instanceof Blob) {
    init.body = request.body;
  } else if (request.body !== undefined) {
    headers['content-type'] = 'application/json';
    init.body = JSON.stringify(request.body);
  }
  const response = await fetch(baseUrl + request.path, init);
  const bytes = Buffer.from(await response.arrayBuffer());
  const kept: Record<string, string> = {};
  for (const [name, value] of response.headers) if (name !== 'date') kept[name] = value;
  return { status: response.status, headers: kept, bytes };
}

/** The JSON body, or undefined when there is none or it is not JSON. */
export function jsonOf(response: ExactResponse): any {
  if (response.bytes.length === 0) return undefined;
  try {
    return JSON.parse(response.bytes.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** Where two answers differ (status, a header, the body), or undefined when they are byte-identical. */
export function differenceBetween(one: ExactResponse, other: ExactResponse): string | undefined {
  if (one.status !== other.status) return `status ${one.status} ≠ ${other.status}`;
  const names = new Set([...Object.keys(one.headers), ...Object.keys(other.headers)]);
  for (const name of names) {
    if (one.headers[name] !== other.headers[name]) return `header ${name}: ${one.headers[name]} ≠ ${other.headers[name]}`;
  }
  if (!one.bytes.equals(other.bytes)) return `body ${one.bytes.toString('utf8')} ≠ ${other.bytes.toString('utf8')}`;
  return undefined;
}
