import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import type { Readable } from 'node:stream';

/** A free TCP port on 127.0.0.1 (asked of the OS, then released for the child to take). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

export interface ServerProcess {
  port: number;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  /** Resolves once the server logged that it listens; rejects if it exits or `ms` pass first. */
  listening(ms?: number): Promise<void>;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

/**
 * Starts tracehub in its own process (`node <args>`) on a free port, as `npm start` would.
 * @param args node's arguments, e.g. `['--import', 'tsx', 'src/main.ts']` or `['dist/src/main.js']`.
 * @param env added to the test's environment (DATABASE_URL, NODE_ENV, …).
 */
export async function startServerProcess(args: string[], env: Record<string, string>, cwd?: string): Promise<ServerProcess> {
  const port = await freePort();
  const child: ChildProcessByStdio<null, Readable, Readable> = spawn(process.execPath, args, {
    cwd,
    env: { ...process.env, LOG_LEVEL: 'info', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    out += d.toString();
  });
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((r) =>
    child.once('exit', (code) => {
      exitCode = code;
      r(code);
    }),
  );
  return {
    port,
    output: () => out,
    async listening(ms = 30_000) {
      const deadline = Date.now() + ms;
      while (!out.includes('tracehub listening')) {
        if (exitCode !== undefined) throw new Error(`server exited with ${exitCode} before listening:\n${out}`);
        if (Date.now() > deadline) throw new Error(`server not listening after ${ms} ms:\n${out}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async stop() {
      if (exitCode === undefined) child.kill('SIGTERM');
      return exited;
    },
  };
}
