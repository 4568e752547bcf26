import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CliIo, main } from '../../src/cli/bi/main.ts';
import { decideAuthorization } from '../../src/services/identity/oauth/code-verification.ts';
import { biCast } from '../factories.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { addOrder, addProduct } from './commerce-fixtures.ts';

describe.each(DIALECTS)('bi CLI against the app on %s', (dialect) => {
  let t: TestApp;
  let who: Awaited<ReturnType<typeof biCast>>;
  let dir: string;
  let out: string[];
  let sleeps: number[];
  let onSleep: (n: number) => Promise<void>;
  let io: CliIo;
  beforeEach(async () => {
    t = await createTestApp(dialect, { env: { PUBLIC_BASE_URL: 'http://bi.test' } });
    who = await biCast(t);
    dir = await mkdtemp(join(tmpdir(), 'bi-cli-'));
    out = [];
    sleeps = [];
    onSleep = async () => {};
    io = {
      fetch: ((url: string, init?: RequestInit) => t.app.request(url, init)) as typeof fetch,
      out: (l) => out.push(l),
      err: (l) => out.push(`ERR ${l}`),
      sleep: async (ms) => {
        sleeps.push(ms);
        await onSleep(sleeps.length);
      },
      configDir: dir,
      defaultServer: 'http://bi.test',
    };
  });
  afterEach(async () => {
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  const userCodeShown = () => /enter the code ([A-Z]{4}-[A-Z]{4})/.exec(out.join('\n'))?.[1] ?? '';

  it('logs in by the device flow, backs off on slow_down, stores and refreshes tokens, prints tables', async () => {
    onSleep = async (n) => {
      // 1: first poll → pending; 2: polled again at once → slow_down; 3: approved → tokens
      if (n === 3) {
        expect(await decideAuthorization(t.deps.db, { userCode: userCodeShown(), userId: who.m1.id, approve: true })).toBe(true);
        await t.deps.db
          .updateTable('oauth_device_codes')
          .set({ last_polled_at: Date.now() - 60_000 })
          .execute();
      }
    };
    expect(await main(['login'], io)).toBe(0);
    expect(out[0]).toMatch(/^Open http:\/\/bi\.test\/device and enter the code [A-Z]{4}-[A-Z]{4}$/);
    expect(sleeps).toEqual([5000, 5000, 10000]);
    expect(out.at(-1)).toBe('Logged in as M1OWNER (merchant) on http://bi.test');
    const file = join(dir, 'bi-credentials.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const creds = JSON.parse(await readFile(file, 'utf8'));
    expect(creds).toMatchObject({ server: 'http://bi.test', client_id: 'bi-cli-prod' });

    await addProduct(t, 'P1', 'M1', 1999);
    await addOrder(t, { id: 'x1', factoryId: 'M1', email: 'q@x', status: 'paid', at: Date.now() - 1000, items: [['P1', 3, 1999]] });
    out = [];
    expect(await main(['sales'], io)).toBe(0);
    const text = out.join('\n');
    expect(text).toContain('revenue 59.97, 1 orders, average 59.97');
    expect(text).toMatch(/│ \d{4}-\d{2}-\d{2} │ 59\.97\s+│ 1\s+│/);
    out = [];
    expect(await main(['products', '--limit', '3'], io)).toBe(0);
    expect(out[0]).toContain('Product P1');
    out = [];
    expect(await main(['financial', '--json'], io)).toBe(0);
    expect(JSON.parse(out.join('\n'))).toMatchObject({ gross_revenue: 59.97, platform_fee: 3, net_revenue: 56.97 });

    // an expired access token is refreshed (rotation) before the call
    await writeFile(file, JSON.stringify({ ...creds, expires_at: Date.now() - 1 }));
    out = [];
    expect(await main(['customers'], io)).toBe(0);
    const after = JSON.parse(await readFile(file, 'utf8'));
    expect(after.refresh_token).not.toBe(creds.refresh_token);
    expect(after.expires_at).toBeGreaterThan(Date.now());
    // merchants cannot read the platform overview nor another merchant
    out = [];
    expect(await main(['overview'], io)).toBe(1);
    expect(out[0]).toMatch(/^ERR bi: 403/);
    expect(await main(['sales', '--merchant', 'M2'], io)).toBe(1);
    expect(await main(['logout'], io)).toBe(0);
    out = [];
    expect(await main(['whoami'], io)).toBe(1);
    expect(out[0]).toBe('ERR bi: not logged in; run `bi login`');
  });

  it('stops when the user denies', async () => {
    onSleep = async (n) => {
      if (n === 1) await decideAuthorization(t.deps.db, { userCode: userCodeShown(), userId: who.m1.id, approve: false });
    };
    expect(await main(['login'], io)).toBe(1);
    expect(out.at(-1)).toBe('ERR bi: the request was denied in the browser');
  });
});
