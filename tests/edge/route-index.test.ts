import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { procedureFiles, renderRouteIndex, routeIndex } from '../../scripts/route-index.ts';
import { appRouter } from '../../src/routers/app-router.ts';

/**
 * src/routers/ROUTES.md, the generated route index (scripts/route-index.ts): every operation
 * openapi.json documents has one row naming an existing file that exports its procedure, and
 * the committed file is what the routers generate.
 */
type Json = Record<string, any>;
const root = new URL('../../', import.meta.url);
const doc = JSON.parse(readFileSync(new URL('openapi.json', root), 'utf8')) as Json;
const committed = readFileSync(new URL('src/routers/ROUTES.md', root), 'utf8');
const entries = await routeIndex(appRouter);

describe('the route index', () => {
  it('lists every documented operation once, with the file defining its procedure', async () => {
    const documented = Object.entries(doc.paths as Json)
      .flatMap(([path, methods]) => Object.keys(methods as Json).map((method) => `${method.toUpperCase()} ${path}`))
      .sort();
    expect(entries.map((e) => `${e.method} ${e.path}`).sort()).toEqual(documented);
    for (const { method, path, procedurePath, file } of entries) {
      expect(existsSync(new URL(file, root)), `${method} ${path} → ${file}`).toBe(true);
      const module = (await import(new URL(file, root).href)) as Record<string, unknown>;
      const procedure = (appRouter._def.procedures as Record<string, unknown>)[procedurePath];
      const exported = Object.values(module).some(
        (v) => v === procedure || Object.values((v as { _def?: { procedures?: object } })?._def?.procedures ?? {}).includes(procedure),
      );
      expect(exported, `${file} exports ${procedurePath}`).toBe(true);
      expect(committed).toContain(`| ${method} | \`${path}\` | \`${procedurePath}\` | [${file}]`);
    }
  });

  it('is committed as generated and sorted by path', () => {
    expect(committed).toBe(renderRouteIndex(entries));
    const paths = entries.map((e) => e.path);
    expect(paths).toEqual([...paths].sort());
  });

  it('resolves a procedure to one module and fails loudly otherwise', async () => {
    const files = await procedureFiles(appRouter);
    expect(files.size).toBe(Object.keys(appRouter._def.procedures).length);
    await expect(procedureFiles(appRouter, fileURLToPath(new URL('src/edge', root)))).rejects.toThrow(/no module under src\/edge exports/);
    // two modules re-exporting the same file's procedures: neither is "the" file
    const dir = mkdtempSync(join(tmpdir(), 'route-index-'));
    try {
      const source = fileURLToPath(new URL(entries[0]!.file, root));
      for (const name of ['a.ts', 'b.ts']) writeFileSync(join(dir, name), `export * from '${source}';\n`);
      await expect(procedureFiles(appRouter, dir)).rejects.toThrow(/is exported by several modules/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
