import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RoundScheduler, serialQueue } from '../src/sync/round-scheduler.ts';
import { forEachLimited, withClaimedId } from '../src/sync/verify-pending-items.ts';

describe('serialQueue', () => {
  it('runs work one call at a time, in the order asked, past a failure', async () => {
    const serial = serialQueue();
    const events: string[] = [];
    const step = (name: string, fail = false) => async () => {
      events.push(`${name} start`);
      await new Promise((resolve) => setTimeout(resolve, 5));
      events.push(`${name} end`);
      if (fail) throw new Error(name);
      return name;
    };
    const first = serial(step('a', true));
    const second = serial(step('b'));
    await expect(first).rejects.toThrow('a');
    await expect(second).resolves.toBe('b');
    expect(events).toEqual(['a start', 'a end', 'b start', 'b end']);
  });
});

describe('forEachLimited', () => {
  it('does every value with never more than the limit in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const done: number[] = [];
    await forEachLimited([1, 2, 3, 4, 5, 6, 7], 3, async (value) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 1));
      done.push(value);
      inFlight -= 1;
    });
    expect(done.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(most).toBe(3);
  });
});

describe('withClaimedId', () => {
  it('[R5] fails an entry whose id is not the hash of its bytes, whatever the proof says', () => {
    expect(withClaimedId({ id: 'x', claimedId: 'x' }, { status: 'verified', size: 3 })).toEqual({ status: 'verified', size: 3 });
    expect(withClaimedId({ id: 'x', claimedId: 'y' }, { status: 'verified', size: 3 })).toEqual({
      status: 'failed',
      code: 'id_mismatch',
      detail: 'the server calls it y, but its bytes hash to x',
    });
    expect(withClaimedId({ id: 'x', claimedId: 'y' }, { status: 'failed', code: 'inclusion_invalid', detail: 'not in the tree' })).toEqual({
      status: 'failed',
      code: 'inclusion_invalid',
      detail: 'not in the tree; the server calls it y, but its bytes hash to x',
    });
  });
});

describe('RoundScheduler', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubGlobal('document', { visibilityState: 'visible', addEventListener: () => undefined, removeEventListener: () => undefined });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('runs one more round, not one per request, when asked while a round runs', async () => {
    let rounds = 0;
    let release: () => void = () => undefined;
    const scheduler = new RoundScheduler(async () => {
      rounds += 1;
      if (rounds === 1) await new Promise<void>((resolve) => (release = resolve));
    }, 2000);
    scheduler.start();
    const asked = [scheduler.refresh(), scheduler.refresh(), scheduler.refresh()];
    release();
    await Promise.all(asked);
    expect(rounds).toBe(2);
    scheduler.stop();
  });

  it('polls every interval, stops while a stream is live, and runs at once when it drops', async () => {
    let rounds = 0;
    const scheduler = new RoundScheduler(async () => {
      rounds += 1;
    }, 2000);
    scheduler.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(rounds).toBe(1);
    await vi.advanceTimersByTimeAsync(2000);
    expect(rounds).toBe(2);
    scheduler.setLive(true);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(rounds).toBe(2);
    scheduler.refreshIfPolling();
    await vi.advanceTimersByTimeAsync(0);
    expect(rounds).toBe(2);
    scheduler.setLive(false);
    await vi.advanceTimersByTimeAsync(0);
    expect(rounds).toBe(3);
    scheduler.stop();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(rounds).toBe(3);
  });
});
