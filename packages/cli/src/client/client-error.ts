/**
 * An expected failure of a client command (not logged in, server refused, bad file). Its
 * message is written for the person at the terminal; `main.ts` prints it and exits 1.
 */
export class ClientError extends Error {
  override name = 'ClientError';
}
