// How every XMPP client of the benchmark logs in and joins the room, with @xmpp/client.
import { client, xml, type Client, type Element } from '@xmpp/client';

const MUC = 'http://jabber.org/protocol/muc';
const STREAM_MANAGEMENT = /^urn:xmpp:sm:/;
/** A step of the negotiation may wait this long: 600 members log in on a busy machine. */
const STEP_TIMEOUT_MS = 30_000;

export interface MemberLogin {
  /** xmpp://127.0.0.1:<port> */
  service: string;
  domain: string;
  username: string;
  password: string;
  /**
   * Called with every chunk read from the socket instead of the XML parser once the session is
   * online; the parser keeps it otherwise.
   */
  rawReader?: (data: Buffer) => void;
}

/**
 * Logs a member in (SASL PLAIN over loopback, resource binding) and resolves once the session
 * is online. The client never reconnects by itself: a lost connection is a lost member.
 *
 * Stream management (XEP-0198) is offered by the server but not enabled: the fleet reads
 * stanzas raw and would have to answer every `<r/>` (Prosody asks after each stanza), and the
 * cell's stream has no per-message acknowledgment either. Without it Prosody sends half as
 * many stanzas, which favours the peer.
 */
export async function logIn(login: MemberLogin): Promise<Client> {
  const member = client({
    service: login.service,
    domain: login.domain,
    resource: 'bench',
    timeout: STEP_TIMEOUT_MS,
    // PLAIN is refused by default on a stream without TLS; this one never leaves the machine.
    credentials: (authenticate) => authenticate({ username: login.username, password: login.password }, 'PLAIN'),
  });
  member.reconnect.stop();
  let online = false;
  const parse = member._onData;
  member._onData = function (data: Buffer) {
    if (online && login.rawReader) login.rawReader(data);
    else parse.call(this, data);
  };
  const handle = member._onElement;
  member._onElement = function (element: Element) {
    if (element.name === 'stream:features') element.children = element.children.filter((child) => typeof child === 'string' || !STREAM_MANAGEMENT.test(child.attrs['xmlns'] ?? ''));
    handle.call(this, element);
  };
  await member.start();
  online = true;
  // Each stanza is written at once, as the server writes its own.
  member.socket?.setNoDelay(true);
  return member;
}

/** The presence that joins `room` as `nick`, asking for no history (the run starts empty). */
export function joinPresence(room: string, nick: string): Element {
  return xml('presence', { to: `${room}/${nick}` }, xml('x', { xmlns: MUC }, xml('history', { maxstanzas: '0' })));
}

/** A groupchat message to the room. */
export function groupchat(room: string, id: string, body: string): Element {
  return xml('message', { to: room, type: 'groupchat', id }, xml('body', {}, body));
}

/** Closes the socket without the closing handshake (whose answer a raw reader would not see). */
export function hangUp(member: Client): void {
  member.socket?.destroy();
}
