import { randomBytes } from 'node:crypto';
import net from 'node:net';

/**
 * A stream client that subscribes and then never reads a byte: a plain TCP socket speaking
 * just enough WebSocket (RFC 6455) to upgrade and send masked frames. Client libraries keep
 * reading internally, so only this shows what a stuck client does to the server.
 */
export async function openStuckClient(baseUrl: string, cookie: string, frames: unknown[]): Promise<{ socket: net.Socket; closed: Promise<void> }> {
  const url = new URL(baseUrl);
  const socket = net.connect(Number(url.port), url.hostname);
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  socket.write(
    [
      'GET /api/v1/stream HTTP/1.1',
      `Host: ${url.host}`,
      'Upgrade: websocket',
      'Connection: Upgrade',
      `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
      'Sec-WebSocket-Version: 13',
      `Origin: ${baseUrl}`,
      `Cookie: ${cookie}`,
      '',
      '',
    ].join('\r\n'),
  );
  const response = await new Promise<string>((resolve) => socket.once('data', (chunk: Buffer) => resolve(chunk.toString('latin1'))));
  if (!response.startsWith('HTTP/1.1 101')) throw new Error(`upgrade refused: ${response.split('\r\n')[0]}`);
  socket.pause();
  for (const frame of frames) socket.write(maskedTextFrame(JSON.stringify(frame)));
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  return { socket, closed };
}

function maskedTextFrame(text: string): Buffer {
  const payload = Buffer.from(text, 'utf8');
  if (payload.length > 65_535) throw new Error('frame too long for this helper');
  const header = payload.length < 126 ? Buffer.from([0x81, 0x80 | payload.length]) : Buffer.from([0x81, 0x80 | 126, payload.length >> 8, payload.length & 0xff]);
  const mask = randomBytes(4);
  const masked = Buffer.alloc(payload.length);
  for (let i = 0; i < payload.length; i++) masked[i] = (payload[i] ?? 0) ^ (mask[i % 4] ?? 0);
  return Buffer.concat([header, mask, masked]);
}
