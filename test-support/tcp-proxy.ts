import net from 'node:net';

/** A one-shot cut, armed to fall in the middle of one connection's conversation. */
export interface CutDuring {
  /** The connection is a candidate once it has sent a chunk matching this. */
  after: RegExp;
  /** The first later chunk (or the same one) matching this triggers the cut. */
  at: RegExp;
  /** Whether that chunk still reaches the server before the cut (the answer never comes back). */
  deliver: boolean;
  /**
   * Whether every connection goes and new ones are refused (the server stopped), or only
   * this one (its backend killed, the network dropping one connection).
   */
  everything: boolean;
}

/**
 * A TCP relay between clients and a server that a test can break and mend, to play a server
 * that stops or becomes unreachable while clients are connected:
 *
 * - `cut()`: every connection is reset and new ones are reset at once, as the host of a
 *   stopped server answers. The proxy keeps its port throughout.
 * - `stall()`: nothing answers any more, as when the network between them fails silently:
 *   bytes are swallowed, new connections are accepted and left waiting.
 * - `restore()`: relaying resumes; connections stalled meanwhile are reset, as a network
 *   that comes back finds them broken.
 */
export interface TcpProxy {
  readonly port: number;
  /** The URL with its host and port replaced by the proxy's. */
  urlFor(url: string): string;
  cut(): void;
  stall(): void;
  restore(): void;
  /** Arms a cut that falls mid-conversation; resolves once it has happened. */
  cutDuring(plan: CutDuring): Promise<void>;
  close(): Promise<void>;
}

interface Relay {
  client: net.Socket;
  upstream: net.Socket;
  armed: boolean;
  /** Set when the upstream side must finish sending on its own rather than be torn down. */
  released: boolean;
}

type State = 'relaying' | 'refusing' | 'stalling';

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const relays = new Set<Relay>();
  /** Connections accepted while stalling, never relayed. */
  const waiting = new Set<net.Socket>();
  let state: State = 'relaying';
  let plan: (CutDuring & { done(): void }) | undefined;

  const resetEverything = () => {
    for (const relay of relays) {
      relay.client.resetAndDestroy();
      relay.upstream.resetAndDestroy();
    }
    relays.clear();
    for (const client of waiting) client.resetAndDestroy();
    waiting.clear();
  };

  /** Whether this chunk from the client triggers the armed cut; passes it on as planned. */
  const interceptedByPlan = (relay: Relay, chunk: Buffer): boolean => {
    if (!plan) return false;
    const text = chunk.toString('latin1');
    if (plan.after.test(text)) relay.armed = true;
    if (!relay.armed || !plan.at.test(text)) return false;
    const { deliver, everything, done } = plan;
    plan = undefined;
    relays.delete(relay);
    // The server gets the chunk and then a plain end of stream, so it acts on what it read;
    // the client is reset, as if the network had gone between request and answer.
    relay.released = deliver;
    if (deliver) relay.upstream.end(chunk);
    else relay.upstream.resetAndDestroy();
    relay.client.resetAndDestroy();
    if (everything) {
      state = 'refusing';
      resetEverything();
    }
    done();
    return true;
  };

  const startRelay = (client: net.Socket) => {
    const upstream = net.connect(target.port, target.host);
    const relay: Relay = { client, upstream, armed: false, released: false };
    relays.add(relay);
    const drop = () => {
      relays.delete(relay);
      client.destroy();
      if (!relay.released) upstream.destroy();
    };
    client.on('data', (chunk: Buffer) => {
      if (state === 'stalling' || interceptedByPlan(relay, chunk)) return;
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (state !== 'stalling') client.write(chunk);
    });
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
  };

  const server = net.createServer((client) => {
    if (state === 'refusing') {
      client.resetAndDestroy();
    } else if (state === 'stalling') {
      waiting.add(client);
      client.on('error', () => client.destroy()).on('close', () => waiting.delete(client));
    } else {
      startRelay(client);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;

  return {
    port,
    urlFor: (url) => {
      const parsed = new URL(url);
      parsed.hostname = '127.0.0.1';
      parsed.port = String(port);
      return parsed.toString();
    },
    cut: () => {
      state = 'refusing';
      resetEverything();
    },
    stall: () => {
      state = 'stalling';
    },
    restore: () => {
      if (state === 'stalling') resetEverything();
      state = 'relaying';
      plan = undefined;
    },
    cutDuring: (armed) =>
      new Promise<void>((resolve) => {
        plan = { ...armed, done: resolve };
      }),
    close: async () => {
      state = 'refusing';
      resetEverything();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
