/** How long the page's own work may hold its thread before letting events through, ms. */
const SLICE_MS = 8;

/** Resolves after the events waiting have run: a task, not a microtask, and without setTimeout's clamping. */
export function nextTask(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/**
 * A pause to call between small steps of a long job on the page: it yields once the job
 * has held the thread for a slice, so that clicks and rendering go first.
 */
export function slicer(sliceMs = SLICE_MS): () => Promise<void> | undefined {
  let sliceStarted = performance.now();
  return () => {
    if (performance.now() - sliceStarted < sliceMs) return undefined;
    return nextTask().then(() => {
      sliceStarted = performance.now();
    });
  };
}
