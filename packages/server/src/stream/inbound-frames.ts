import type { WebSocket } from 'ws';

/**
 * Frames waiting to be handled beyond which the socket stops reading. Handling a frame is
 * quick, so only a client sending far more than it could mean gets here; from then on its
 * frames wait in its own TCP window instead of in the server's memory.
 */
const MAX_WAITING_FRAMES = 64;

/** Hands a connection's text frames to `handle` one at a time, in the order they came. */
export function handleFramesInOrder(socket: WebSocket, handle: (text: string) => Promise<void>, onError: (error: unknown) => void): void {
  let queue = Promise.resolve();
  let waiting = 0;
  socket.on('message', (data, isBinary) => {
    // A binary frame is not a stream message; handled as an empty one, it is answered as malformed.
    const text = isBinary ? '' : data.toString();
    waiting += 1;
    if (waiting > MAX_WAITING_FRAMES && !socket.isPaused) socket.pause();
    queue = queue
      .then(() => handle(text))
      .catch(onError)
      .finally(() => {
        waiting -= 1;
        if (waiting === 0 && socket.isPaused) socket.resume();
      });
  });
}
