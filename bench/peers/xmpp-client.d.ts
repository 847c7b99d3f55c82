// The part of @xmpp/client (which ships no types) that the benchmark's XMPP clients use.
declare module '@xmpp/client' {
  import type { Socket } from 'node:net';

  export interface Element {
    name: string;
    attrs: Record<string, string | undefined>;
    children: Array<Element | string>;
    is(name: string, xmlns?: string): boolean;
    getChild(name: string, xmlns?: string): Element | undefined;
    getChildText(name: string, xmlns?: string): string | null;
    toString(): string;
  }

  export function xml(name: string, attrs?: Record<string, string>, ...children: Array<Element | string>): Element;

  export interface ClientOptions {
    service: string;
    domain: string;
    username?: string;
    password?: string;
    /** Chooses the SASL mechanism itself instead of the library's choice. */
    credentials?: (authenticate: (credentials: { username: string; password: string }, mechanism: string) => Promise<void>, mechanisms: string[]) => Promise<void>;
    resource?: string;
    /** How long a step of the negotiation may take, in ms. */
    timeout?: number;
  }

  export interface Client {
    status: string;
    socket: (Socket & { secure: boolean }) | null;
    reconnect: { stop(): void };
    start(): Promise<unknown>;
    stop(): Promise<unknown>;
    send(element: Element): Promise<void>;
    write(text: string): Promise<void>;
    on(event: 'stanza' | 'element', listener: (element: Element) => void): this;
    on(event: 'error', listener: (error: Error) => void): this;
    on(event: 'offline' | 'online', listener: () => void): this;
    on(event: 'status', listener: (status: string) => void): this;
    /** Hands every chunk read from the socket to the XML parser; replaced to read chunks raw. */
    _onData(data: Buffer): void;
    /** Receives every parsed top-level element; replaced to see stream features first. */
    _onElement(element: Element): void;
  }

  export function client(options: ClientOptions): Client;
}
