import { figure, notMeasured, type Figure } from '../results.ts';
import { startBenchCell } from '../bench-cell.ts';
import { Fleet } from './fleet.ts';
import { timedText } from './fleet-protocol.ts';
import { FILLER, fixed, ProcessMeter, sleep, wallNow } from './load.ts';

const CLIENTS = 100;
const KILLS = 1000;
/** Forced disconnections per second, at random moments (≈ 10 s of them). */
const KILLS_PER_SECOND = 100;
/** Items appended per second, before, during and a little after the disconnections. */
const PER_SECOND = 200;
const COMPARTMENT = 'plenary';

/**
 * Resume after forced disconnections: 100 clients follow a compartment while items are
 * appended continuously; the fleet terminates 1,000 client sockets abruptly (no closing
 * handshake) at random moments, each client reconnecting at once and subscribing from the
 * next index it lacks. At the end every client must hold every entry, none received twice.
 */
export async function measureStreamResume(): Promise<Figure[]> {
  const label = `${KILLS} forced disconnections, ${CLIENTS} clients`;
  const names = { ratio: `stream resume: delivered ÷ sent (${label})`, duplicates: `stream resume: entries received twice (${label})` };
  const cell = await startBenchCell();
  const fleet = await Fleet.start();
  try {
    const from = await cell.size(COMPARTMENT);
    const connected = await fleet.connect({ url: cell.streamUrl, clients: cell.clientSpecs(CLIENTS), compartment: COMPARTMENT, from, concurrency: 20, warmupItems: 0, timelineItems: PER_SECOND });
    console.error(`  ${connected.connected} clients connected in ${Math.round(connected.ms)} ms`);

    const meter = new ProcessMeter();
    let appending = true;
    let appended = 0;
    let failures = 0;
    const submissions: Array<Promise<void>> = [];
    const appender = (async () => {
      const started = performance.now();
      while (appending) {
        const due = started + (appended * 1000) / PER_SECOND;
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait);
        submissions.push(
          cell.submit(COMPARTMENT, timedText(wallNow(), appended, FILLER)).catch((error: unknown) => {
            failures += 1;
            if (failures === 1) console.error('  submission failed:', error);
          }),
        );
        appended += 1;
      }
    })();
    await sleep(500);
    const chaos = await fleet.chaos(KILLS, KILLS_PER_SECOND).catch((error: unknown) => error as Error);
    await sleep(500);
    appending = false;
    await appender;
    await Promise.all(submissions);
    if (chaos instanceof Error) {
      // Without the disconnections there is nothing to measure; say how far they got and what the clients saw.
      const seen = await fleet.report(from + appended);
      const reason =
        `the forced disconnections did not complete (${seen.kills} of ${KILLS}; ${seen.connects - CLIENTS} reconnections, ${seen.openNow} of ${CLIENTS} clients connected, ` +
        `${seen.unexpectedCloses} closes the fleet did not cause${seen.errors.length > 0 ? `, first error: ${seen.errors[0]}` : ''}): ${chaos.message.split('\n')[0]}`;
      console.error(`  ${reason}`);
      return [notMeasured(names.ratio, reason, 'ratio', '= 1'), notMeasured(names.duplicates, reason, 'entries', '= 0')];
    }
    if (failures > 0) throw new Error(`${failures} submissions failed`);
    const size = await cell.size(COMPARTMENT);
    if (size !== from + appended) throw new Error(`the log grew by ${size - from}, not ${appended}`);
    const settled = await fleet.waitFor(size, 20_000);
    const server = meter.stop();
    const report = await fleet.report(size);

    const sent = appended * CLIENTS;
    // Floored, so that a shortfall never shows as 1 once rounded.
    const ratio = Math.floor((report.deliveries / sent) * 1000) / 1000;
    console.error(
      `  ${appended} items appended, ${report.kills} sockets terminated in ${fixed(chaos.ms / 1000, 1)} s, ${report.connects - CLIENTS} reconnections; ` +
        `every client complete ${Math.round(settled.ms)} ms after the last append: ${settled.complete ? 'yes' : `no, ${settled.lagging} lacking entries`}`,
    );
    console.error(
      `  ${report.deliveries}/${sent} delivered, ${report.duplicates} duplicates, ${report.unexpectedCloses} closes the fleet did not cause, ${report.resumeHints} resume hints; ` +
        `server process CPU ${fixed((server.cpuMs / server.ms) * 100, 0)}%, event-loop delay p99 ${fixed(server.loopDelayP99)} ms max ${fixed(server.loopDelayMax)} ms, whole machine ${fixed((server.machineMs / server.ms) * 100, 0)}% of a core`,
    );
    if (report.errors.length > 0) console.error(`  errors: ${report.errors.join('; ')}`);
    return [
      figure(names.ratio, ratio, 'ratio', null, '= 1', report.kills === KILLS && report.deliveries === sent && report.incompleteClients === 0),
      figure(names.duplicates, report.duplicates, 'entries', null, '= 0', report.duplicates === 0),
    ];
  } finally {
    await fleet.close();
    await cell.close();
  }
}
