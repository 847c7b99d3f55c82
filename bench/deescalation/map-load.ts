import { createPrivateKey } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { pino } from 'pino';
import { NOTICE_KINDS, type ActivityNoticePayload, type Scenario } from '@fusion-cell/protocol';
import { base64UrlEncode, signEnvelope } from '@fusion-cell/record';
import { generateKeyPair, nodeSigner } from '@fusion-cell/record/node';
import { argon2Hasher, readScenarioFile, startServer, type ServerHandle } from '@fusion-cell/server';
import { submitItem } from '../../packages/server/src/items/submit-item.ts';
import { actorOf, approvedDevice, sessionCookie } from '../cell-actors.ts';
import type { DeviceKey } from '../browser/history-cell.ts';
import { storeDeviceScript } from '../browser/page-scripts.ts';
import { buildWebApp } from '../browser/web-app-build.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../test-support/environment.ts';
import { demoScenarioFile } from '../record/scenario.ts';
import { figure, notMeasured, percentile, type Figure } from '../results.ts';

const NOTICES = 1_000;
/** Timed loads of each map, alternating between them, after one untimed load of each. */
const LOADS = 7;
/** Who opens the map: the side the notices are given to, who must acknowledge them. */
const VIEWER = 'il.duty1';
/** Who gives the notices. */
const AUTHOR = 'sy.duty1';
const MAP_PATH = '/tracks/deescalation?view=map';
const SUBMIT_CONCURRENCY = 50;
const LOAD_TIMEOUT_MS = 120_000;
/** The untimed first load counts what the map draws once its number has not moved for this long. */
const STABLE_MS = 3_000;
const HOUR = 3_600_000;

const LABEL = `demo + ${NOTICES.toLocaleString('en')} notices vs demo alone (${LOADS} fresh page loads each)`;
const NAMES = {
  p50: `de-escalation map load p50, ${LABEL}`,
  max: `de-escalation map load max, ${LABEL}`,
  requests: `de-escalation map load HTTP requests p50, ${LABEL}`,
  drawn: `de-escalation map features drawn ÷ expected (demo + ${NOTICES.toLocaleString('en')} notices)`,
};

/**
 * How long the de-escalation map takes to load in Chromium with 1,000 activity notices on it,
 * against the same map with the demo's own features alone, in the same run.
 *
 * Two demo cells run in this process, serving the web app built for this run; into one, 1,000
 * notices are submitted in the plenary as a side's registered device, through the server's
 * own submission path (each with its automatic checks). They lie in the region the map shows,
 * apart from each other and from the demo's zones, so every check finds them clear and nothing
 * but the notices themselves is added to the map; their windows open more than 48 hours ahead
 * (not late) and within the week the map shows by default.
 *
 * Each load is a fresh browser context holding the member's session cookie and the browser's
 * approved device key, as a workstation that logged in before but never opened the record: the
 * time runs from navigation start until the map's canvas says it drew every feature expected
 * and the base map is in, so it includes fetching the app and the record and verifying every
 * item the map is drawn from (its signature, and its inclusion in a checkpoint). The loads
 * alternate between the two cells; the requests each load made are counted too.
 */
export async function measureMapLoad(): Promise<Figure[]> {
  if (!fs.existsSync(CHROMIUM_PATH)) return unmeasured(`Chromium is not installed at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH)`);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'fc-bench-map-'));
  const cells: MapCell[] = [];
  let browser: Browser | undefined;
  try {
    // Built for this run, from the sources as they are, where no one else's build can reach it.
    const webDir = path.join(scratch, 'web');
    const built = await buildWebApp(webDir, (line) => console.error(`  map load: ${line}`));
    if (built !== undefined) return unmeasured(built);
    const scenario = await readScenarioFile(demoScenarioFile);
    const baseline = await startMapCell(scenario, webDir, path.join(scratch, 'baseline'), 0);
    cells.push(baseline);
    const loaded = await startMapCell(scenario, webDir, path.join(scratch, 'notices'), NOTICES);
    cells.push(loaded);
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });

    // Untimed first loads: they warm both servers up and count what each map draws.
    const demoCount = await countDrawn(browser, baseline);
    const withNotices = await countDrawn(browser, loaded);
    console.error(`  map load: the demo's map draws ${demoCount} features; with the notices, ${withNotices}`);
    const loads = new Map<MapCell, PageLoad[]>([
      [baseline, []],
      [loaded, []],
    ]);
    for (let round = 0; round < LOADS; round++) {
      for (const [cell, expected] of round % 2 === 0 ? ([[baseline, demoCount], [loaded, withNotices]] as const) : ([[loaded, withNotices], [baseline, demoCount]] as const)) {
        const load = await timedLoad(browser, cell, expected);
        loads.get(cell)?.push(load);
        console.error(`  map load: ${cell.name} ${Math.round(load.drawnAt)} ms (${load.shown} shown; first drawn ${Math.round(load.firstShownAt)} ms, base map ${Math.round(load.baseMapAt)} ms; ${load.requests} requests)`);
      }
    }
    const ours = loads.get(loaded) ?? [];
    const theirs = loads.get(baseline) ?? [];
    const ms = (list: PageLoad[]) => list.map((load) => load.drawnAt);
    const requests = (list: PageLoad[]) => percentile(list.map((load) => load.requests), 50);
    const expected = demoCount + NOTICES;
    return [
      figure(NAMES.p50, percentile(ms(ours), 50), 'ms', percentile(ms(theirs), 50), 'informative', true),
      figure(NAMES.max, Math.max(...ms(ours)), 'ms', Math.max(...ms(theirs)), 'informative', true),
      figure(NAMES.requests, requests(ours), 'requests', requests(theirs), 'informative', true),
      figure(NAMES.drawn, withNotices / expected, 'ratio', null, '= 1', withNotices === expected),
    ];
  } finally {
    await browser?.close();
    for (const cell of cells.reverse()) await cell.close();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

function unmeasured(reason: string): Figure[] {
  console.error(`  map load: not measured: ${reason}`);
  return [
    notMeasured(NAMES.p50, reason, 'ms', 'informative'),
    notMeasured(NAMES.max, reason, 'ms', 'informative'),
    notMeasured(NAMES.requests, reason, 'requests', 'informative'),
    notMeasured(NAMES.drawn, reason, 'ratio', '= 1'),
  ];
}


/** A device key made here, registered and approved, whose private half the browser is handed. */

/** A demo cell serving the web app, with the viewer's session and device. */
interface MapCell {
  name: string;
  url: string;
  /** The viewer's session cookie, name=value. */
  cookie: { name: string; value: string };
  device: DeviceKey;
  close(): Promise<void>;
}

async function startMapCell(scenario: Scenario, webDir: string, dataDir: string, notices: number): Promise<MapCell> {
  fs.mkdirSync(dataDir, { recursive: true });
  const server = await startServer({
    port: 0,
    dataDir,
    scenario,
    logger: pino({ level: 'silent' }),
    passwords: argon2Hasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 }),
    webDir,
  });
  try {
    const login = server.initialized?.find((candidate) => candidate.username === VIEWER);
    if (!login) throw new Error(`the demo cell has no login ${VIEWER}`);
    const pair = await sessionCookie(server, login.username, login.password);
    const viewer = await actorOf(server, VIEWER);
    const viewerKey = generateKeyPair();
    const device = await approvedDevice(server, scenario, viewer, viewerKey, 'bench map viewer');
    if (notices > 0) await submitNotices(server, scenario, notices);
    // The checkpoint covering everything, so no load waits for the next one.
    await server.services.record.checkpointer.signPending();
    const separator = pair.indexOf('=');
    return {
      name: notices > 0 ? `demo + ${notices} notices` : 'demo alone',
      url: server.url,
      cookie: { name: pair.slice(0, separator), value: pair.slice(separator + 1) },
      device: {
        cellId: scenario.cell.id,
        memberId: viewer.memberId,
        deviceId: device,
        publicKey: base64UrlEncode(viewerKey.publicKey),
        pkcs8: Buffer.from(createPrivateKey({ key: Buffer.from(viewerKey.privateKey), format: 'der', type: 'pkcs8' }).export({ format: 'der', type: 'pkcs8' })).toString('base64'),
        createdAt: new Date().toISOString(),
      },
      close: async () => {
        await server.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await server.close();
    throw error;
  }
}

/**
 * The demo's zones lie within lon 35.78–36.12, lat 32.7–33.3, and its notices, incident and
 * explanation request inside them: the notices keep clear of this box, with a margin.
 */
const DEMO_BOX = { west: 35.6, east: 36.3, south: 32.5, north: 33.5 };
/** The region the map opens on: lon 34–37.5, lat 31–34.5. */
const REGION = { west: 34, east: 37.5, south: 31, north: 34.5 };
const GRID = 36;
/** A notice's hexagon, in degrees from its centre: well inside its grid cell (3.5° / 36 ≈ 0.097°). */
const RADIUS = 0.025;

/** One small hexagon per cell of a grid over the region outside the demo's box, spread evenly. */
function noticeAreas(count: number): ActivityNoticePayload['area'][] {
  const step = (REGION.east - REGION.west) / GRID;
  const centres: Array<[number, number]> = [];
  for (let row = 0; row < GRID; row++) {
    for (let column = 0; column < GRID; column++) {
      const lon = REGION.west + (column + 0.5) * step;
      const lat = REGION.south + (row + 0.5) * step;
      const clear = lon + step / 2 < DEMO_BOX.west || lon - step / 2 > DEMO_BOX.east || lat + step / 2 < DEMO_BOX.south || lat - step / 2 > DEMO_BOX.north;
      if (clear) centres.push([lon, lat]);
    }
  }
  if (centres.length < count) throw new Error(`the grid holds ${centres.length} places, not ${count}`);
  const round = (value: number) => Math.round(value * 1e6) / 1e6;
  return Array.from({ length: count }, (_, index) => {
    const [lon, lat] = centres[Math.floor((index * centres.length) / count)] as [number, number];
    // Counter-clockwise, closed on its first position.
    const ring = Array.from({ length: 6 }, (_, corner) => {
      const angle = (corner / 6) * 2 * Math.PI;
      return [round(lon + RADIUS * Math.cos(angle)), round(lat + RADIUS * Math.sin(angle))] as [number, number];
    });
    ring.push(ring[0] as [number, number]);
    return { type: 'Polygon', coordinates: [ring] };
  });
}

/** Signs and submits the notices as the author's registered device, a few dozen at a time. */
async function submitNotices(server: ServerHandle, scenario: Scenario, count: number): Promise<void> {
  const author = await actorOf(server, AUTHOR);
  const pair = generateKeyPair();
  const device = await approvedDevice(server, scenario, author, pair, 'bench notices');
  const signer = nodeSigner(pair.privateKey);
  const areas = noticeAreas(count);
  const now = Date.now();
  const started = performance.now();
  const submitted: string[] = [];
  const submitOne = async (index: number) => {
    // From 50 h to about 5 days ahead, a few hours long: on time, and inside the map's default week.
    const from = now + 50 * HOUR + (index % 72) * HOUR;
    const payload: ActivityNoticePayload = {
      kind: NOTICE_KINDS[index % NOTICE_KINDS.length] ?? 'exercise',
      description: `Benchmark notice ${index + 1}: a small activity away from every zone.`,
      language: 'en',
      area: areas[index] as ActivityNoticePayload['area'],
      window: { from: new Date(from).toISOString(), to: new Date(from + (2 + (index % 6)) * HOUR).toISOString() },
      size: { category: 'small', personnel: 40, equipment: [] },
      semantics: 'information-only',
    };
    const signed = await signEnvelope(
      {
        cell: scenario.cell.id,
        compartment: 'plenary',
        type: 'activity.notice',
        track: 'deescalation',
        payload,
        references: [],
        author: author.memberId,
        device,
        authoredAt: new Date().toISOString(),
      },
      signer,
    );
    submitted.push((await submitItem(server.services, author, signed)).id);
  };
  for (let first = 0; first < count; first += SUBMIT_CONCURRENCY) {
    await Promise.all(Array.from({ length: Math.min(SUBMIT_CONCURRENCY, count - first) }, (_, offset) => submitOne(first + offset)));
  }
  const ms = performance.now() - started;
  // Their findings must all be clear: a flagged one would be drawn too.
  const findings = await server.services.db.selectFrom('findings').select(['subject_id', 'result']).execute();
  const ours = new Set(submitted);
  const theirs = findings.filter((finding) => ours.has(finding.subject_id));
  const flagged = theirs.filter((finding) => finding.result === 'flagged').length;
  console.error(`  map load: ${count} notices signed and submitted (with their checks) in ${Math.round(ms)} ms, ${Math.round((count / ms) * 1000)}/s; ${theirs.length} findings on them, ${flagged} flagged`);
  if (flagged > 0) throw new Error(`${flagged} findings on the benchmark's notices are flagged: they would be drawn too`);
}

/** What the page notes, in its own clock (ms since navigation start). */
interface Noted {
  /** When the canvas first said it drew every feature expected, with the base map in. */
  drawnAt: number;
  shown: number;
  /** When the canvas first drew anything, and when the base map was in. */
  firstShownAt: number;
  baseMapAt: number;
}

interface PageLoad extends Noted {
  /** HTTP requests the page made from navigation start until the benchmark saw it drawn (within 100 ms; the stream's socket not counted). */
  requests: number;
}

/**
 * Runs in every document of the context before its scripts: watches the map's two attributes
 * and notes, by the page's clock, when it first drew `expected` features with its base map in.
 */
function watchScript(expected: number): string {
  return `(() => {
    const expected = ${JSON.stringify(expected)};
    const noted = { drawnAt: -1, shown: 0, firstShownAt: -1, baseMapAt: -1 };
    globalThis.__mapLoad = noted;
    const check = () => {
      const now = performance.now();
      const canvas = document.querySelector('[data-testid="map-canvas"]');
      const map = document.querySelector('[data-testid="deescalation-map"]');
      const shown = Number(canvas?.dataset.shown ?? 0);
      const base = map?.dataset.baseMap === 'loaded';
      if (noted.firstShownAt < 0 && shown > 0) noted.firstShownAt = now;
      if (noted.baseMapAt < 0 && base) noted.baseMapAt = now;
      if (noted.drawnAt < 0 && base && shown >= expected) {
        noted.drawnAt = now;
        noted.shown = shown;
      }
    };
    new MutationObserver(check).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-shown', 'data-base-map'] });
  })();`;
}


/** A fresh context, logged in with the device in place, on a page of the cell's origin that is not the app. */
async function freshPage(browser: Browser, cell: MapCell, expected: number): Promise<{ page: Page; errors: string[]; requests(): number; close(): Promise<void> }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  try {
    await context.addCookies([{ ...cell.cookie, url: cell.url }]);
    await context.addInitScript({ content: watchScript(expected) });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${cell.url}/healthz`);
    await page.evaluate(storeDeviceScript(cell.device));
    let requests = 0;
    page.on('request', () => (requests += 1));
    return { page, errors, requests: () => requests, close: () => context.close() };
  } catch (error) {
    await context.close();
    throw error;
  }
}

/** Opens the map and waits until it drew `expected` features with its base map in. */
async function openMap(page: Page, cell: MapCell, expected: number, requests: () => number): Promise<PageLoad> {
  await page.goto(`${cell.url}${MAP_PATH}`, { waitUntil: 'commit' });
  try {
    // A function, not a string: the app's Content-Security-Policy forbids evaluating strings.
    await page.waitForFunction(() => ((globalThis as { __mapLoad?: Noted }).__mapLoad?.drawnAt ?? -1) >= 0, undefined, { timeout: LOAD_TIMEOUT_MS, polling: 100 });
  } catch (error) {
    const state = await page.evaluate(() => (globalThis as { __mapLoad?: Noted }).__mapLoad).catch(() => undefined);
    throw new Error(`${cell.name}: the map did not draw ${expected} features with its base map within ${LOAD_TIMEOUT_MS} ms (${JSON.stringify(state)})`, { cause: error });
  }
  const sent = requests();
  const noted = await page.evaluate(() => (globalThis as { __mapLoad?: Noted }).__mapLoad);
  if (noted === undefined) throw new Error(`${cell.name}: the page lost what it noted`);
  // The app found the device it was handed, approved: the load was a returning workstation's.
  const status = page.locator('[data-testid="device-status"]').first();
  await page.locator('[data-testid="device-status"][data-status="approved"]').first().waitFor({ timeout: 15_000 }).catch(async () => {
    throw new Error(`${cell.name}: the app did not find its approved device (status ${await status.getAttribute('data-status').catch(() => '?')}); has the way it stores device keys changed?`);
  });
  return { ...noted, requests: sent };
}

async function timedLoad(browser: Browser, cell: MapCell, expected: number): Promise<PageLoad> {
  const { page, errors, requests, close } = await freshPage(browser, cell, expected);
  try {
    const load = await openMap(page, cell, expected, requests);
    if (errors.length > 0) throw new Error(`${cell.name}: script errors: ${errors.join('; ')}`);
    return load;
  } finally {
    await close();
  }
}

/** An untimed load: how many features the map draws once it has settled. */
async function countDrawn(browser: Browser, cell: MapCell): Promise<number> {
  const { page, errors, requests, close } = await freshPage(browser, cell, 1);
  try {
    await openMap(page, cell, 1, requests);
    const deadline = performance.now() + LOAD_TIMEOUT_MS;
    const shown = () => page.locator('[data-testid="map-canvas"]').getAttribute('data-shown').then(Number);
    let count = await shown();
    let since = performance.now();
    while (performance.now() - since < STABLE_MS) {
      if (performance.now() > deadline) throw new Error(`${cell.name}: the map's count did not settle within ${LOAD_TIMEOUT_MS} ms`);
      await page.waitForTimeout(250);
      const now = await shown();
      if (now !== count) {
        count = now;
        since = performance.now();
      }
    }
    if (errors.length > 0) throw new Error(`${cell.name}: script errors: ${errors.join('; ')}`);
    return count;
  } finally {
    await close();
  }
}
