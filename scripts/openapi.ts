/**
 * Writes openapi.json from the routers (`npm run openapi`), or with `--check` fails when the
 * committed file differs from what the routers generate (`npm run openapi:check`, run by CI).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { honoRoutePaths } from '../src/http/hono-routes-openapi.ts';
import { buildOpenApiDocument } from '../src/http/openapi.ts';
import { appRouter } from '../src/routers/app-router.ts';

const { values } = parseArgs({ options: { check: { type: 'boolean', default: false } } });
const file = new URL('../openapi.json', import.meta.url);
const generated = `${JSON.stringify(buildOpenApiDocument(appRouter, honoRoutePaths()), null, 2)}\n`;

if (values.check) {
  const committed = readFileSync(file, 'utf8');
  if (committed !== generated) {
    console.error('openapi.json is stale: run `npm run openapi` and commit the result.');
    process.exit(1);
  }
  console.log('openapi.json is up to date.');
} else {
  writeFileSync(file, generated);
  console.log(`wrote openapi.json (${Object.keys(JSON.parse(generated).paths).length} paths)`);
}
