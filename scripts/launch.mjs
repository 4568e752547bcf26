#!/usr/bin/env node
// `npm start`, `npm run migrate`, `npm run seed`: `node scripts/launch.mjs src/main.ts [args…]` runs
// the compiled entry (dist/src/main.js) when `npm run build` has made one, else the TypeScript
// source through tsx, so a fresh clone needs no build step. tsx is a dev dependency: a production
// install (`npm ci --omit=dev`) has no way to run TypeScript and needs the build.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const entry = process.argv[2];
if (!entry?.endsWith('.ts')) {
  console.error('usage: node scripts/launch.mjs <entry.ts> [args…]');
  process.exit(2);
}
const compiled = join(root, 'dist', entry.replace(/\.ts$/, '.js'));

/** The newest source file changed after the build, if any (a build left behind by later edits). */
function newerSource(builtAt) {
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (e.isDirectory()) {
        const found = walk(path);
        if (found) return found;
      } else if (e.name.endsWith('.ts') && statSync(path).mtimeMs > builtAt) return path;
    }
    return undefined;
  };
  for (const dir of ['src', 'db']) {
    const found = existsSync(join(root, dir)) ? walk(join(root, dir)) : undefined;
    if (found) return found;
  }
  return undefined;
}

let target;
if (existsSync(compiled)) {
  const marker = join(root, 'dist', '.tracehub-build');
  const changed = existsSync(marker) ? newerSource(statSync(marker).mtimeMs) : undefined;
  if (changed) {
    console.warn(`launch: ${relative(root, changed)} changed after the last build; running dist/ anyway (npm run build, or npm run dev)`);
  }
  target = compiled;
} else {
  let register;
  try {
    ({ register } = await import('tsx/esm/api'));
  } catch {
    console.error(`launch: no ${relative(root, compiled)} and no tsx to run the sources (a production install?): run \`npm run build\``);
    process.exit(1);
  }
  register();
  target = join(root, entry);
}
process.argv.splice(1, 2, target);
await import(pathToFileURL(target).href);
