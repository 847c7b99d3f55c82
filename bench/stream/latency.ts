import { figure, median, percentile, spreadOf, withSpread, type Figure } from '../results.ts';
import { BareBroadcast, entryFrameOfSize } from './bare-broadcast.ts';
import { startBenchCell, type BenchCell } from '../bench-cell.ts';
import { Fleet } from './fleet.ts';
import { timedText, type FleetReport, type LatencySummary } from './fleet-protocol.ts';
import { FILLER, fixed, paced, ProcessMeter, sleep } from './load.ts';

const CLIENTS = 600;
/** The load: 600 members, 200 items a second. */
const PER_SECOND = 200;
/** The load comes in slices, alternating between the harnesses: 5 × 2 s each. */
const ROUNDS = 5;
const SLICE_SECONDS = 2;
/** One slice per harness before the timed ones, delivered and counted but not timed. */
const WARMUP_ITEMS = PER_SECOND * SLICE_SECONDS;
const COMPARTMENT = 'plenary';
const CONNECT_CONCURRENCY = 20;
const SETTLE_TIMEOUT_MS = 15_000;
/** The floor's rates, in items a second to the 600 clients, raised until it no longer holds. */
const SWEEP_RATES = [50, 100, 200, 300, 400, 600, 800];
const SWEEP_SECONDS = 2;
/** The floor holds a rate while its p99 stays within the stream's goal and all is delivered. */
const HOLD_P99_MS = 25;

type Range = [first: number, end: number];

/** One side of the comparison: a server, its load and its own client fleet. */
interface Harness {
  name: string;
  fleet: Fleet;
  /** Starts sending item `sequence`, stamped `due`; does not block. */
  send(sequence: number, due: number): void;
  /** Waits until every client has every item sent so far; false if some had not within the time. */
  settle(sent: number, timeoutMs?: number): Promise<boolean>;
  /** The expected log size once `sent` items were sent (the `report` argument). */
  sizeAfter(sent: number): number;
  close(): Promise<void>;
  sent: number;
  /** Totals over the timed slices of the comparison being run. */
  timed: Totals;
}

interface Totals {
  ranges: Range[];
  lags: number[];
  loadMs: number;
  wallMs: number;
  cpuMs: number;
  fleetCpuMs: number;
  machineMs: number;
  loopDelayP99: number;
  loopDelayMax: number;
}

/** One comparison's outcome for one harness: all its timed items, and each slice's p99. */
interface Comparison {
  latency: LatencySummary;
  sliceP99: number[];
}

/**
 * Send → delivery latency of the stream with 600 connected clients, against a floor measured in
 * the same run: a bare `ws` broadcast of frames of the same size, framed and batched as the
 * stream does (bare-broadcast.ts), so that what separates the two is the cell's own work.
 *
 * First the floor's own limit on this machine: its rate is raised step by step until its p99
 * passes the stream's goal or it no longer delivers everything, and the highest rate it held is
 * reported. Then the stream and the floor carry the load (200 items a second) in
 * alternating 2-second slices, five each, so whatever else the machine does falls on both
 * alike; each slice's p99 gives the spread. When the floor itself cannot hold 200 a second
 * here, the comparison is run again at the highest rate it held, where the floor is a floor.
 *
 * The server (and the load, signed and submitted in-process through the server's own
 * submission path, as sy.duty1's registered device) runs in this process; the 600 clients
 * (sharing the 18 demo members' sessions) run in a child process, so their reading and
 * parsing is not server time. The bare harness runs in this process too, with its own 600
 * clients in a second child process.
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
    await slice(real, PER_SECOND, WARMUP_ITEMS, false);
    const frameBytes = (await real.fleet.report(real.sizeAfter(real.sent))).entryFrameBytes;
    bare = await bareHarness(frameBytes);
    await slice(bare, PER_SECOND, WARMUP_ITEMS, false);
    for (const harness of [real, bare]) await harness.fleet.calibrate();

    const held = await sweepFloor(bare);
    const figures = await compareAt(PER_SECOND, real, bare, 'the issue\'s load');
    if (held !== undefined && held < PER_SECOND) figures.push(...(await compareAt(held, real, bare, 'the highest rate the floor holds here')));

    const realReport = await real.fleet.report(real.sizeAfter(real.sent));
    const expected = real.sent * CLIENTS;
    logCounts('stream', realReport, expected);
    logCounts('bare ws', await bare.fleet.report(bare.sizeAfter(bare.sent)), bare.sent * CLIENTS);
    figures.push(
      figure(
        `bare ws floor: highest rate held at ${CLIENTS} clients (p99 <= ${HOLD_P99_MS} ms, all delivered)`,
        held ?? 0,
        'items/s',
        null,
        `informative: above it the machine, not the server, sets the delay (rates tried: ${SWEEP_RATES.join(', ')})`,
        true,
      ),
      // Floored, so that a shortfall never shows as 1 once rounded.
      figure(`stream deliveries ÷ expected (${CLIENTS} clients × ${real.sent} items)`, Math.floor((realReport.deliveries / expected) * 1000) / 1000, 'ratio', null, '= 1', realReport.deliveries === expected),
      figure(`stream duplicate deliveries (${CLIENTS} clients)`, realReport.duplicates, 'entries', null, '= 0', realReport.duplicates === 0),
    );
    return figures;
  } finally {
    await bare?.close();
    await real.close();
  }
}

/**
 * Raises the floor's rate until it no longer holds (p99 past the goal, or items still missing
 * once the slice is over); returns the highest rate it held, undefined if it held none.
 */
async function sweepFloor(bare: Harness): Promise<number | undefined> {
  let held: number | undefined;
  const steps: string[] = [];
  for (const rate of SWEEP_RATES) {
    const first = bare.sent;
    const complete = await slice(bare, rate, rate * SWEEP_SECONDS, false, 2000);
    const { p99 } = await bare.fleet.window([[first, bare.sent]]);
    steps.push(`${rate}/s p99 ${fixed(p99, 1)} ms${complete ? '' : ' (items missing)'}`);
    if (!complete || !(p99 <= HOLD_P99_MS)) break;
    held = rate;
  }
  console.error(`  bare ws floor, ${CLIENTS} clients: ${steps.join('; ')}; held up to ${held ?? 'none'}`);
  // Whatever a saturated step left queued is delivered before the comparison starts.
  await bare.settle(bare.sent, SETTLE_TIMEOUT_MS);
  return held;
}

/** The stream against the floor at one rate, in alternating slices; its figures. */
async function compareAt(rate: number, real: Harness, bare: Harness, why: string): Promise<Figure[]> {
  for (const harness of [real, bare]) harness.timed = emptyTotals();
  for (let round = 0; round < ROUNDS; round++) {
    for (const harness of round % 2 === 0 ? [real, bare] : [bare, real]) await slice(harness, rate, rate * SLICE_SECONDS, true);
  }
  const [stream, floor] = await Promise.all([outcome(real), outcome(bare)]);
  describe(real, stream, rate);
  describe(bare, floor, rate);
  const label = `${CLIENTS} clients, ${rate} items/s, ${why}`;
  const goalMet = stream.latency.p99 <= 25 && stream.latency.p99 <= 5 * floor.latency.p99;
  return [
    figure(`stream send→delivery p50 (${label}) vs bare ws floor`, stream.latency.p50, 'ms', floor.latency.p50, 'informative (the goal is on p99)', true),
    withSpread(
      figure(`stream send→delivery p99 (${label}) vs bare ws floor`, stream.latency.p99, 'ms', floor.latency.p99, '<= 25 ms and <= 5× the floor', goalMet),
      spreadOf(stream.sliceP99),
    ),
    withSpread(
      figure(`stream send→delivery p99, median of the ${ROUNDS} slices (${label}) vs bare ws floor`, median(stream.sliceP99), 'ms', median(floor.sliceP99), 'informative: robust to one slice disturbed by other processes', true),
      spreadOf(stream.sliceP99),
    ),
  ];
}

async function outcome(harness: Harness): Promise<Comparison> {
  const latency = await harness.fleet.window(harness.timed.ranges);
  const sliceP99: number[] = [];
  for (const range of harness.timed.ranges) sliceP99.push((await harness.fleet.window([range])).p99);
  return { latency, sliceP99 };
}

/**
 * Sends `count` items through a harness at `rate` a second, then waits until all are delivered
 * (at most `settleMs` when given); false when some were still missing then.
 */
async function slice(harness: Harness, rate: number, count: number, timed: boolean, settleMs?: number): Promise<boolean> {
  const fleetCpu = await harness.fleet.cpuMs();
  const meter = new ProcessMeter();
  const first = harness.sent;
  const load = await paced(rate, count, (n, due) => harness.send(first + n, due));
  harness.sent += count;
  const complete = await harness.settle(harness.sent, settleMs);
  const usage = meter.stop();
  const fleetCpuMs = (await harness.fleet.cpuMs()) - fleetCpu;
  if (!timed) return complete;
  const totals = harness.timed;
  totals.ranges.push([first, harness.sent]);
  totals.lags.push(...load.lags);
  totals.loadMs += load.ms;
  totals.wallMs += usage.ms;
  totals.cpuMs += usage.cpuMs;
  totals.fleetCpuMs += fleetCpuMs;
  totals.machineMs += usage.machineMs;
  if (usage.loopDelayP99 > totals.loopDelayP99) totals.loopDelayP99 = usage.loopDelayP99;
  if (usage.loopDelayMax > totals.loopDelayMax) totals.loopDelayMax = usage.loopDelayMax;
  return complete;
}

function emptyTotals(): Totals {
  return { ranges: [], lags: [], loadMs: 0, wallMs: 0, cpuMs: 0, fleetCpuMs: 0, machineMs: 0, loopDelayP99: 0, loopDelayMax: 0 };
}

async function serverHarness(): Promise<Harness> {
  const cell: BenchCell = await startBenchCell();
  let fleet: Fleet | undefined;
  try {
    fleet = await Fleet.start();
    const from = await cell.size(COMPARTMENT);
    const connected = await fleet.connect({ url: cell.streamUrl, clients: cell.clientSpecs(CLIENTS), compartment: COMPARTMENT, from, concurrency: CONNECT_CONCURRENCY, warmupItems: WARMUP_ITEMS, timelineItems: WARMUP_ITEMS });
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
      settle: async (sent, timeoutMs) => {
        await Promise.all(submissions);
        if (failures > 0) throw new Error(`${failures} submissions failed`);
        const size = await cell.size(COMPARTMENT);
        if (size !== from + sent) throw new Error(`the log grew by ${size - from}, not ${sent}`);
        return settled('stream', streamFleet, size, timeoutMs);
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
    const connected = await fleet.connect({ url: bare.url, clients: Array.from({ length: CLIENTS }, () => ({ headers: {} })), compartment: COMPARTMENT, from: 0, concurrency: CONNECT_CONCURRENCY, warmupItems: WARMUP_ITEMS, timelineItems: WARMUP_ITEMS });
    console.error(`  bare ws: ${connected.connected} clients connected in ${Math.round(connected.ms)} ms`);
    await sleep(1000);
    // Sized with the longest sequence number the run can reach.
    const frame = entryFrameOfSize(frameBytes, timedText(performance.timeOrigin + performance.now(), 999_999, FILLER));
    const bareFleet = fleet;
    return {
      name: 'bare ws',
      fleet,
      sent: 0,
      timed: emptyTotals(),
      send: (sequence, due) => bare.broadcast(frame(sequence, timedText(due, sequence, FILLER))),
      settle: (sent, timeoutMs) => settled('bare ws', bareFleet, sent, timeoutMs),
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

function logCounts(name: string, report: FleetReport, expected: number): void {
  console.error(
    `  ${name}: ${report.deliveries}/${expected} deliveries, ${report.duplicates} duplicates, ${report.unexpectedCloses} unexpected closes, ${report.resumeHints} resume hints, frame ${Math.round(report.entryFrameBytes)} B`,
  );
  if (report.errors.length > 0) console.error(`  ${name}: errors: ${report.errors.join('; ')}`);
}

async function settled(name: string, fleet: Fleet, size: number, timeoutMs = SETTLE_TIMEOUT_MS): Promise<boolean> {
  const result = await fleet.waitFor(size, timeoutMs);
  if (!result.complete) console.error(`  ${name}: ${result.lagging} clients still lacked entries ${Math.round(result.ms)} ms after the last send`);
  return result.complete;
}

function describe(harness: Harness, outcome: Comparison, rate: number): void {
  const { name, timed } = harness;
  const { latency } = outcome;
  const share = (ms: number) => `${fixed((ms / timed.wallMs) * 100, 0)}%`;
  console.error(
    `  ${name} at ${rate}/s: delay ms p50 ${fixed(latency.p50)} p90 ${fixed(latency.p90)} p99 ${fixed(latency.p99)} p99.9 ${fixed(latency.p999)} max ${fixed(latency.max)} ` +
      `(${latency.count} timed deliveries; clocks compared within ±${fixed(harness.fleet.offsetError, 3)} ms); p99 of each slice ${outcome.sliceP99.map((p99) => fixed(p99, 1)).join(' ')}`,
  );
  console.error(
    `  ${name}: server process CPU ${share(timed.cpuMs)}, event-loop delay p99 ≤ ${fixed(timed.loopDelayP99)} ms, max ${fixed(timed.loopDelayMax)} ms; fleet CPU ${share(timed.fleetCpuMs)}; ` +
      `other processes ${share(Math.max(0, timed.machineMs - timed.cpuMs - timed.fleetCpuMs))} of a core; ` +
      `${fixed((timed.lags.length / timed.loadMs) * 1000, 0)} sends/s, late on schedule p50 ${fixed(percentile(timed.lags, 50))} p99 ${fixed(percentile(timed.lags, 99))} max ${fixed(Math.max(...timed.lags))} ms`,
  );
  const others = (timed.machineMs - timed.cpuMs - timed.fleetCpuMs) / timed.wallMs;
  if (others > 0.25) console.error(`  ${name}: other processes used ${fixed(others * 100, 0)}% of a core meanwhile: expect noisy tails`);
}
