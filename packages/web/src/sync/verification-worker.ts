import { webCryptoVerifier } from '@fusion-cell/record';
import { checkEntries, type CheckRequest } from './entry-check.ts';

/** What the page sends: one batch to check, numbered so the answer finds its caller. */
export interface CheckMessage {
  id: number;
  request: CheckRequest;
}

/** The worker's scope, as far as it is used here (the DOM typings describe a window). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<CheckMessage>) => void) | null;
  postMessage(message: unknown): void;
}

/**
 * Reads and checks entries off the page's thread: parsing, canonical form, hashing and
 * signatures take most of a long log's verification, and here they never hold up a click.
 */
const worker = globalThis as unknown as WorkerScope;
const verifier = webCryptoVerifier();

worker.onmessage = (event) => {
  const { id, request } = event.data;
  checkEntries(request, verifier).then(
    (results) => worker.postMessage({ id, results }),
    (error: unknown) => worker.postMessage({ id, error: error instanceof Error ? error.message : String(error) }),
  );
};
