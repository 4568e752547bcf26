/**
 * Writes openapi.json from the routers, postman_collection.json from it and the route index
 * src/routers/ROUTES.md (`npm run openapi`), or with `--check` fails when any committed file
 * differs from what the routers generate (`npm run openapi:check`, run by CI).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { buildOpenApiDocument } from '../src/edge/openapi.ts';
import { appRouter } from '../src/routers/app-router.ts';
import { buildPostmanCollection } from './postman.ts';
import { renderRouteIndex, routeIndex } from './route-index.ts';

const doc = buildOpenApiDocument(appRouter);
const files = [
  { file: new URL('../openapi.json', import.meta.url), text: `${JSON.stringify(doc, null, 2)}\n` },
  { file: new URL('../postman_collection.json', import.meta.url), text: `${JSON.stringify(await buildPostmanCollection(doc), null, 2)}\n` },
  { file: new URL('../src/routers/ROUTES.md', import.meta.url), text: renderRouteIndex(await routeIndex(appRouter)) },
];

if (process.argv.includes('--check')) {
  const stale = files.filter(({ file, text }) => {
    try {
      return readFileSync(file, 'utf8') !== text;
    } catch {
      return true;
    }
  });
  for (const { file } of stale) console.error(`${file.pathname.split('/').pop()} is stale: run \`npm run openapi\` and commit the result.`);
  if (stale.length) process.exit(1);
  console.log('openapi.json, postman_collection.json and src/routers/ROUTES.md are up to date.');
} else {
  for (const { file, text } of files) writeFileSync(file, text);
  console.log(`wrote openapi.json (${Object.keys(doc.paths).length} paths), postman_collection.json and src/routers/ROUTES.md`);
}
