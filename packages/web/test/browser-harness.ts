import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH, createTestDatabase } from '../../../test-support/environment.ts';

/**
 * What every browser test of the web app shares: the built app served by a real
 * `fusion-cell serve` (the demo cell, or a scenario derived from it) from a fresh data
 * directory or a fresh PostgreSQL database, Chromium, fresh browser profiles (one per
 * workstation), and the few steps every test takes. Elements are found by data-testid only,
 * so nothing depends on the language shown.
 */

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const SCREENSHOTS = path.join(ROOT, 'test-results', 'screenshots');
export const VIEWPORT = { width: 1280, height: 800 };
export const DEMO_SCENARIO = path.join(ROOT, 'scenarios', 'paris-2026.json');

export interface DemoLogin {
  party: string;
  username: string;
  password: string;
  roles: string[];
}

interface ServerLaunch {
  dataDir: string;
  port: number;
  scenarioFile: string | undefined;
  databaseUrl: string | undefined;
}

interface RunningServer {
  process: ChildProcess;
  url: string;
  exited: Promise<number | null>;
}

/** Starts `fusion-cell serve` and resolves with the URL it prints once it listens. */
function launchServer(launch: ServerLaunch): Promise<RunningServer> {
  const env = { ...process.env };
  // The settings come from the flags alone.
  for (const variable of ['DATABASE_URL', 'PORT', 'HOST', 'DATA_DIR', 'WEB_DIR']) delete env[variable];
  const args = ['packages/cli/bin/fusion-cell.js', 'serve', '--port', String(launch.port), '--data-dir', launch.dataDir, '--log-level', 'warn'];
  args.push(...(launch.scenarioFile ? ['--scenario', launch.scenarioFile] : ['--demo']));
  if (launch.databaseUrl) args.push('--database-url', launch.databaseUrl);
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start in time:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /Fusion Cell is running at (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ process: child, url: match[1], exited });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${code} before it was ready:\n${output}`));
    });
  });
}

export interface HarnessOptions {
  /** Changes the demo scenario before the cell is initialised, e.g. to shorten deadlines. */
  scenario?: (scenario: Record<string, any>) => void;
  /**
   * Runs this many server instances on one fresh PostgreSQL database (created before the
   * suite, dropped after it) instead of one instance on the embedded database.
   */
  postgresInstances?: number;
}

export interface BrowserHarness {
  /** The first server's base URL. */
  readonly url: string;
  /** Every instance's base URL. */
  readonly urls: readonly string[];
  readonly dataDir: string;
  /** Script errors and CSP violations of every page; each test expects none of its own. */
  readonly pageErrors: string[];
  login(username: string): DemoLogin;
  /** A fresh browser profile: its own cookies, storage and IndexedDB, like another workstation. */
  newPage(options?: { locale?: string; viewport?: { width: number; height: number }; path?: string; instance?: number }): Promise<Page>;
  logIn(page: Page, username: string, password?: string): Promise<void>;
  /** Waits for this browser's device key to be approved (the demo cell approves at once). */
  deviceApproved(page: Page): Promise<void>;
  setLanguage(page: Page, language: 'en' | 'ar' | 'he'): Promise<void>;
  documentDirection(page: Page): Promise<{ dir: string; lang: string }>;
  /** Which half of the viewport the navigation sits in. */
  navigationSide(page: Page): Promise<'left' | 'right'>;
  screenshot(page: Page, name: string): Promise<void>;
  /** Stops an instance with SIGTERM, as an operator would, and returns its exit code. */
  stopServer(instance?: number): Promise<number | null>;
  /** Starts a stopped instance again, on the same port and data. */
  restartServer(instance?: number): Promise<void>;
}

/**
 * Registers the suite's setup and teardown (servers, database, browser) and returns its
 * helpers. Call it inside the suite's `describe`.
 */
export function useBrowserHarness(dataDirPrefix: string, options: HarnessOptions = {}): BrowserHarness {
  let dataDir = '';
  const launches: ServerLaunch[] = [];
  const servers: (RunningServer | undefined)[] = [];
  let database: { url: string; drop(): Promise<void> } | undefined;
  let logins: DemoLogin[] = [];
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  async function start(instance: number): Promise<void> {
    const launch = launches[instance]!;
    const server = await launchServer(launch);
    servers[instance] = server;
    // Later starts reuse the port, so open pages find their server again.
    launch.port = Number(new URL(server.url).port);
  }

  beforeAll(async () => {
    if (!fs.existsSync(path.join(ROOT, 'packages/web/dist/index.html'))) {
      throw new Error('the web app is not built: run "npm run build:web" first');
    }
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), dataDirPrefix));
    let scenarioFile: string | undefined;
    if (options.scenario) {
      const scenario = JSON.parse(fs.readFileSync(DEMO_SCENARIO, 'utf8')) as Record<string, any>;
      options.scenario(scenario);
      // Beside the data directory, not in it: the server finds that directory empty.
      scenarioFile = `${dataDir}-scenario.json`;
      fs.writeFileSync(scenarioFile, JSON.stringify(scenario, null, 2));
    }
    const instances = options.postgresInstances ?? 1;
    if (options.postgresInstances !== undefined) database = await createTestDatabase('fc_web');
    for (let instance = 0; instance < instances; instance += 1) {
      launches.push({ dataDir, port: 0, scenarioFile, databaseUrl: database?.url });
      // One after the other: the first initialises the cell, the others find it.
      await start(instance);
    }
    logins = JSON.parse(fs.readFileSync(path.join(dataDir, 'demo-logins.json'), 'utf8')) as DemoLogin[];
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  });

  afterAll(async () => {
    await browser?.close();
    const codes = await Promise.all(
      servers.map(async (server) => {
        if (!server || server.process.exitCode !== null) return 0;
        server.process.kill('SIGTERM');
        return server.exited;
      }),
    );
    await database?.drop();
    if (dataDir) {
      fs.rmSync(dataDir, { recursive: true, force: true });
      fs.rmSync(`${dataDir}-scenario.json`, { force: true });
    }
    expect(codes.every((code) => code === 0)).toBe(true);
  });

  const urlOf = (instance: number) => {
    const server = servers[instance];
    if (!server) throw new Error(`server ${instance} is not running`);
    return server.url;
  };

  const harness: BrowserHarness = {
    get url() {
      return urlOf(0);
    },
    get urls() {
      return servers.map((_server, instance) => urlOf(instance));
    },
    get dataDir() {
      return dataDir;
    },
    pageErrors,

    login(username) {
      const found = logins.find((candidate) => candidate.username === username);
      if (!found) throw new Error(`no demo login ${username}`);
      return found;
    },

    async newPage({ locale = 'en-US', viewport = VIEWPORT, path: at = '/', instance = 0 } = {}) {
      if (!browser) throw new Error('the browser is not running');
      const context = await browser.newContext({ viewport, locale });
      contexts.push(context);
      const page = await context.newPage();
      // Script errors, CSP violations included, fail the test that caused them.
      page.on('pageerror', (error) => pageErrors.push(error.message));
      page.on('console', (message) => {
        if (message.type() === 'error' && /Content.Security.Policy|Refused to/i.test(message.text())) pageErrors.push(message.text());
      });
      await page.goto(`${urlOf(instance)}${at}`);
      return page;
    },

    async logIn(page, username, password = harness.login(username).password) {
      await page.getByTestId('login-username').fill(username);
      await page.getByTestId('login-password').fill(password);
      await page.getByTestId('login-submit').click();
      await page.getByTestId('app-shell').waitFor();
    },

    async deviceApproved(page) {
      await page.locator('[data-testid="device-status"][data-status="approved"]').waitFor({ timeout: 15_000 });
    },

    async setLanguage(page, language) {
      await page.getByTestId('language-switch').first().selectOption(language);
      await page.waitForFunction((expected) => document.documentElement.lang === expected, language);
    },

    documentDirection(page) {
      return page.evaluate(() => ({ dir: document.documentElement.dir, lang: document.documentElement.lang }));
    },

    async navigationSide(page) {
      const box = await page.getByTestId('nav').boundingBox();
      const width = page.viewportSize()?.width ?? VIEWPORT.width;
      if (!box) throw new Error('the navigation is not visible');
      if (box.x + box.width <= width / 2) return 'left';
      if (box.x >= width / 2) return 'right';
      throw new Error(`the navigation straddles the middle: ${JSON.stringify(box)}`);
    },

    async screenshot(page, name) {
      await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
    },

    async stopServer(instance = 0) {
      const server = servers[instance];
      if (!server) throw new Error(`server ${instance} is not running`);
      server.process.kill('SIGTERM');
      const code = await server.exited;
      servers[instance] = undefined;
      return code;
    },

    async restartServer(instance = 0) {
      if (servers[instance]) throw new Error(`server ${instance} is still running`);
      await start(instance);
    },
  };
  return harness;
}
