import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Runs `src/main.ts` as `npm start` does, on a fresh SQLite file, and stops it with SIGTERM. */
describe('npm start', () => {
  it('migrates, seeds the demo data, serves, and shuts down gracefully on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tracehub-main-'));
    const port = 30000 + Math.floor(Math.random() * 20000);
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { ...process.env, NODE_ENV: 'development', PORT: String(port), DATABASE_URL: join(dir, 'db.sqlite'), LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      out += d.toString();
    });
    const exited = new Promise<number | null>((r) => child.once('exit', r));
    for (let i = 0; i < 600 && !out.includes('tracehub listening'); i++) await new Promise((r) => setTimeout(r, 100));
    expect(out).toContain('demo data seeded');

    const health = await fetch(`http://127.0.0.1:${port}/api/health/check`);
    expect(health.status).toBe(200);
    const login = await fetch(`http://127.0.0.1:${port}/api/auth/wx-login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: 'demo' }),
    });
    expect(((await login.json()) as { success: boolean }).success).toBe(true);
    expect((await fetch(`http://127.0.0.1:${port}/docs`)).status).toBe(200);
    expect(((await (await fetch(`http://127.0.0.1:${port}/openapi.json`)).json()) as { openapi: string }).openapi).toBe('3.1.0');

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(out).toContain('"msg":"stopped"');
    expect(out).toMatch(/"route":"\/api\/auth\/wx-login".*"status":200/);
  }, 90_000);
});
