import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServerProcess } from './helpers/server-process.ts';

/** Runs `src/main.ts` as `npm start` does, on a fresh SQLite file, and stops it with SIGTERM. */
describe('npm start', () => {
  it('migrates, seeds the demo data, serves, and shuts down gracefully on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tracehub-main-'));
    const server = await startServerProcess(['--import', 'tsx', 'src/main.ts'], {
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
    expect(((await (await fetch(`${base}/openapi.json`)).json()) as { openapi: string }).openapi).toBe('3.1.0');

    expect(await server.stop()).toBe(0);
    expect(server.output()).toContain('"msg":"stopped"');
    expect(server.output()).toMatch(/"route":"\/api\/auth\/wx-login".*"status":200/);
  }, 90_000);
});
