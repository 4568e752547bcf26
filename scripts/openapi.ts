/**
 * Writes openapi.json from the routers (`npm run openapi`), or with `--check` fails when the
 * committed file differs from what the routers generate (`npm run openapi:check`, run by CI).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { buildOpenApiDocument } from '../src/edge/openapi.ts';
import { appRouter } from '../src/routers/app-router.ts';

const file = new URL('../openapi.json', import.meta.url);
const generated = `${JSON.stringify(buildOpenApiDocument(appRouter), null, 2)}\n`;

if (process.argv.includes('--check')) {
  const current = readFileSync(file, 'utf8');
  if (current !== generated) {
    console.error('openapi.json is stale: run `npm run openapi` and commit the result.');
    process.exit(1);
  }
  console.log('openapi.json is up to date.');
} else {
  writeFileSync(file, generated);
  console.log(`wrote openapi.json (${Object.keys(JSON.parse(generated).paths).length} paths)`);
}
