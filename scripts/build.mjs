#!/usr/bin/env node
// `npm run build [-- --out-dir DIR]`: compiles the server to JavaScript with tsc (tsconfig.build.json)
// into dist/ (or DIR), laid out like the sources (dist/src/main.js), with the two files it reads
// beside it: openapi.json, and a package.json that marks the output as ES modules.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({ options: { 'out-dir': { type: 'string', default: 'dist' } } });
const outDir = resolve(root, values['out-dir']);
const marker = join(outDir, '.tracehub-build');

// Only a previous build's output is wiped: never a folder someone pointed at by mistake.
if (existsSync(outDir)) {
  if (!existsSync(marker) && readdirSync(outDir).length > 0) {
    console.error(`build: ${outDir} is not empty and holds no earlier build; refusing to overwrite it`);
    process.exit(1);
  }
  rmSync(outDir, { recursive: true, force: true });
}

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const compiled = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), '--outDir', outDir], { stdio: 'inherit' });
if (compiled.status !== 0) process.exit(compiled.status ?? 1);

copyFileSync(join(root, 'openapi.json'), join(outDir, 'openapi.json'));
writeFileSync(join(outDir, 'package.json'), `${JSON.stringify({ type: 'module', private: true })}\n`);
writeFileSync(marker, `${new Date().toISOString()}\n`);
console.log(`build: ${outDir}`);
