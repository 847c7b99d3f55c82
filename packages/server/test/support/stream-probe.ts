import WebSocket from 'ws';

function streamUrl(baseUrl: string): string {
  return `${baseUrl.replace(/^http/, 'ws')}/api/v1/stream`;
}

/** The HTTP status with which the server refuses to open the stream, or 101 when it opens it. */
export function upgradeStatus(baseUrl: string, cookie: string | undefined): Promise<number> {
  const headers: Record<string, string> = { origin: baseUrl };
  if (cookie) headers['cookie'] = cookie;
  const socket = new WebSocket(streamUrl(baseUrl), { headers });
  return new Promise((resolve, reject) => {
    socket.once('open', () => {
      socket.close();
      resolve(101);
    });
    socket.once('unexpected-response', (_request, response) => {
      response.resume();
      socket.terminate();
      resolve(response.statusCode ?? 0);
    });
    socket.once('error', reject);
  });
}

/** What one subscription was answered: the frame that settled it, exactly as it was sent. */
export interface SubscriptionAnswer {
  type: string;
  raw: string;
}

/**
 * Opens the stream as a member, subscribes to each compartment from its start, and returns,
 * per compartment, the frame that settles the subscription: `caught-up` once the backlog is
 * sent, or an `error`.
 */
export async function subscribeToEach(baseUrl: string, cookie: string, compartments: string[], timeoutMs = 10_000): Promise<Map<string, SubscriptionAnswer>> {
  const socket = new WebSocket(streamUrl(baseUrl), { headers: { origin: baseUrl, cookie } });
  const answers = new Map<string, SubscriptionAnswer>();
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`unanswered subscriptions: ${compartments.filter((id) => !answers.has(id)).join(', ')}`)), timeoutMs);
      socket.on('message', (data) => {
        const raw = data.toString();
        const frame = JSON.parse(raw) as { type: string; compartment?: string };
        if (frame.type === 'welcome') {
          for (const compartment of compartments) socket.send(JSON.stringify({ type: 'subscribe', compartment, from: 0 }));
        }
        if ((frame.type === 'caught-up' || frame.type === 'error') && frame.compartment !== undefined && !answers.has(frame.compartment)) {
          answers.set(frame.compartment, { type: frame.type, raw });
          if (answers.size === compartments.length) {
            clearTimeout(timer);
            resolve();
          }
        }
      });
      socket.once('unexpected-response', (_request, response) => reject(new Error(`upgrade refused: ${response.statusCode}`)));
      socket.once('error', reject);
    });
  } finally {
    socket.terminate();
  }
  return answers;
}
