import type { Client, Element } from '@xmpp/client';
import { XMPP_DOMAIN, type Prosody } from './prosody.ts';
import { groupchat, hangUp, joinPresence, logIn } from './xmpp-session.ts';

const STANZA_ID = 'urn:xmpp:sid:0';
const JOIN_TIMEOUT_MS = 30_000;
const REFLECTION_TIMEOUT_MS = 30_000;

/** An acknowledged send: how long it took and whether the room archived the message. */
export interface Reflection {
  ms: number;
  /** The reflection carries the archive's id (XEP-0359 stanza-id by the room). */
  archived: boolean;
  /** Size of the reflected stanza, in bytes. */
  bytes: number;
}

/**
 * The member who sends to the room, in the benchmark's process. Its own messages come back to
 * it from the room (the MUC reflection). Prosody's MUC archives a message (mod_muc_mam,
 * `muc-add-history`, inside `muc-broadcast-message`) before it broadcasts it to the occupants,
 * the sender included, and stamps the archive's id on what it broadcasts: the reflection is
 * the peer's acknowledgment that the message is in the archive.
 */
export class XmppSender {
  private readonly waiting = new Map<string, (stanza: Element) => void>();
  /** Sends that failed to be written (the connection was lost). */
  failures = 0;

  private constructor(
    private readonly session: Client,
    private readonly room: string,
    private readonly nick: string,
  ) {
    session.on('stanza', (stanza) => {
      if (stanza.name !== 'message' || stanza.attrs['from'] !== `${room}/${nick}`) return;
      const id = stanza.attrs['id'] ?? '';
      const wake = this.waiting.get(id);
      if (!wake) return;
      this.waiting.delete(id);
      wake(stanza);
    });
  }

  static async open(prosody: Prosody, member: number, room: string): Promise<XmppSender> {
    const username = prosody.username(member);
    const session = await logIn({ service: prosody.service, domain: XMPP_DOMAIN, username, password: prosody.password });
    const sender = new XmppSender(session, room, username);
    try {
      const joined = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the sender was not in the room ${JOIN_TIMEOUT_MS} ms after asking`)), JOIN_TIMEOUT_MS);
        session.on('stanza', (stanza) => {
          if (stanza.name !== 'presence' || stanza.attrs['from'] !== `${room}/${username}`) return;
          clearTimeout(timer);
          if (stanza.attrs['type'] === 'error') reject(new Error(`the sender could not join: ${stanza.toString()}`));
          else resolve();
        });
      });
      await session.send(joinPresence(room, username));
      await joined;
      return sender;
    } catch (error) {
      hangUp(session);
      throw error;
    }
  }

  /** Sends without waiting (the fan-out's open-loop load). */
  send(id: string, body: string): void {
    this.session.send(groupchat(this.room, id, body)).catch(() => (this.failures += 1));
  }

  /** Sends and resolves once the room reflects the message back. */
  async sendAcknowledged(id: string, body: string): Promise<Reflection> {
    const started = performance.now();
    const reflected = new Promise<Element>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new Error(`no reflection of ${id} within ${REFLECTION_TIMEOUT_MS} ms`));
      }, REFLECTION_TIMEOUT_MS);
      this.waiting.set(id, (stanza) => {
        clearTimeout(timer);
        resolve(stanza);
      });
    });
    await this.session.send(groupchat(this.room, id, body));
    const stanza = await reflected;
    const ms = performance.now() - started;
    const stanzaId = stanza.getChild('stanza-id', STANZA_ID);
    return { ms, archived: stanzaId?.attrs['by'] === this.room, bytes: Buffer.byteLength(stanza.toString()) };
  }

  /**
   * Filler to add to `body` so that each occupant receives a stanza of `bytes`: a probe without
   * a timing mark (the members do not count it) goes through the room first, and its reflection
   * (the same stanza every occupant receives, addressed to itself) is measured.
   */
  async paddingForDelivered(bytes: number, body: string): Promise<string> {
    const probeBody = 'p'.repeat(Buffer.byteLength(body));
    const probe = await this.sendAcknowledged('probe', probeBody);
    return '.'.repeat(Math.max(0, Math.round(bytes - probe.bytes)));
  }

  /** Filler to add to `body` so that the stanza sent is `bytes` long (the cell's request body, say). */
  paddingForSent(bytes: number, body: string): string {
    return '.'.repeat(Math.max(0, Math.round(bytes - this.sentBytes(body))));
  }

  /** The size of the stanza that sends `body`, in bytes. */
  sentBytes(body: string): number {
    return Buffer.byteLength(groupchat(this.room, 's1000', body).toString());
  }

  close(): void {
    hangUp(this.session);
  }
}
