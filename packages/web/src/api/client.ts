import { ErrorBody } from '@fusion-cell/protocol';
import { ApiError } from './api-error.ts';

/** Anything with a zod-style `parse`, so responses are checked against the protocol schemas. */
export interface ResponseSchema<T> {
  parse(data: unknown): T;
}

type SessionEndedListener = (error: ApiError) => void;
const sessionEndedListeners = new Set<SessionEndedListener>();

/**
 * Calls `listener` whenever a request answers that the session is gone, wherever in the app
 * it was made, so one place can send the user back to the login page.
 */
export function onSessionEnded(listener: SessionEndedListener): () => void {
  sessionEndedListeners.add(listener);
  return () => sessionEndedListeners.delete(listener);
}

interface RequestOptions {
  body?: unknown;
  /** Set for the calls that establish the session, whose 401 means "wrong password", not "session lost". */
  sessionless?: boolean;
  signal?: AbortSignal;
}

/**
 * Sends one request to the API and parses the answer with `schema`. Every failure becomes an
 * {@link ApiError}: the server's error body, a network failure, or an answer that does not
 * match the protocol.
 */
export async function apiRequest<T>(method: 'GET' | 'POST' | 'PUT', path: string, schema: ResponseSchema<T> | null, options: RequestOptions = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: options.body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: options.body === undefined ? null : JSON.stringify(options.body),
      signal: options.signal ?? null,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError({ status: 0, code: 'network', message: error instanceof Error ? error.message : String(error) });
  }
  if (!response.ok) throw await errorFrom(response, options.sessionless ?? false);
  if (schema === null || response.status === 204) return undefined as T;
  let data: unknown;
  try {
    data = await response.json();
    return schema.parse(data);
  } catch (error) {
    throw new ApiError({ status: response.status, code: 'unexpected_response', message: error instanceof Error ? error.message : String(error) });
  }
}

/** A file the API sends as an attachment: its text and the name the server suggests. */
export interface DownloadedFile {
  text: string;
  filename: string | undefined;
}

/**
 * Fetches a file from the API as text, keeping the exact bytes (a record bundle is verified
 * as it was received) and the file name from Content-Disposition.
 */
export async function apiDownload(path: string): Promise<DownloadedFile> {
  let response: Response;
  try {
    response = await fetch(path, { method: 'GET', credentials: 'same-origin', headers: { accept: 'application/json' } });
  } catch (error) {
    throw new ApiError({ status: 0, code: 'network', message: error instanceof Error ? error.message : String(error) });
  }
  if (!response.ok) throw await errorFrom(response, false);
  const disposition = response.headers.get('content-disposition') ?? '';
  const filename = /filename="([^"]+)"/.exec(disposition)?.[1];
  return { text: await response.text(), filename };
}

async function errorFrom(response: Response, sessionless: boolean): Promise<ApiError> {
  let error: ApiError;
  try {
    const body = ErrorBody.parse(await response.json());
    error = new ApiError({ status: response.status, ...body.error });
  } catch {
    // Proxies and crashed servers answer without our error body.
    error = new ApiError({ status: response.status, code: response.status >= 500 ? 'internal' : 'unexpected_response', message: response.statusText });
  }
  if (error.endsSession && !sessionless) for (const listener of sessionEndedListeners) listener(error);
  return error;
}

/**
 * Tells the app the session is gone when it learns so outside a request (the stream closed
 * for that reason), so the same place sends the user back to the login page.
 */
export function reportSessionEnded(): void {
  const error = new ApiError({ status: 401, code: 'unauthenticated', message: 'the session ended' });
  for (const listener of sessionEndedListeners) listener(error);
}
