import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, type TestStorage } from './support/engines.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';

const WEB = new URL('../../web/', import.meta.url);
const sqlite = ENGINES.find((setup) => setup.engine === 'sqlite');

/**
 * What the server serves besides the API that a browser asks for by itself: the app's icon,
 * which Vite copies from the web package's public/ into the build, and the API's docs page,
 * which must render under its content security policy (a browser test watches its console).
 */
describe('the icon and the docs page', () => {
  let storage: TestStorage;
  let server: TestServer;
  let webDir = '';

  beforeAll(async () => {
    if (!sqlite) throw new Error('no SQLite engine');
    storage = await sqlite.create();
    // A build as Vite lays it out: index.html at the root, next to what public/ holds.
    webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fusion-cell-web-'));
    fs.copyFileSync(new URL('index.html', WEB), path.join(webDir, 'index.html'));
    fs.copyFileSync(new URL('public/favicon.svg', WEB), path.join(webDir, 'favicon.svg'));
    server = await startTestServer(storage, { webDir });
  });

  afterAll(async () => {
    await server.close();
    await storage.cleanup();
    fs.rmSync(webDir, { recursive: true, force: true });
  });

  it('serves the app\'s icon as SVG, and the app\'s page names it', async () => {
    const page = await (await fetch(`${server.url}/`)).text();
    expect(page).toMatch(/<link rel="icon" type="image\/svg\+xml" href="\/favicon\.svg" \/>/);
    const icon = await fetch(`${server.url}/favicon.svg`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    const svg = await icon.text();
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    // Nothing in it the app's policy would refuse if it were ever inlined.
    expect(svg).not.toMatch(/<style|style=|<script/);
  });

  it('serves the docs page under a policy without inline styles, in the layout that adds none', async () => {
    const docs = await fetch(`${server.url}/api/v1/docs/`);
    expect(docs.status).toBe(200);
    const policy = docs.headers.get('content-security-policy') ?? '';
    expect(policy).toMatch(/style-src 'self'/);
    expect(policy).not.toMatch(/unsafe-inline/);
    const page = await docs.text();
    expect(page).not.toMatch(/<style|style="/);
    // The standalone layout's top bar inserts an SVG logo holding a <style> element.
    const initializer = await (await fetch(`${server.url}/api/v1/docs/static/swagger-initializer.js`)).text();
    expect(initializer).toMatch(/"layout":\s*"BaseLayout"/);
  });
});
