import { signEnvelope, type SignedEnvelope } from '@fusion-cell/record';
import { nodeSigner } from '@fusion-cell/record/node';
import type { DemoLoginFile } from './child-server.ts';
import { CookieSession, type HttpAnswer } from './cookie-session.ts';
import { newDeviceKey, registrationFor, type TestDeviceKey } from './device-keys.ts';

const CELL = 'paris-2026';
export const CRASH_COMPARTMENT = 'plenary';

/** What the server promised for one envelope: where it is in the log. */
export interface Acknowledgment {
  id: string;
  compartment: string;
  index: number;
}

export interface WriterCounts {
  /** Envelopes signed and sent at least once. */
  sent: number;
  /** Receipts received while the server was running, before it was killed. */
  acknowledgedFirstTime: number;
  /** Envelopes sent again after a restart because no receipt came. */
  resent: number;
  /** Of those, the ones the log already held: the commit happened, the receipt was lost. */
  resentAlreadyAppended: number;
  /** Answers other than a receipt from a server that was running (none expected). */
  refusals: string[];
}

/**
 * A member writing signed messages through several requests at once, as a busy client would.
 * Every envelope stays pending until its receipt arrives; after a crash, the pending ones are
 * sent again, exactly as they were signed.
 */
export class CrashWriter {
  readonly acknowledged = new Map<string, Acknowledgment>();
  readonly counts: WriterCounts = { sent: 0, acknowledgedFirstTime: 0, resent: 0, resentAlreadyAppended: 0, refusals: [] };
  private readonly pending = new Map<number, SignedEnvelope>();
  private nextSequence = 0;
  private writing = false;

  private constructor(
    readonly session: CookieSession,
    private readonly name: string,
    private readonly memberId: string,
    private readonly deviceId: string,
    private readonly key: TestDeviceKey,
  ) {}

  /**
   * Logs in and registers a fresh device key. The demo cell approves devices at once; a cell
   * that does not gets the device approved by the party's administrator.
   */
  static async open(url: string, login: DemoLoginFile, administrator: DemoLoginFile | undefined, name: string): Promise<CrashWriter> {
    const { session, body } = await CookieSession.login(url, login.username, login.password);
    const memberId = body.member.id as string;
    const key = newDeviceKey();
    const device = await session.post('/api/v1/devices', registrationFor(key, CELL, memberId, `crash writer ${name}`));
    if (device.status !== 201) throw new Error(`device registration for ${login.username}: ${device.status} ${JSON.stringify(device.body)}`);
    if (device.body.status !== 'approved') {
      if (!administrator) throw new Error(`the device of ${login.username} waits for approval and party ${login.party} has no administrator login`);
      const admin = await CookieSession.login(url, administrator.username, administrator.password);
      const approved = await admin.session.post(`/api/v1/devices/${device.body.id}/approve`);
      if (approved.status !== 200) throw new Error(`approval of the device of ${login.username}: ${approved.status} ${JSON.stringify(approved.body)}`);
    }
    return new CrashWriter(session, name, memberId, device.body.id as string, key);
  }

  get pendingCount(): number {
    return this.pending.size;
  }

  /** The server now listens elsewhere; the session cookie still holds. */
  moveTo(url: string): void {
    this.session.url = url;
  }

  /**
   * Writes through `lanes` concurrent requests until {@link stop} or until the server stops
   * answering; resolves when every lane has stopped.
   */
  async write(lanes: number, label: string): Promise<void> {
    this.writing = true;
    await Promise.all(Array.from({ length: lanes }, () => this.lane(label)));
  }

  stop(): void {
    this.writing = false;
  }

  /** Sends every envelope still without a receipt again, `lanes` at a time. */
  async resendPending(lanes: number): Promise<void> {
    const queue = [...this.pending.entries()];
    const lane = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const [sequence, signed] = next;
        this.counts.resent += 1;
        const outcome = await this.submit(sequence, signed);
        if (outcome === 'duplicate') this.counts.resentAlreadyAppended += 1;
        if (outcome === 'no answer') this.counts.refusals.push(`resent envelope ${this.name}#${sequence}: no answer`);
      }
    };
    await Promise.all(Array.from({ length: lanes }, lane));
  }

  private async lane(label: string): Promise<void> {
    while (this.writing) {
      const sequence = this.nextSequence++;
      const signed = await this.sign(sequence, label);
      this.pending.set(sequence, signed);
      this.counts.sent += 1;
      const outcome = await this.submit(sequence, signed);
      if (outcome === 'appended' || outcome === 'duplicate') this.counts.acknowledgedFirstTime += 1;
      // Whatever went wrong, the envelope stays pending and is sent again after the restart.
      else return;
    }
  }

  private sign(sequence: number, label: string): Promise<SignedEnvelope> {
    return signEnvelope(
      {
        cell: CELL,
        compartment: CRASH_COMPARTMENT,
        type: 'message',
        track: 'general',
        // Unique text, so that no two envelopes are the same item.
        payload: { text: `${label} writer ${this.name} message ${sequence}`, language: 'en' },
        references: [],
        author: this.memberId,
        device: this.deviceId,
        authoredAt: new Date().toISOString(),
      },
      nodeSigner(this.key.privateKey),
    );
  }

  /** One attempt; a receipt removes the envelope from the pending ones. */
  private async submit(sequence: number, signed: SignedEnvelope): Promise<'appended' | 'duplicate' | 'refused' | 'no answer'> {
    let answer: HttpAnswer;
    try {
      answer = await this.session.post('/api/v1/items', signed);
    } catch {
      return 'no answer';
    }
    if (answer.status !== 201 && answer.status !== 200) {
      this.counts.refusals.push(`envelope ${this.name}#${sequence}: ${answer.status} ${JSON.stringify(answer.body)}`);
      return 'refused';
    }
    const receipt = answer.body as Acknowledgment & { duplicate: boolean };
    this.pending.delete(sequence);
    this.acknowledged.set(receipt.id, { id: receipt.id, compartment: receipt.compartment, index: receipt.index });
    return receipt.duplicate ? 'duplicate' : 'appended';
  }
}

/**
 * One writer per duty officer, round the parties (sy, il, us, then the second watch…); more
 * writers than officers share members, each with a session and a device of its own.
 */
export async function openCrashWriters(url: string, logins: DemoLoginFile[], count: number): Promise<CrashWriter[]> {
  const officers = logins.filter((login) => login.roles.includes('duty')).sort((a, b) => watchOf(a) - watchOf(b) || a.party.localeCompare(b.party));
  if (officers.length === 0) throw new Error('the demo logins hold no duty officer');
  const administrators = new Map(logins.filter((login) => login.roles.includes('admin')).map((login) => [login.party, login]));
  // One after the other: each login hashes a password with argon2id, which a busy machine feels.
  const writers: CrashWriter[] = [];
  for (let n = 0; n < count; n++) {
    const login = officers[n % officers.length] as DemoLoginFile;
    writers.push(await CrashWriter.open(url, login, administrators.get(login.party), `${login.username}/${n}`));
  }
  return writers;
}

function watchOf(login: DemoLoginFile): number {
  return Number(/(\d+)$/.exec(login.username)?.[1] ?? 0);
}
