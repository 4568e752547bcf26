#!/usr/bin/env node
// `bi` command (package.json "bin"): the compiled CLI when `npm run build` has made dist/, else the
// TypeScript source through tsx's loader (tsx is a dev dependency).
import { existsSync } from 'node:fs';

const compiled = new URL('../dist/src/cli/bi/main.js', import.meta.url);
let cli;
if (existsSync(compiled)) {
  cli = await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  cli = await import('../src/cli/bi/main.ts');
}
process.exitCode = await cli.main(process.argv.slice(2));
