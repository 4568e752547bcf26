import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { startServerProcess } from './helpers/server-process.ts';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)));
}

/** The production path: `npm run build`, then the compiled server under plain node, no tsx. */
describe('npm run build', () => {
  it('compiles a server that migrates, seeds, serves and stops on SIGTERM without TypeScript', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tracehub-build-'));
    const out = join(dir, 'dist');
    const build = await run('npm', ['run', '-s', 'build', '--', '--out-dir', out], { cwd: root });
    expect(build.stdout).toContain(`build: ${out}`);

    const files = filesUnder(out);
    expect(files).toContain('src/main.js');
    expect(files).toContain('db/migrations/index.js');
    expect(files).toContain('src/routers/app-router.d.ts');
    expect(files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
    // the packages, as the Docker image has them beside dist/
    symlinkSync(join(root, 'node_modules'), join(out, 'node_modules'), 'dir');
    const env = { NODE_ENV: 'development', NODE_OPTIONS: '', UPLOAD_DIR: join(dir, 'uploads'), ATTACHMENTS_DIR: join(dir, 'attachments') };

    const migrate = await run(process.execPath, [join(out, 'scripts/migrate.js')], {
      cwd: dir,
      env: { ...process.env, ...env, DATABASE_URL: join(dir, 'migrated.sqlite') },
    });
    expect(migrate.stdout).toMatch(/applied on sqlite: 2026-11-21-001-core, .*bi-rollups/);

    const server = await startServerProcess([join(out, 'src/main.js')], { ...env, DATABASE_URL: join(dir, 'db.sqlite') }, dir);
    try {
      await server.listening();
      expect(server.output()).toContain('"msg":"migrated"');
      expect(server.output()).toContain('demo data seeded');
      const health = await fetch(`http://127.0.0.1:${server.port}/api/health/check`);
      expect(health.status).toBe(200);
      expect(((await health.json()) as { data: { status: string } }).data.status).toBe('healthy');
      const doc = (await (await fetch(`http://127.0.0.1:${server.port}/openapi.json`)).json()) as { openapi: string };
      expect(doc.openapi).toBe('3.1.0');
    } finally {
      expect(await server.stop()).toBe(0);
    }
    expect(server.output()).toContain('"msg":"stopped"');
    rmSync(dir, { recursive: true, force: true });
  }, 180_000);
});
