import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import jsQRModule from 'jsqr';
import { type Browser, type BrowserContext, chromium } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sampleBatch, v1Operators } from '../factories.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';

const CHROMIUM = '/usr/bin/chromium';
/** Where browser tests leave their screenshots (CI may keep the folder); git ignores it. */
const ARTEFACTS = process.env.TEST_ARTEFACTS_DIR ?? join(process.cwd(), 'test-artefacts');
// jsqr is a CommonJS bundle typed as an ES default export: take the function either way.
const jsQR = ((jsQRModule as { default?: unknown }).default ?? jsQRModule) as typeof jsQRModule.default;
/** A phone: the viewport, density and touch of a Pixel 7 class device. */
const PHONE = { viewport: { width: 412, height: 915 }, deviceScaleFactor: 2.625, isMobile: true, hasTouch: true };

if (!existsSync(CHROMIUM)) console.warn(`resolver-browser: ${CHROMIUM} is absent (apt-get install chromium); skipped`);

/**
 * Issue 14 §3 done-when: the resolver page, from a scanned QR code's URL, in a real headless
 * Chromium on a phone viewport, over a listening server whose PUBLIC_BASE_URL is its own address.
 * Every request the page makes is recorded; any not to the server is blocked and fails the test.
 */
describe.skipIf(!existsSync(CHROMIUM))('GS1 resolver page in Chromium (sqlite)', () => {
  let browser: Browser;
  let t: TestApp;
  let server: ReturnType<typeof serve>;
  let base: string;
  let context: BrowserContext;
  let foreign: string[];
  beforeAll(async () => {
    mkdirSync(ARTEFACTS, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'], headless: true });
  });
  afterAll(() => browser?.close());
  beforeEach(async () => {
    // listen first (the port is the base URL's), then build the app the server hands requests to
    let app: TestApp['app'] | undefined;
    server = serve({ fetch: (req) => (app as TestApp['app']).fetch(req), hostname: '127.0.0.1', port: 0 });
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    t = await createTestApp('sqlite', { env: { PUBLIC_BASE_URL: base } });
    app = t.app;
    context = await browser.newContext(PHONE);
    foreign = [];
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(`${base}/`)) return route.continue();
      foreign.push(url);
      return route.abort('blockedbyclient');
    });
  });
  afterEach(async () => {
    await context?.close();
    await new Promise((r) => server.close(r));
    await t?.close();
  });

  /** A batch with GTIN + lot and three logs, through the API; the URL its QR code PNG carries. */
  async function scannedLot(): Promise<string> {
    const { a } = await v1Operators(t);
    const res = await t.call('POST', '/v1/traces', {
      token: a.token,
      body: sampleBatch({ name: 'Fuji apples', farmId: 'Orchard 7', gtin: '9520123456788', lot: 'LOT-2026-11' }),
    });
    expect(res.status, res.text).toBe(201);
    const id = res.body.data.id;
    for (const [eventType, location] of [
      ['harvest', 'Orchard 7, Yantai'],
      ['inspection', 'QA lab 2'],
      ['shipping', 'Dock 3 → Shanghai DC'],
    ]) {
      const log = await t.call('POST', `/v1/traces/${id}/logs`, { token: a.token, body: { eventType, location } });
      expect(log.status, log.text).toBe(201);
    }
    const qr = await fetch(`${base}/v1/traces/${id}/qrcode`, { headers: { authorization: `Bearer ${a.token}` } });
    expect(qr.status).toBe(200);
    expect(qr.headers.get('content-type')).toBe('image/png');
    const png = PNG.sync.read(Buffer.from(await qr.arrayBuffer()));
    const url = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data;
    expect(url).toBe(`${base}/01/09520123456788/10/LOT-2026-11`);
    return url as string;
  }

  it('renders the lot page of the scanned URL: product, factory, lot, journey; no external request', async () => {
    const url = await scannedLot();
    const page = await context.newPage();
    const res = await page.goto(url);
    expect(res?.status()).toBe(200);
    expect(await page.title()).toBe('Fuji apples · lot LOT-2026-11');
    await expect.poll(() => page.locator('header h1').innerText()).toBe('Fuji apples');
    const about = await page.locator('section[aria-labelledby=about]').innerText();
    for (const text of ['09520123456788', 'LOT-2026-11', '甲工厂', 'Orchard 7', 'On the market']) expect(about).toContain(text);
    const steps = await page.locator('ol > li').allInnerTexts();
    expect(steps.map((s) => s.split('\n')[0])).toEqual(['Harvest', 'Inspection', 'Shipping']);
    expect(steps[2]).toContain('Dock 3 → Shanghai DC');
    // laid out for the phone: nothing wider than the viewport
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.viewport.width);
    await page.screenshot({ path: join(ARTEFACTS, 'gs1-resolver-lot.png'), fullPage: true });
    expect(foreign).toEqual([]);
  });

  it('answers a mistyped code with the 404 page', async () => {
    const url = await scannedLot();
    const page = await context.newPage();
    const res = await page.goto(url.replace('09520123456788', '09520123456789'));
    expect(res?.status()).toBe(404);
    expect(await page.locator('header h1').innerText()).toBe('Product lot not found');
    expect(await page.getByRole('alert').innerText()).toContain('This is not a valid GS1 product code');
    await page.screenshot({ path: join(ARTEFACTS, 'gs1-resolver-404.png'), fullPage: true });
    expect(foreign).toEqual([]);
  });
});
