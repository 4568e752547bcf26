import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServerProcess } from './helpers/server-process.ts';

/** node's arguments in package.json's `start` script (`node --flag… scripts/launch.mjs src/main.ts`). */
function npmStartArgs(): string[] {
  const { scripts } = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: { start: string } };
  const [node, ...args] = scripts.start.split(/\s+/);
  expect(node).toBe('node');
  return args;
}

/** Runs the `npm start` command on a fresh SQLite file, and stops it with SIGTERM. */
describe('npm start', () => {
  it('migrates, seeds the demo data, serves, and shuts down gracefully on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tracehub-main-'));
    // its node flags included: a V8 flag among them once kept every worker thread from starting
    const server = await startServerProcess(npmStartArgs(), {
      NODE_ENV: 'development',
      DATABASE_URL: join(dir, 'db.sqlite'),
      LOG_LEVEL: 'info',
    });
    await server.listening(60_000);
    expect(server.output()).toContain('demo data seeded');

    const base = `http://127.0.0.1:${server.port}`;
    const health = await fetch(`${base}/api/health/check`);
    expect(health.status).toBe(200);
    const login = await fetch(`${base}/api/auth/wx-login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: 'demo' }),
    });
    expect(((await login.json()) as { success: boolean }).success).toBe(true);
    expect((await fetch(`${base}/docs`)).status).toBe(200);
    // a read of the worker pool (its quick lane), as the demo's platform administrator
    const admin = await fetch(`${base}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'platform_admin', password: 'Admin@123456' }),
    });
    const { token } = ((await admin.json()) as { data: { token: string } }).data;
    const erp = await fetch(`${base}/api/erp/status`, { headers: { authorization: `Bearer ${token}` } });
    expect(erp.status).toBe(200);
    // the WAL checkpoint thread ran (every second) and did not fail
    await new Promise((r) => setTimeout(r, 1500));
    expect(server.output()).not.toMatch(/checkpoint thread failed|ERR_WORKER/);
    expect(((await (await fetch(`${base}/openapi.json`)).json()) as { openapi: string }).openapi).toBe('3.1.0');

    expect(await server.stop()).toBe(0);
    expect(server.output()).toContain('"msg":"stopped"');
    expect(server.output()).toMatch(/"route":"\/api\/auth\/wx-login".*"status":200/);
  }, 90_000);
});
