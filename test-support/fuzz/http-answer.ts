// Requests as a client sends them and the judgement every answer gets: a 2xx, or an error in
// the one documented shape with a code of the closed list — never a 500, never `internal`,
// never another shape, never a dropped connection.

import { ErrorBody } from '@fusion-cell/protocol';
import { serverError, type Verdict } from './fuzz-target.ts';

export interface HttpRequest {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

export type HttpAnswer = { status: number; text: string; json: unknown; setCookies: string[] } | { failed: string };

/** Sends a request on loopback and reads the whole answer. */
export async function send(baseUrl: string, request: HttpRequest): Promise<HttpAnswer> {
  try {
    const response = await fetch(baseUrl + request.path, {
      method: request.method,
      headers: request.headers,
      ...(request.body === undefined ? {} : { body: request.body }),
    });
    const text = await response.text();
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, text, json, setCookies: response.headers.getSetCookie() };
  } catch (error) {
    return { failed: (error as Error).message };
  }
}

/** A server error verdict when the answer breaks the error contract; undefined when it keeps it. */
export function errorContractBreach(answer: HttpAnswer): Verdict | undefined {
  if ('failed' in answer) return serverError(`no answer: ${answer.failed}`);
  if (answer.status >= 200 && answer.status < 300) return undefined;
  if (answer.status >= 500 && answer.status !== 503) return serverError(`status ${answer.status}: ${answer.text.slice(0, 300)}`);
  const shape = ErrorBody.safeParse(answer.json);
  if (!shape.success) return serverError(`status ${answer.status} with a body outside the error shape: ${answer.text.slice(0, 300)}`);
  const { code } = shape.data.error;
  if (code === 'internal') return serverError(`status ${answer.status} answered "internal": ${shape.data.error.message}`);
  if (answer.status === 503 && code !== 'unavailable') return serverError(`status 503 with code ${code}`);
  if (answer.status < 400) return serverError(`status ${answer.status} is neither a success nor an error`);
  return undefined;
}

/** The error code of an answer in the error shape. */
export function errorCode(answer: HttpAnswer): string | undefined {
  if ('failed' in answer) return undefined;
  const shape = ErrorBody.safeParse(answer.json);
  return shape.success ? shape.data.error.code : undefined;
}

export const isSuccess = (answer: HttpAnswer): answer is Extract<HttpAnswer, { status: number }> => !('failed' in answer) && answer.status >= 200 && answer.status < 300;

/** The answer's text, or why there was none, for a report. */
export function answerText(answer: HttpAnswer): string {
  return 'failed' in answer ? `no answer: ${answer.failed}` : answer.text;
}
