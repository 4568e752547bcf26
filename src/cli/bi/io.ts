import { homedir } from 'node:os';
import { join } from 'node:path';

/** What the `bi` command touches outside itself; tests pass their own. */
export interface CliIo {
  fetch: typeof fetch;
  out: (line: string) => void;
  err: (line: string) => void;
  sleep: (ms: number) => Promise<void>;
  /** Where credentials live; default `$XDG_CONFIG_HOME/tracehub` or `~/.config/tracehub`. */
  configDir: string;
  /** Default server when neither --server nor the credentials name one. */
  defaultServer: string;
}

/** A failure the user can act on: printed as `bi: <message>`, exit status 1. */
export class CliError extends Error {}

/** The real process: stdout/stderr, global fetch, BI_CONFIG_DIR / XDG_CONFIG_HOME, BI_SERVER. */
export function defaultIo(): CliIo {
  const env = process.env;
  return {
    fetch: globalThis.fetch,
    out: (l) => process.stdout.write(`${l}\n`),
    err: (l) => process.stderr.write(`${l}\n`),
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    configDir: env.BI_CONFIG_DIR ?? join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'tracehub'),
    defaultServer: env.BI_SERVER ?? 'http://localhost:3000',
  };
}
