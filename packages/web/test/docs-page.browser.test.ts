import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../../../test-support/environment.ts';
import { useBrowserHarness } from './browser-harness.ts';

/** What a browser loads by itself from the built app, beside the app: its icon and the API's docs. */
describe.runIf(chromiumAvailable())('the icon and the API docs in Chromium', () => {
  const harness = useBrowserHarness('fusion-cell-docs-');

  it('shows the app\'s icon from the build', async () => {
    const page = await harness.newPage();
    const href = await page.locator('link[rel="icon"]').getAttribute('href');
    expect(href).toBe('/favicon.svg');
    const icon = await page.request.get(`${harness.url}${href}`);
    expect(icon.status()).toBe(200);
    expect(icon.headers()['content-type']).toMatch(/^image\/svg\+xml/);
    expect(harness.pageErrors).toEqual([]);
  });

  it('renders the API docs with no content security policy violation in the console', async () => {
    const page = await harness.newPage({ path: '/api/v1/docs/' });
    await page.locator('.swagger-ui .info .title').waitFor();
    expect(await page.locator('.swagger-ui .info .title').textContent()).toContain('Fusion Cell API');
    await page.locator('.opblock').first().waitFor();
    // The harness gathers every "Refused to…" or Content-Security-Policy error of the console.
    expect(harness.pageErrors).toEqual([]);
  });
});
