import { expect } from 'vitest';
import type { SigningClient } from './signing-client.ts';
import type { TestServer } from './test-server.ts';

export type SendResponse = Awaited<ReturnType<SigningClient['send']>>;

/**
 * What a test that enters signed acts one after another needs: an authoring time a millisecond
 * after the last (two acts are never one replayed envelope), the record's size, and the two
 * outcomes of a submission: entered, or refused with its status, code and field and nothing
 * added to the record.
 */
export function signedActs(server: () => TestServer) {
  let authored = 0;
  const now = () => new Date(server().clock.now() + ++authored).toISOString();
  const entries = async () => Number((await server().handle.services.db.selectFrom('log_entries').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const created = (response: SendResponse): string => {
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body.id as string;
  };
  const refused = async (attempt: () => Promise<SendResponse>, status: number, code: string, field: string | undefined, message?: RegExp) => {
    const before = await entries();
    const response = await attempt();
    expect(response.status, JSON.stringify(response.body)).toBe(status);
    expect(response.body.error.code).toBe(code);
    expect(response.body.error.field).toBe(field);
    if (message) expect(response.body.error.message).toMatch(message);
    expect(await entries()).toBe(before);
    return response;
  };
  return { now, entries, created, refused };
}
