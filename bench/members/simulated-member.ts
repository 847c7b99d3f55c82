// One simulated member: logs in, registers its device, opens the stream on every compartment
// its party reads, reads the watch, acknowledges what its party owes and sends messages, at the
// pace a person at a watch console keeps.
import WebSocket from 'ws';
import { deviceRegistrationMessage } from '@fusion-cell/protocol';
import { base64UrlEncode, signEnvelope, utf8Encode, type Envelope, type Signer } from '@fusion-cell/record';
import { generateKeyPair, nodeSigner, signSync } from '@fusion-cell/record/node';
import { TIMED_MESSAGE, timedMessage, type Behaviour, type MemberLogin } from './crowd-protocol.ts';
import { MemberHttp, NO_ANSWER } from './member-http.ts';
import type { WindowStats } from './window-stats.ts';

/** What every member of the crowd shares. */
export interface CrowdContext {
  cellId: string;
  behaviour: Behaviour;
  stats: WindowStats;
  /** The highest index any member received, per compartment: where a reopened console resumes. */
  highest: Map<string, number>;
  /**
   * Owed acknowledgments some member of the party has taken on (`party item`): a watch team
   * splits the work, so one member answers and the others see it answered.
   */
  claimed: Set<string>;
  now(): number;
}

interface SessionView {
  member: { id: string };
  party: { id: string; kind: string };
  compartments: Array<{ id: string; kind: string }>;
}

interface InboxEntryView {
  item: string;
  compartment: string;
  track: string;
  party: string;
  kind: 'ack' | 'reply';
  required: string;
}

/** A compartment as one stream connection follows it. */
interface Following {
  /** Every index below this was received. */
  next: number;
  /** Indices received beyond a gap, until it closes. */
  ahead: Set<number>;
  live: boolean;
}

const ENTRY_HEAD = /^\{"type":"entry","compartment":"([^"]+)","index":(\d+)/;
const HANDSHAKE_TIMEOUT_MS = 10_000;
const RECONNECT_MS = 1000;
const LOGIN_ATTEMPTS = 3;
/** The web app's debounces: frames come in bursts, one request answers them all. */
const WATCH_DEBOUNCE_MS = 60;
const PRESENCE_DEBOUNCE_MS = 180;

export class SimulatedMember {
  private readonly http: MemberHttp;
  private session: SessionView | undefined;
  private signer: Signer | undefined;
  private deviceId = '';
  private socket: WebSocket | undefined;
  private readonly following = new Map<string, Following>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;
  private watching: Promise<void> | undefined;
  private watchAgain = false;
  private sent = 0;
  private readonly debounced = new Set<string>();

  constructor(
    private readonly login: MemberLogin,
    baseUrl: string,
    localAddress: string,
    private readonly crowd: CrowdContext,
  ) {
    this.http = new MemberHttp(baseUrl, localAddress, (kind, status, ms) => crowd.stats.request(kind, status, ms));
  }

  /** How many of the compartments it follows still lack some entry below `sizes` (per compartment). */
  lagging(sizes: ReadonlyMap<string, number>): number {
    let lagging = 0;
    for (const [compartment, following] of this.following) if (following.next < (sizes.get(compartment) ?? 0)) lagging += 1;
    return lagging;
  }

  get subscriptions(): number {
    return this.following.size;
  }

  /** Logs in, registers a device, opens the stream and reads the watch once; then keeps its pace. */
  async join(): Promise<void> {
    await this.logIn();
    await this.registerDevice();
    await this.openStream();
    await this.watch();
    const { behaviour } = this.crowd;
    void this.presence();
    // The web app reads the watch when the stream says something changed, not on a timer.
    if (!behaviour.followsStream) this.every(behaviour.watchEveryMs, () => this.watch(), behaviour.watchEveryMs);
    this.every(behaviour.presenceEveryMs, () => this.presence(), behaviour.presenceEveryMs);
    // Messages come at random moments (a Poisson process), the first anywhere in a period.
    this.after(Math.random() * behaviour.messageEveryMs, () => this.sendMessages());
  }

  private async logIn(): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const answer = await this.http.request('login', 'POST', '/api/v1/auth/login', { username: this.login.username, password: this.login.password });
      if (answer.status === 200) {
        this.http.takeCookie(answer.headers);
        this.session = answer.body as SessionView;
        return;
      }
      // A person tries again after a moment when the server is busy or away; not after a refusal.
      const transient = answer.status === NO_ANSWER || answer.status === 429 || answer.status >= 500;
      if (!transient || attempt === LOGIN_ATTEMPTS) throw new Error(`login ${this.login.username}: ${answer.status} ${brief(answer.body)}`);
      await sleep(1000);
    }
  }

  private async registerDevice(): Promise<void> {
    const session = this.session as SessionView;
    const pair = generateKeyPair();
    const publicKey = base64UrlEncode(pair.publicKey);
    const proof = base64UrlEncode(signSync(pair.privateKey, utf8Encode(deviceRegistrationMessage(this.crowd.cellId, session.member.id, publicKey))));
    const answer = await this.http.request('device', 'POST', '/api/v1/devices', { publicKey, label: 'members bench', proof });
    const device = answer.body as { id?: string; status?: string };
    if (answer.status !== 201 || !device.id) throw new Error(`device of ${this.login.username}: ${answer.status} ${brief(answer.body)}`);
    if (device.status !== 'approved') throw new Error(`device of ${this.login.username} is ${device.status}: the cell must approve devices by itself`);
    this.deviceId = device.id;
    this.signer = nodeSigner(pair.privateKey);
  }

  /** Opens the stream; resolves once it is open (or could not be), not when caught up. */
  private openStream(): Promise<void> {
    const session = this.session as SessionView;
    for (const compartment of session.compartments) {
      if (this.following.has(compartment.id)) continue;
      // A console reopened with the record it kept: it replays only what came meanwhile.
      const known = (this.crowd.highest.get(compartment.id) ?? -1) + 1;
      const next = Math.max(0, known - this.crowd.behaviour.replayEntries);
      this.following.set(compartment.id, { next, ahead: new Set(), live: false });
    }
    const url = `${this.http.baseOrigin.replace(/^http/, 'ws')}/api/v1/stream`;
    const started = performance.now();
    const socket = new WebSocket(url, {
      headers: { cookie: this.http.cookie ?? '', origin: this.http.baseOrigin },
      localAddress: this.http.localAddress,
      perMessageDeflate: false,
      handshakeTimeout: HANDSHAKE_TIMEOUT_MS,
    });
    this.socket = socket;
    return new Promise<void>((resolve) => {
      let answered = false;
      const answer = (status: number) => {
        if (answered) return;
        answered = true;
        this.crowd.stats.request('stream-open', status, performance.now() - started);
        resolve();
      };
      socket.on('unexpected-response', (request, response) => {
        answer(response.statusCode ?? NO_ANSWER);
        request.destroy();
      });
      socket.on('open', () => {
        answer(101);
        const subscriptions = [...this.following].map(([compartment, following]) => ({ compartment, from: following.next }));
        socket.send(JSON.stringify({ type: 'hello', protocol: 1, subscriptions }));
      });
      socket.on('message', (data: Buffer) => this.receive(data));
      socket.on('error', (error) => {
        if (!answered) this.crowd.stats.error(`stream of ${this.login.username}: ${error.message}`);
        answer(NO_ANSWER);
      });
      socket.on('close', (code, reason) => {
        answer(NO_ANSWER);
        if (this.socket !== socket) return;
        this.socket = undefined;
        for (const following of this.following.values()) following.live = false;
        if (this.stopped) return;
        this.crowd.stats.unexpectedCloses += 1;
        this.crowd.stats.error(`stream of ${this.login.username} closed: ${code} ${reason.toString()}`);
        this.after(RECONNECT_MS, () => this.openStream());
      });
    });
  }

  private receive(data: Buffer): void {
    const text = data.toString('utf8');
    const head = ENTRY_HEAD.exec(text);
    if (head) {
      const compartment = head[1] as string;
      const index = Number(head[2]);
      const following = this.following.get(compartment);
      if (!following) return;
      if (index === following.next) {
        following.next += 1;
        while (following.ahead.delete(following.next)) following.next += 1;
      } else if (index > following.next) {
        following.ahead.add(index);
      }
      if (index > (this.crowd.highest.get(compartment) ?? -1)) this.crowd.highest.set(compartment, index);
      const timed = following.live ? TIMED_MESSAGE.exec(text) : null;
      if (timed) this.crowd.stats.delivered(this.crowd.now() - Number(timed[1]));
      if (following.live && this.crowd.behaviour.followsStream) this.soon('watch', WATCH_DEBOUNCE_MS, () => this.watch());
      return;
    }
    const frame = JSON.parse(text) as { type: string; compartment?: string; code?: string; message?: string };
    if (frame.type === 'caught-up') {
      const following = frame.compartment === undefined ? undefined : this.following.get(frame.compartment);
      if (following) following.live = true;
    } else if (frame.type === 'error') {
      this.crowd.stats.errorFrames += 1;
      this.crowd.stats.error(`stream error for ${this.login.username}: ${frame.code ?? '?'} ${frame.message ?? ''}`);
    } else if (frame.type === 'resume') {
      this.crowd.stats.resumeHints += 1;
    } else if (frame.type === 'presence' && this.crowd.behaviour.followsStream) {
      this.soon('presence', PRESENCE_DEBOUNCE_MS, () => this.presence());
    }
  }

  /** Runs `task` once `ms` from now, however many times it is asked for meanwhile. */
  private soon(name: string, ms: number, task: () => Promise<void>): void {
    if (this.debounced.has(name)) return;
    this.debounced.add(name);
    this.after(ms, () => {
      this.debounced.delete(name);
      return task();
    });
  }

  /**
   * Reads the watch as the console does: what the party owes and what it awaits, side by side
   * (supervisors also every open answer); then acknowledges what the party owes that no one
   * of its members took on yet. One read at a time: one asked for meanwhile follows it, once.
   */
  private watch(): Promise<void> {
    if (this.watching) {
      this.watchAgain = true;
      return this.watching;
    }
    this.watching = (async () => {
      do {
        this.watchAgain = false;
        const supervisor = this.session?.party.kind === 'supervisor';
        const [mine] = await Promise.all([
          this.http.request('inbox', 'GET', '/api/v1/inbox?view=mine'),
          this.http.request('inbox', 'GET', '/api/v1/inbox?view=sent'),
          supervisor ? this.http.request('inbox', 'GET', '/api/v1/inbox?view=open') : undefined,
        ]);
        if (mine.status === 200) await this.acknowledge((mine.body as { entries: InboxEntryView[] }).entries);
      } while (this.watchAgain && !this.stopped);
    })().finally(() => (this.watching = undefined));
    return this.watching;
  }

  private async acknowledge(entries: InboxEntryView[]): Promise<void> {
    for (const entry of entries) {
      if (this.stopped) return;
      const claim = `${entry.party} ${entry.item}`;
      if (entry.kind !== 'ack' || entry.party !== this.session?.party.id || this.crowd.claimed.has(claim)) continue;
      this.crowd.claimed.add(claim);
      const status = await this.submit('ack', { compartment: entry.compartment, type: 'ack', track: entry.track, payload: { level: entry.required }, references: [entry.item] });
      // Not entered and not refused (the server failed or did not answer): whoever reads next tries again.
      if (status === NO_ANSWER || status >= 500) this.crowd.claimed.delete(claim);
    }
  }

  private async presence(): Promise<void> {
    await this.http.request('presence', 'GET', '/api/v1/presence');
  }

  private async sendMessages(): Promise<void> {
    const { behaviour } = this.crowd;
    this.after(-Math.log(1 - Math.random()) * behaviour.messageEveryMs, () => this.sendMessages());
    const compartment = this.pickCompartment();
    const asks = compartment.kind !== 'internal' && Math.random() < behaviour.ackRequestedShare;
    const text = timedMessage(this.crowd.now(), `${this.login.username} #${++this.sent}`);
    await this.submit('message', {
      compartment: compartment.id,
      type: 'message',
      track: 'general',
      payload: asks ? { text, language: 'en', ackRequested: true } : { text, language: 'en' },
      references: [],
    });
  }

  /** Half the messages in the plenary, a quarter in a caucus, a quarter in the party's own compartment. */
  private pickCompartment(): { id: string; kind: string } {
    const compartments = (this.session as SessionView).compartments;
    const roll = Math.random();
    const kind = roll < 0.5 ? 'plenary' : roll < 0.75 ? 'caucus' : 'internal';
    const candidates = compartments.filter((compartment) => compartment.kind === kind);
    return candidates[Math.floor(Math.random() * candidates.length)] ?? (compartments[0] as { id: string; kind: string });
  }

  /** Signs and submits an item; resolves with the answer's status. */
  private async submit(kind: string, item: Pick<Envelope, 'compartment' | 'type' | 'track' | 'payload' | 'references'>): Promise<number> {
    const session = this.session as SessionView;
    const envelope: Envelope = { cell: this.crowd.cellId, author: session.member.id, device: this.deviceId, authoredAt: new Date().toISOString(), ...item };
    const signed = await signEnvelope(envelope, this.signer as Signer);
    const answer = await this.http.request(kind, 'POST', '/api/v1/items', signed);
    if (answer.status !== 201 && answer.status !== 200) this.crowd.stats.error(`${kind} by ${this.login.username}: ${answer.status} ${brief(answer.body)}`);
    return answer.status;
  }

  /** Runs `task` every `periodMs` (±10%, so members drift apart), the first time after `firstMs`. */
  private every(periodMs: number, task: () => Promise<void>, firstMs: number): void {
    this.after(firstMs * (0.9 + Math.random() * 0.2), async () => {
      this.every(periodMs, task, periodMs);
      await task();
    });
  }

  private after(ms: number, task: () => Promise<void>): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.stopped) void task().catch((error: unknown) => this.crowd.stats.error(`${this.login.username}: ${(error as Error).message}`));
    }, ms);
    this.timers.add(timer);
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.socket?.terminate();
    this.http.close();
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function brief(body: unknown): string {
  return (typeof body === 'string' ? body : JSON.stringify(body) ?? '').slice(0, 200);
}
