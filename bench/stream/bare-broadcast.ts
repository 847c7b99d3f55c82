import type { AddressInfo } from 'node:net';
import { WebSocketServer, WebSocket } from 'ws';

/**
 * The floor to compare the stream with: a bare `ws` server that answers a client's first
 * frame with `caught-up` and broadcasts whatever it is given to every open socket. No
 * session, no policy, no database: the frame is serialised once and written to each socket.
 */
export class BareBroadcast {
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
    const caughtUp = JSON.stringify({ type: 'caught-up', compartment, size: 0 });
    server.on('connection', (socket) => {
      socket.once('message', () => socket.send(caughtUp));
      socket.on('error', () => undefined);
    });
    const { port } = server.address() as AddressInfo;
    return new BareBroadcast(server, `ws://127.0.0.1:${port}`);
  }

  broadcast(frame: string): void {
    for (const socket of this.server.clients) if (socket.readyState === WebSocket.OPEN) socket.send(frame);
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
