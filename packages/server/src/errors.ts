import type { ErrorCode } from '@fusion-cell/protocol';

/**
 * An expected failure of a domain operation. Services throw it with a code from the closed
 * list; only the HTTP layer decides the status.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/**
 * What a party outside a compartment, or anyone looking for something that does not exist,
 * is told: the same words whatever the reason, so the answer reveals nothing.
 */
export function notFound(what: string): DomainError {
  return new DomainError('not_found', `${what} not found`);
}
