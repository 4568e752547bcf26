/**
 * Writes openapi.json from the routers and postman_collection.json from it (`npm run openapi`),
 * or with `--check` fails when either committed file differs from what the routers generate
 * (`npm run openapi:check`, run by CI).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { buildOpenApiDocument } from '../src/edge/openapi.ts';
import { appRouter } from '../src/routers/app-router.ts';
import { buildPostmanCollection } from './postman.ts';

const doc = buildOpenApiDocument(appRouter);
const files = [
  { file: new URL('../openapi.json', import.meta.url), text: `${JSON.stringify(doc, null, 2)}\n` },
  { file: new URL('../postman_collection.json', import.meta.url), text: `${JSON.stringify(await buildPostmanCollection(doc), null, 2)}\n` },
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
  console.log('openapi.json and postman_collection.json are up to date.');
} else {
  for (const { file, text } of files) writeFileSync(file, text);
  console.log(`wrote openapi.json (${Object.keys(doc.paths).length} paths) and postman_collection.json`);
}
