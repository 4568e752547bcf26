#!/usr/bin/env node
// `bi` command (package.json "bin"): runs the TypeScript CLI through tsx's loader.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/bi.ts');
process.exitCode = await main(process.argv.slice(2));
