import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** The p-th percentile (nearest rank) of ascending `sorted`. */
export const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

/**
 * The node flags tracehub's server runs with (Dockerfile, `npm start`): a 32 MiB young generation
 * (default 16). On Postgres a request waits on its statements for tens of ms with 50 in flight;
 * with the default, what a waiting request holds survives two scavenges and is promoted, and
 * scavenges copy it: 0.42 ms of GC a mini search against 0.23 with 32 MiB (`--trace-gc`).
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=32'];

/**
 * Starts scripts/bench/server.ts in its own process and resolves once it listens.
 * @param set config overrides (`KEY=VALUE`).
 */
export function startBenchServer(
  mode: 'full' | 'bare' | 'bare-pg',
  db: string,
  port: number,
  set: string[] = [],
  env: Record<string, string> = {},
): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    // every server, baselines included, runs with the flags production runs with (SERVER_NODE_FLAGS);
    // BENCH_NODE_ARGS adds more, e.g. `--cpu-prof --cpu-prof-dir=prof` to profile them
    const nodeArgs = [...SERVER_NODE_FLAGS, ...(process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean)];
    const args = [...nodeArgs, '--import', 'tsx', 'scripts/bench/server.ts', '--mode', mode, '--db', db, '--port', String(port)];
    for (const s of set) args.push('--set', s);
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      if (out.includes('ready')) resolve(child);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`bench server (${mode}) exited with ${code}: ${out.slice(-500)}`)));
  });
}

/** Resident set size of a process in MiB (Linux /proc), or NaN. */
export function rssMiB(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** Times sequential GETs of `url` until `stop()` says so; @returns the durations in ms. */
export async function loopGet(url: string, token: string | undefined, stop: () => boolean): Promise<number[]> {
  const times: number[] = [];
  while (!stop()) {
    const t0 = performance.now();
    const res = await fetch(url, token ? { headers: { authorization: `Bearer ${token}` } } : {});
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
    times.push(performance.now() - t0);
  }
  return times;
}

/** A fresh schema `<prefix>_<hex>` in the Postgres database of `url`: its URL (search_path set) and how to drop it. */
export async function pgSchema(url: string, prefix: string): Promise<{ url: string; schema: string; drop(): Promise<void> }> {
  const { randomBytes } = await import('node:crypto');
  const pg = (await import('pg')).default;
  const schema = `${prefix}_${randomBytes(4).toString('hex')}`;
  const run = async (text: string) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(text);
    await c.end();
  };
  await run(`create schema ${schema}`);
  const sep = url.includes('?') ? '&' : '?';
  return {
    url: `${url}${sep}options=${encodeURIComponent(`-c search_path=${schema}`)}`,
    schema,
    drop: () => run(`drop schema if exists ${schema} cascade`),
  };
}

/** A TCP port free right now on 127.0.0.1 (several benches may run on one machine). */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}
