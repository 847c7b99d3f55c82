import { findUnsafeText, formatFieldPath } from '@fusion-cell/protocol';
import type { FastifyInstance } from 'fastify';
import { DomainError } from '../errors.ts';

/**
 * Refuses, before any route sees it, a request whose body, query or path holds text no field
 * may hold (see `findUnsafeText`). One check for every field of every route, so both engines
 * store exactly the same texts and none can fail deep inside a write.
 */
export function installTextSafety(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const parts: Array<[string, unknown]> = [
      ['params', request.params],
      ['query', request.query],
      ['body', request.body],
    ];
    for (const [where, value] of parts) {
      const unsafe = findUnsafeText(value);
      if (!unsafe) continue;
      const field = formatFieldPath([where, ...unsafe.path]);
      throw new DomainError('validation_failed', `${field}: ${unsafe.problem}`, field);
    }
  });
}
