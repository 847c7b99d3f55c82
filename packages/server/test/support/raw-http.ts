import net from 'node:net';
import http from 'node:http';
import type { ApiClient } from './api-client.ts';

/** Sends bytes as they are on a fresh connection and returns everything the server wrote back before closing. */
export function rawRequest(url: string, text: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => socket.end(text));
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (received += chunk));
    socket.on('close', () => resolve(received));
    socket.on('error', reject);
    socket.setTimeout(5000, () => socket.destroy(new Error('no answer within 5 s')));
  });
}

/**
 * Posts raw bytes as a member to /api/v1/members, with headers as given: `undefined` leaves a
 * header out (fetch would add an Origin of its own choosing otherwise).
 */
export function rawPost(url: string, client: ApiClient, body: Buffer, headers: Record<string, string | undefined> = {}): Promise<{ status: number; body: any }> {
  const all: Record<string, string | undefined> = { 'content-type': 'application/json', origin: new URL(url).origin, cookie: client.sessionCookie, ...headers };
  const sent = Object.fromEntries(Object.entries(all).filter((entry): entry is [string, string] => entry[1] !== undefined));
  return new Promise((resolve, reject) => {
    const request = http.request(`${url}/api/v1/members`, { method: 'POST', headers: { ...sent, 'content-length': String(body.length) } }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text ? JSON.parse(text) : undefined }));
    });
    request.on('error', reject);
    request.end(body);
  });
}
