import { webCryptoVerifier } from '@fusion-cell/record';
import { checkEntries, type CheckedEntry, type CheckRequest } from './entry-check.ts';
import { slicer } from './event-loop.ts';
import type { CheckMessage } from './verification-worker.ts';

/** Reads and checks batches of entries, in a worker when the browser gives one. */
export interface EntryChecker {
  check(request: CheckRequest): Promise<CheckedEntry[]>;
}

type CheckAnswer = { id: number; results: CheckedEntry[] } | { id: number; error: string };

interface Waiting {
  request: CheckRequest;
  resolve(results: CheckedEntry[]): void;
  reject(error: Error): void;
}

/** On the page's thread, a slice at a time: where there is no worker (tests), or it cannot start. */
let pageVerifier: ReturnType<typeof webCryptoVerifier> | undefined;
const pageChecker: EntryChecker = {
  check: (request) => checkEntries(request, (pageVerifier ??= webCryptoVerifier()), slicer()),
};

/**
 * A worker that checks batches off the page's thread. Started on first use; should it fail to
 * start (an old browser, a policy that forbids it), what it held and everything after is
 * checked on the page instead: slower, never skipped.
 */
class WorkerChecker implements EntryChecker {
  private worker: Worker | null = null;
  private failed = false;
  private nextId = 0;
  private readonly waiting = new Map<number, Waiting>();

  check(request: CheckRequest): Promise<CheckedEntry[]> {
    const worker = this.failed ? null : this.start();
    if (!worker) return pageChecker.check(request);
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.waiting.set(id, { request, resolve, reject });
      worker.postMessage({ id, request } satisfies CheckMessage);
    });
  }

  private start(): Worker | null {
    if (this.worker) return this.worker;
    try {
      this.worker = new Worker(new URL('./verification-worker.ts', import.meta.url), { type: 'module', name: 'record-verification' });
    } catch {
      this.failed = true;
      return null;
    }
    this.worker.onmessage = (event: MessageEvent<CheckAnswer>) => {
      const answer = event.data;
      const waiting = this.waiting.get(answer.id);
      if (!waiting) return;
      this.waiting.delete(answer.id);
      if ('error' in answer) waiting.reject(new Error(answer.error));
      else waiting.resolve(answer.results);
    };
    this.worker.onerror = (event) => {
      event.preventDefault();
      this.fallBack();
    };
    return this.worker;
  }

  private fallBack(): void {
    this.failed = true;
    this.worker?.terminate();
    this.worker = null;
    const held = [...this.waiting.values()];
    this.waiting.clear();
    for (const { request, resolve, reject } of held) pageChecker.check(request).then(resolve, reject);
  }
}

let shared: EntryChecker | undefined;

/** The page's one checker, shared by every sync: one worker is enough for the thread it frees. */
export function entryChecker(): EntryChecker {
  shared ??= typeof Worker === 'function' ? new WorkerChecker() : pageChecker;
  return shared;
}
