import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEVICE_GRANT_TYPE } from '../../src/services/identity/oauth/device-codes.ts';
import { biCast, PASSWORD } from '../factories.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';

const CHROMIUM = '/usr/bin/chromium';

/** The /device page in a real headless Chromium (Debian's package), over a listening server. */
describe.skipIf(!existsSync(CHROMIUM)).each(DIALECTS)('device page in Chromium on %s', (dialect) => {
  let browser: Browser;
  let t: TestApp;
  let server: ReturnType<typeof serve>;
  let base: string;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'], headless: true });
  });
  afterAll(() => browser?.close());
  beforeEach(async () => {
    t = await createTestApp(dialect);
    await biCast(t);
    server = serve({ fetch: t.app.fetch, hostname: '127.0.0.1', port: 0 });
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    await new Promise((r) => server.close(r));
    await t.close();
  });

  const form = (o: Record<string, string>) => ({
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(o).toString(),
  });

  it('signs in, shows the client, approves, and the device gets its tokens', async () => {
    const start = await (await fetch(`${base}/oauth/device`, form({ client_id: 'bi-cli-prod' }))).json();
    const page = await browser.newPage();
    try {
      await page.goto(`${base}/device?user_code=${start.user_code}`);
      expect(await page.inputValue('#user_code')).toBe(start.user_code);
      await page.fill('#username', 'm1owner');
      await page.fill('#password', PASSWORD);
      await page.click('button[type=submit]');
      await page.waitForSelector('text=asks to access');
      expect(await page.textContent('body')).toContain('bi-cli-prod');
      await page.click('button:has-text("Allow")');
      await page.waitForSelector('text=Access granted');
    } finally {
      await page.close();
    }
    const token = await fetch(
      `${base}/oauth/token`,
      form({ grant_type: DEVICE_GRANT_TYPE, device_code: start.device_code, client_id: 'bi-cli-prod' }),
    );
    expect(token.status).toBe(200);
    expect((await token.json()).token_type).toBe('Bearer');
  });

  it('refuses a form posted from another origin (no session cookie, no CSRF token)', async () => {
    const page = await browser.newPage();
    try {
      await page.setContent(
        `<form method="post" action="${base}/device"><input name="step" value="login"><input name="username" value="m1owner"><input name="password" value="${PASSWORD}"><button>go</button></form>`,
      );
      const [res] = await Promise.all([page.waitForNavigation(), page.click('button')]);
      expect(res?.status()).toBe(403);
      expect(await page.textContent('body')).toContain('Session expired');
    } finally {
      await page.close();
    }
  });
});
