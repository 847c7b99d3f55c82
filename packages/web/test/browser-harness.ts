import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../../test-support/environment.ts';

/**
 * What every browser test of the web app shares: the built app served by a real
 * `fusion-cell serve --demo` from a fresh data directory, Chromium, fresh browser profiles
 * (one per workstation), and the few steps every test takes. Elements are found by
 * data-testid only, so nothing depends on the language shown.
 */

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const SCREENSHOTS = path.join(ROOT, 'test-results', 'screenshots');
export const VIEWPORT = { width: 1280, height: 800 };

export interface DemoLogin {
  party: string;
  username: string;
  password: string;
  roles: string[];
}

interface RunningServer {
  process: ChildProcess;
  url: string;
  exited: Promise<number | null>;
}

/** Starts `fusion-cell serve --demo` on a free port and resolves with the URL it prints. */
function startServer(dataDir: string): Promise<RunningServer> {
  const env = { ...process.env };
  // The browser test always runs on the embedded database, on a port of its own.
  for (const variable of ['DATABASE_URL', 'PORT', 'HOST', 'DATA_DIR', 'WEB_DIR']) delete env[variable];
  const child = spawn(
    process.execPath,
    ['packages/cli/bin/fusion-cell.js', 'serve', '--demo', '--port', '0', '--data-dir', dataDir, '--log-level', 'warn'],
    { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
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

export interface BrowserHarness {
  /** The server's base URL. */
  readonly url: string;
  readonly dataDir: string;
  /** Script errors and CSP violations of every page; each test expects none of its own. */
  readonly pageErrors: string[];
  login(username: string): DemoLogin;
  /** A fresh browser profile: its own cookies, storage and IndexedDB, like another workstation. */
  newPage(options?: { locale?: string; viewport?: { width: number; height: number }; path?: string }): Promise<Page>;
  logIn(page: Page, username: string, password?: string): Promise<void>;
  /** Waits for this browser's device key to be approved (the demo cell approves at once). */
  deviceApproved(page: Page): Promise<void>;
  setLanguage(page: Page, language: 'en' | 'ar' | 'he'): Promise<void>;
  documentDirection(page: Page): Promise<{ dir: string; lang: string }>;
  /** Which half of the viewport the navigation sits in. */
  navigationSide(page: Page): Promise<'left' | 'right'>;
  screenshot(page: Page, name: string): Promise<void>;
}

/**
 * Registers the suite's setup and teardown (server, browser) and returns its helpers. Call it
 * inside the suite's `describe`.
 */
export function useBrowserHarness(dataDirPrefix: string): BrowserHarness {
  let dataDir = '';
  let server: RunningServer | undefined;
  let logins: DemoLogin[] = [];
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!fs.existsSync(path.join(ROOT, 'packages/web/dist/index.html'))) {
      throw new Error('the web app is not built: run "npm run build:web" first');
    }
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), dataDirPrefix));
    server = await startServer(dataDir);
    logins = JSON.parse(fs.readFileSync(path.join(dataDir, 'demo-logins.json'), 'utf8')) as DemoLogin[];
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  });

  afterAll(async () => {
    await browser?.close();
    if (server) {
      server.process.kill('SIGTERM');
      expect(await server.exited).toBe(0);
    }
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const harness: BrowserHarness = {
    get url() {
      if (!server) throw new Error('the server is not running');
      return server.url;
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

    async newPage({ locale = 'en-US', viewport = VIEWPORT, path: at = '/' } = {}) {
      if (!browser) throw new Error('the browser is not running');
      const context = await browser.newContext({ viewport, locale });
      contexts.push(context);
      const page = await context.newPage();
      // Script errors, CSP violations included, fail the test that caused them.
      page.on('pageerror', (error) => pageErrors.push(error.message));
      page.on('console', (message) => {
        if (message.type() === 'error' && /Content.Security.Policy|Refused to/i.test(message.text())) pageErrors.push(message.text());
      });
      await page.goto(`${harness.url}${at}`);
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
  };
  return harness;
}
