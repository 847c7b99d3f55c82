import type { IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer, WebSocket } from 'ws';

/**
 * The floor to compare the stream with: the least a server can do to deliver the same frames.
 * A bare `ws` server that answers a client's first frame with `caught-up` and broadcasts every
 * frame it is given to every open socket. No session, no policy, no database.
 *
 * It frames and batches as the stream does, so the difference is the cell's own work: each
 * frame is encoded once (a Buffer shared by all sockets, sent as text), and the frames given in
 * one turn of the event loop leave each socket in one write (the socket corked around them, as
 * the stream corks around the entries of one group commit).
 */
export class BareBroadcast {
  private readonly transports = new WeakMap<WebSocket, Socket>();
  private pending: Buffer[] = [];

  private constructor(
    private readonly server: WebSocketServer,
    readonly url: string,
  ) {}

  static async start(compartment: string): Promise<BareBroadcast> {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
    const { port } = server.address() as AddressInfo;
    const bare = new BareBroadcast(server, `ws://127.0.0.1:${port}`);
    const caughtUp = Buffer.from(JSON.stringify({ type: 'caught-up', compartment, size: 0 }));
    server.on('connection', (socket, request: IncomingMessage) => {
      bare.transports.set(socket, request.socket);
      socket.once('message', () => socket.send(caughtUp, { binary: false }));
      socket.on('error', () => undefined);
    });
    return bare;
  }

  /** Queues a frame; the frames of this turn go out together at its end. */
  broadcast(frame: string): void {
    if (this.pending.length === 0) setImmediate(() => this.flush());
    this.pending.push(Buffer.from(frame));
  }

  private flush(): void {
    const frames = this.pending;
    this.pending = [];
    for (const socket of this.server.clients) {
      if (socket.readyState !== WebSocket.OPEN) continue;
      const transport = frames.length > 1 ? this.transports.get(socket) : undefined;
      transport?.cork();
      for (const frame of frames) socket.send(frame, { binary: false });
      transport?.uncork();
    }
  }

  close(): Promise<void> {
    for (const socket of this.server.clients) socket.terminate();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/**
 * An `entry` frame shaped like the stream's (same fields, the timing text inside a JSON leaf),
 * padded to `bytes` so both sides write and read as much.
 */
export function entryFrameOfSize(bytes: number, sampleText: string): (index: number, text: string) => string {
  const id = 'x'.repeat(43);
  const make = (index: number, text: string, padding: string) =>
    JSON.stringify({ type: 'entry', compartment: 'plenary', index, id, receivedAt: new Date().toISOString(), leaf: JSON.stringify({ envelope: { payload: { language: 'en', text } }, signature: padding }) });
  const probe = make(1000, sampleText, '');
  const padding = 'A'.repeat(Math.max(0, Math.round(bytes - Buffer.byteLength(probe))));
  return (index, text) => make(index, text, padding);
}
