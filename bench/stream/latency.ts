import { figure, percentile, type Figure } from '../results.ts';
import { BareBroadcast, entryFrameOfSize } from './bare-broadcast.ts';
import { startBenchCell, type BenchCell } from '../bench-cell.ts';
import { Fleet } from './fleet.ts';
import { timedText, type FleetReport, type LatencySummary } from './fleet-protocol.ts';
import { FILLER, fixed, paced, ProcessMeter, sleep } from './load.ts';

const CLIENTS = 600;
const PER_SECOND = 200;
/** The load comes in slices, alternating between the harnesses: 5 × 2 s = 10 s each. */
const ROUNDS = 5;
const SLICE_ITEMS = 400;
/** One slice per harness before the timed ones, delivered and counted but not timed. */
const WARMUP_ITEMS = SLICE_ITEMS;
const TIMED_ITEMS = ROUNDS * SLICE_ITEMS;
const TOTAL_ITEMS = WARMUP_ITEMS + TIMED_ITEMS;
const COMPARTMENT = 'plenary';
const CONNECT_CONCURRENCY = 20;
const SETTLE_TIMEOUT_MS = 15_000;

/** One side of the comparison: a server, its load and its own client fleet. */
interface Harness {
  name: string;
  fleet: Fleet;
  /** Starts sending item `sequence`, stamped `due`; does not block. */
  send(sequence: number, due: number): void;
  /** Waits until every client has every item sent so far. */
  settle(sent: number): Promise<void>;
  /** The expected log size once `sent` items were sent (the `report` argument). */
  sizeAfter(sent: number): number;
  close(): Promise<void>;
  sent: number;
  /** Totals over the timed slices. */
  timed: { lags: number[]; loadMs: number; wallMs: number; cpuMs: number; fleetCpuMs: number; machineMs: number; loopDelayP99: number; loopDelayMax: number };
}

/**
 * Send → delivery latency of the stream with 600 connected clients at 200 items/s, against a
 * bare `ws` broadcast of frames of the same size at the same rate, in the same run.
 *
 * The server (and the load, signed and submitted in-process through the server's own
 * submission path, as sy.duty1's registered device) runs in this process; the 600 clients
 * (sharing the 18 demo members' sessions) run in a child process, so their reading and
 * parsing is not server time. The bare harness runs in this process too, with its own 600
 * clients in a second child process. Both stay connected throughout; the load alternates
 * between them in 2-second slices (each slice fully delivered before the next starts), so
 * whatever else the machine does falls on both alike.
 *
 * The load is open-loop: each item is stamped with its scheduled send time, written in its
 * text before signing, so time an item waits because the process is busy counts in its
 * delay. A delay is the fleet's receive time (its clock, corrected by the measured offset)
 * minus that stamp.
 */
export async function measureStreamLatency(): Promise<Figure[]> {
  const real = await serverHarness();
  let bare: Harness | undefined;
  try {
    await slice(real, WARMUP_ITEMS, false);
    const frameBytes = (await real.fleet.report(real.sizeAfter(real.sent))).entryFrameBytes;
    bare = await bareHarness(frameBytes);
    await slice(bare, WARMUP_ITEMS, false);
    for (const harness of [real, bare]) await harness.fleet.calibrate();
    for (let round = 0; round < ROUNDS; round++) {
      for (const harness of round % 2 === 0 ? [real, bare] : [bare, real]) await slice(harness, SLICE_ITEMS, true);
    }
    const realReport = await real.fleet.report(real.sizeAfter(real.sent));
    const bareReport = await bare.fleet.report(bare.sizeAfter(bare.sent));
    describe(real, realReport);
    describe(bare, bareReport);
    const expected = TOTAL_ITEMS * CLIENTS;
    const label = `${CLIENTS} clients, ${PER_SECOND} items/s`;
    const { p50, p99, count } = realReport.latency;
    const sliceP99 = (report: FleetReport) => median(report.timeline.slice(1).map((step) => step?.p99 ?? NaN));
    return [
      figure(`stream send→delivery p50 (${label}) vs bare ws`, p50, 'ms', bareReport.latency.p50, 'informative (the goal is on p99)', true),
      figure(`stream send→delivery p99 (${label}) vs bare ws`, p99, 'ms', bareReport.latency.p99, '<= 25 ms and <= 5× bare ws', p99 <= 25 && p99 <= 5 * bareReport.latency.p99 && count === TIMED_ITEMS * CLIENTS),
      figure(
        `stream send→delivery p99, median of the ${ROUNDS} slices' p99 (${label}) vs bare ws`,
        sliceP99(realReport),
        'ms',
        sliceP99(bareReport),
        'informative: the same, robust to a slice disturbed by other processes',
        true,
      ),
      // Floored, so that a shortfall never shows as 1 once rounded.
      figure(`stream deliveries ÷ expected (${CLIENTS} clients × ${TOTAL_ITEMS} items)`, Math.floor((realReport.deliveries / expected) * 1000) / 1000, 'ratio', null, '= 1', realReport.deliveries === expected),
      figure(`stream duplicate deliveries (${label})`, realReport.duplicates, 'entries', null, '= 0', realReport.duplicates === 0),
    ];
  } finally {
    await bare?.close();
    await real.close();
  }
}

/** Sends `count` items through a harness at the rate, then waits until all are delivered. */
async function slice(harness: Harness, count: number, timed: boolean): Promise<void> {
  const fleetCpu = await harness.fleet.cpuMs();
  const meter = new ProcessMeter();
  const first = harness.sent;
  const load = await paced(PER_SECOND, count, (n, due) => harness.send(first + n, due));
  harness.sent += count;
  await harness.settle(harness.sent);
  const usage = meter.stop();
  const fleetCpuMs = (await harness.fleet.cpuMs()) - fleetCpu;
  if (!timed) return;
  const totals = harness.timed;
  totals.lags.push(...load.lags);
  totals.loadMs += load.ms;
  totals.wallMs += usage.ms;
  totals.cpuMs += usage.cpuMs;
  totals.fleetCpuMs += fleetCpuMs;
  totals.machineMs += usage.machineMs;
  if (usage.loopDelayP99 > totals.loopDelayP99) totals.loopDelayP99 = usage.loopDelayP99;
  if (usage.loopDelayMax > totals.loopDelayMax) totals.loopDelayMax = usage.loopDelayMax;
}

function emptyTotals(): Harness['timed'] {
  return { lags: [], loadMs: 0, wallMs: 0, cpuMs: 0, fleetCpuMs: 0, machineMs: 0, loopDelayP99: 0, loopDelayMax: 0 };
}

async function serverHarness(): Promise<Harness> {
  const cell: BenchCell = await startBenchCell();
  let fleet: Fleet | undefined;
  try {
    fleet = await Fleet.start();
    const from = await cell.size(COMPARTMENT);
    const connected = await fleet.connect({ url: cell.streamUrl, clients: cell.clientSpecs(CLIENTS), compartment: COMPARTMENT, from, concurrency: CONNECT_CONCURRENCY, warmupItems: WARMUP_ITEMS, timelineItems: SLICE_ITEMS });
    console.error(`  stream: ${connected.connected} clients on ${cell.cookies.length} sessions connected and caught up in ${Math.round(connected.ms)} ms`);
    // Let the presence announcements of 600 connections drain before the load starts.
    await sleep(1000);
    const submissions: Array<Promise<void>> = [];
    let failures = 0;
    const streamFleet = fleet;
    return {
      name: 'stream',
      fleet,
      sent: 0,
      timed: emptyTotals(),
      send: (sequence, due) => {
        submissions.push(
          cell.submit(COMPARTMENT, timedText(due, sequence, FILLER)).catch((error: unknown) => {
            failures += 1;
            if (failures === 1) console.error('  stream: submission failed:', error);
          }),
        );
      },
      settle: async (sent) => {
        await Promise.all(submissions);
        if (failures > 0) throw new Error(`${failures} submissions failed`);
        const size = await cell.size(COMPARTMENT);
        if (size !== from + sent) throw new Error(`the log grew by ${size - from}, not ${sent}`);
        await settled('stream', streamFleet, size);
      },
      sizeAfter: (sent) => from + sent,
      close: async () => {
        await streamFleet.close();
        await cell.close();
      },
    };
  } catch (error) {
    await fleet?.close();
    await cell.close();
    throw error;
  }
}

async function bareHarness(frameBytes: number): Promise<Harness> {
  const bare = await BareBroadcast.start(COMPARTMENT);
  let fleet: Fleet | undefined;
  try {
    fleet = await Fleet.start();
    const connected = await fleet.connect({ url: bare.url, clients: Array.from({ length: CLIENTS }, () => ({ headers: {} })), compartment: COMPARTMENT, from: 0, concurrency: CONNECT_CONCURRENCY, warmupItems: WARMUP_ITEMS, timelineItems: SLICE_ITEMS });
    console.error(`  bare ws: ${connected.connected} clients connected in ${Math.round(connected.ms)} ms`);
    await sleep(1000);
    const frame = entryFrameOfSize(frameBytes, timedText(performance.timeOrigin + performance.now(), TOTAL_ITEMS, FILLER));
    const bareFleet = fleet;
    return {
      name: 'bare ws',
      fleet,
      sent: 0,
      timed: emptyTotals(),
      send: (sequence, due) => bare.broadcast(frame(sequence, timedText(due, sequence, FILLER))),
      settle: (sent) => settled('bare ws', bareFleet, sent),
      sizeAfter: (sent) => sent,
      close: async () => {
        await bareFleet.close();
        await bare.close();
      },
    };
  } catch (error) {
    await fleet?.close();
    await bare.close();
    throw error;
  }
}

function median(values: number[]): number {
  const sorted = values.filter((value) => !Number.isNaN(value)).sort((a, b) => a - b);
  const middle = sorted.length / 2;
  return sorted.length % 2 ? (sorted[Math.floor(middle)] ?? NaN) : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
}

async function settled(name: string, fleet: Fleet, size: number): Promise<void> {
  const result = await fleet.waitFor(size, SETTLE_TIMEOUT_MS);
  if (!result.complete) console.error(`  ${name}: ${result.lagging} clients still lacked entries ${Math.round(result.ms)} ms after the last send`);
}

function describe(harness: Harness, report: FleetReport): void {
  const { name, timed } = harness;
  const { latency } = report;
  const share = (ms: number) => `${fixed((ms / timed.wallMs) * 100, 0)}%`;
  console.error(
    `  ${name}: ${report.deliveries}/${TOTAL_ITEMS * CLIENTS} deliveries, ${report.duplicates} duplicates, ${report.unexpectedCloses} unexpected closes, ${report.resumeHints} resume hints, ` +
      `frame ${Math.round(report.entryFrameBytes)} B; delay ms p50 ${fixed(latency.p50)} p90 ${fixed(latency.p90)} p99 ${fixed(latency.p99)} p99.9 ${fixed(latency.p999)} max ${fixed(latency.max)} ` +
      `(${latency.count} timed; clocks compared within ±${fixed(harness.fleet.offsetError, 3)} ms)`,
  );
  console.error(
    `  ${name}: server process CPU ${share(timed.cpuMs)}, event-loop delay p99 ≤ ${fixed(timed.loopDelayP99)} ms, max ${fixed(timed.loopDelayMax)} ms; fleet CPU ${share(timed.fleetCpuMs)}; ` +
      `other processes ${share(Math.max(0, timed.machineMs - timed.cpuMs - timed.fleetCpuMs))} of a core; ` +
      `${fixed((timed.lags.length / timed.loadMs) * 1000, 0)} sends/s, late on schedule p50 ${fixed(percentile(timed.lags, 50))} p99 ${fixed(percentile(timed.lags, 99))} max ${fixed(Math.max(...timed.lags))} ms`,
  );
  const steps = (pick: (step: LatencySummary) => number) => report.timeline.map((step) => (step ? fixed(pick(step), 1) : '—')).join(' ');
  console.error(`  ${name}: per 2-s slice, warm-up first (ms): p50 ${steps((step) => step.p50)}; p99 ${steps((step) => step.p99)}; max ${steps((step) => step.max)}`);
  const others = (timed.machineMs - timed.cpuMs - timed.fleetCpuMs) / timed.wallMs;
  if (others > 0.25) console.error(`  ${name}: other processes used ${fixed(others * 100, 0)}% of a core meanwhile: expect noisy tails`);
  if (report.errors.length > 0) console.error(`  ${name}: errors: ${report.errors.join('; ')}`);
}
