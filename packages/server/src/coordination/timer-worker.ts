import { durationToMilliseconds, itemTypeDefinition, type EscalationPayload } from '@fusion-cell/protocol';
import { toIso } from '../clock.ts';
import { isDatabaseUnavailable } from '../db/database-unavailable.ts';
import { OutageBackoff } from '../db/outage-backoff.ts';
import type { TimerTable } from '../db/schema.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { DeliveryWorker } from '../notifications/delivery-worker.ts';
import { enqueueEscalation } from '../notifications/outbox.ts';
import { appendCellEntry } from '../record/cell-entries.ts';
import type { CellServices } from '../cell-services.ts';
import { parseLeaf } from '../record/applied-entry.ts';
import { channelState } from './channel-state.ts';
import { obligationRuleFor, repeatIntervalMs } from './obligation-rules.ts';
import { claimDueTimers, completeTimer, ensureTimer, releaseFailedTimer, rescheduleTimer } from './timer-store.ts';

export const LINK_CHECK_TIMER = 'link-check:schedule';

/**
 * Fires durable timers: reminders before deadlines, escalations at them, repeated alarms for
 * urgent items until acknowledged, the cell's scheduled link checks and its automatic checks
 * of new items. Time comes from the
 * injected clock, so tests advance it and call `tick()`; a restarted server fires overdue
 * timers on its first tick. While the database is away, ticks back off; timers that fell due
 * meanwhile fire on the first tick after it returns.
 */
export class TimerWorker {
  private timer: NodeJS.Timeout | undefined;
  private started = false;
  private running: Promise<number> | undefined;
  private readonly backoff: OutageBackoff;

  constructor(
    private readonly services: CellServices,
    private readonly events: EventBus,
    private readonly delivery: DeliveryWorker,
    private readonly intervalMs: number,
  ) {
    this.backoff = new OutageBackoff(services.logger, 'firing timers');
  }

  /** Schedules the first link check if the cell has none yet, then starts ticking. */
  async start(): Promise<void> {
    const every = durationToMilliseconds(this.services.record.cell.rules.linkCheck.every);
    await ensureTimer(this.services.db, LINK_CHECK_TIMER, 'link-check', this.services.clock.now() + every);
    if (this.started) return;
    this.started = true;
    void this.tick().then(() => this.scheduleTick());
  }

  async stop(): Promise<void> {
    this.started = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Each tick is scheduled when the last one ends, so a failing tick waits longer, never overlaps. */
  private scheduleTick(): void {
    if (!this.started) return;
    this.timer = setTimeout(() => void this.tick().then(() => this.scheduleTick()), this.backoff.nextDelay(this.intervalMs));
    this.timer.unref();
  }

  /** Fires every due timer and delivers due notifications; returns how many timers fired. */
  tick(): Promise<number> {
    this.running ??= this.fireDue().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async fireDue(): Promise<number> {
    let fired = 0;
    try {
      for (;;) {
        const due = await claimDueTimers(this.services.db, this.services.engine, this.services.clock.now());
        if (due.length === 0) break;
        for (const timer of due) {
          try {
            await this.fire(timer);
            fired += 1;
          } catch (error) {
            // Without a database the release would fail too; the claim runs out instead, and
            // the timer fires on a tick after the database returns.
            if (isDatabaseUnavailable(error)) throw error;
            this.services.logger.error({ err: error, timer: timer.id }, 'timer failed; it will be retried');
            await releaseFailedTimer(this.services.db, timer.id, this.services.clock.now() + 5_000, String(error));
          }
        }
      }
      await this.delivery.deliverDue();
      this.backoff.succeeded();
    } catch (error) {
      this.backoff.failed(error);
    }
    return fired;
  }

  private async fire(timer: TimerTable): Promise<void> {
    const { db } = this.services;
    if (timer.kind === 'link-check') return this.linkCheck(timer);
    // Timers of checks scheduled by earlier versions ('finding') find no obligation and complete:
    // checks now run inside the append that enters their item.
    const obligation = timer.item_id && timer.party_id
      ? await db.selectFrom('obligations').selectAll().where('item_id', '=', timer.item_id).where('party_id', '=', timer.party_id).executeTakeFirst()
      : undefined;
    if (!obligation || obligation.met_at !== null) return completeTimer(db, timer.id);
    const notify = (kind: 'reminder' | 'urgent-repeat' | 'escalation') =>
      this.events.publish({ type: 'notify', kind, party: obligation.party_id, compartment: obligation.compartment_id, item: obligation.item_id, dueAt: obligation.due_at, urgent: obligation.urgent === 1 });
    switch (timer.kind) {
      case 'remind':
        if (this.services.clock.now() < obligation.due_at) await notify('reminder');
        return completeTimer(db, timer.id);
      case 'repeat':
        await notify('urgent-repeat');
        return rescheduleTimer(db, timer.id, this.nextAfterNow(timer.due_at, await this.repeatInterval(obligation.item_id)));
      case 'escalate':
        // Also when already escalated: a firing cut short by the database may have entered the
        // escalation without queueing its deliveries. Queueing twice queues once.
        await this.escalate(obligation);
        await notify('escalation');
        return completeTimer(db, timer.id);
      default:
        this.services.logger.warn({ timer: timer.id, kind: timer.kind }, 'unknown timer kind');
        return completeTimer(db, timer.id);
    }
  }

  /** Enters the escalation in the record (unless it is there), signed by the cell, and queues its delivery outside. */
  private async escalate(obligation: { item_id: string; party_id: string; compartment_id: string; kind: string; required: string; due_at: number; escalation_item_id: string | null }): Promise<void> {
    const item = await this.services.db.selectFrom('items').select(['type', 'track']).where('id', '=', obligation.item_id).executeTakeFirstOrThrow();
    const payload: EscalationPayload = {
      kind: itemTypeDefinition(item.type)?.obligation?.escalatesAs ?? (obligation.kind === 'reply' ? 'reply-overdue' : 'acknowledgment-overdue'),
      item: obligation.item_id,
      party: obligation.party_id,
      required: obligation.required,
      dueAt: toIso(obligation.due_at),
    };
    const escalationId =
      obligation.escalation_item_id ??
      (
        await appendCellEntry(this.services, {
          compartment: obligation.compartment_id,
          type: 'escalation',
          track: item.track,
          payload: { ...payload },
          references: [obligation.item_id],
          authoredAt: obligation.due_at,
        })
      ).id;
    const entry = await this.services.db.selectFrom('log_entries').select('leaf').where('item_id', '=', escalationId).executeTakeFirstOrThrow();
    const parties = this.services.record.cell.audiences.get(obligation.compartment_id) ?? [];
    await enqueueEscalation(
      this.services.db,
      parties,
      { escalationItemId: escalationId, compartment: obligation.compartment_id, payload, leaf: entry.leaf, cellId: this.services.record.cellId },
      this.services.clock.now(),
      this.delivery.emailEnabled,
    );
  }

  /** The cell's scheduled check of the link with every party; paused while the channel is suspended. */
  private async linkCheck(timer: TimerTable): Promise<void> {
    const every = durationToMilliseconds(this.services.record.cell.rules.linkCheck.every);
    const state = await channelState(this.services.db);
    if (state.status === 'open') {
      const previous = await this.services.db.selectFrom('items').select((eb) => eb.fn.countAll<number>().as('count')).where('type', '=', 'link.check').where('author_id', '=', '@cell').executeTakeFirst();
      await appendCellEntry(this.services, {
        compartment: 'plenary',
        type: 'link.check',
        track: 'general',
        payload: { sequence: Number(previous?.count ?? 0) + 1 },
        references: [],
        authoredAt: timer.due_at,
      });
    }
    await rescheduleTimer(this.services.db, timer.id, this.nextAfterNow(timer.due_at, every));
  }

  /** How often the item sounds again, by its own rule (an alert's severity), read from the item as signed. */
  private async repeatInterval(itemId: string): Promise<number> {
    const cell = this.services.record.cell;
    const entry = await this.services.db.selectFrom('log_entries').select('leaf').where('item_id', '=', itemId).executeTakeFirst();
    const rule = entry && obligationRuleFor(cell, parseLeaf(entry.leaf).envelope);
    return rule ? repeatIntervalMs(cell, rule) : durationToMilliseconds(cell.rules.urgentRepeatEvery);
  }

  /**
   * The next time of a repeating timer: it keeps its rhythm from its first time, and after a
   * long stop it fires once for the missed turns, not once for each.
   */
  private nextAfterNow(previous: number, every: number): number {
    const now = this.services.clock.now();
    return previous + every * Math.max(1, Math.floor((now - previous) / every) + 1);
  }
}
