import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

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
    // the server logs a line per request: keep draining the pipes (a full pipe would block its
    // writes) but keep only a tail, searched once per chunk (the whole output, searched on every
    // chunk, cost this process seconds of CPU over a run, beside the load it generates)
    let out = '';
    let ready = false;
    const onData = (d: Buffer) => {
      out = (out + d.toString()).slice(-2000);
      if (!ready && out.includes('ready')) {
        ready = true;
        resolve(child);
      }
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

/**
 * Paced probe: GETs `url` at `rate` requests per second for `seconds`, each sent on schedule
 * whether or not earlier ones were answered (keep-alive sockets, as many as needed), then waits
 * for every answer. Unlike a closed loop at saturation, which measures the share of the CPU the
 * probe gets beside other load, this measures how long a request waits for the event loop: a
 * request sent during a stall counts the whole stall.
 * @returns latencies in ms (µs resolution), ascending, and how many requests failed (non-2xx or
 *   transport errors).
 */
export async function pacedProbe(url: string, rate: number, seconds: number): Promise<{ sorted: number[]; failed: number }> {
  const http = await import('node:http');
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const latencies: number[] = [];
  let failed = 0;
  const one = () =>
    new Promise<void>((resolve) => {
      const t0 = performance.now();
      const req = http.get(url, { agent }, (res) => {
        res.resume();
        res.on('end', () => {
          if (res.statusCode === 200) latencies.push(performance.now() - t0);
          else failed++;
          resolve();
        });
      });
      req.on('error', () => {
        failed++;
        resolve();
      });
    });
  const pending: Promise<void>[] = [];
  const start = performance.now();
  for (let i = 0; i < rate * seconds; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    pending.push(one());
  }
  await Promise.all(pending);
  agent.destroy();
  return { sorted: latencies.sort((a, b) => a - b), failed };
}

/**
 * CPU time (user + system) a process has used, in ms, from /proc/PID/stat; with `reaped`, plus
 * that of its children it has waited for. NaN if unreadable.
 */
export function cpuMs(pid: number, reaped = false): number {
  try {
    // fields after the command name (which may hold spaces): state is [0], utime [11], stime [12]
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(f[11]) + Number(f[12]) + (reaped ? Number(f[13]) + Number(f[14]) : 0);
    return (ticks * 1000) / CLOCK_TICKS;
  } catch {
    return Number.NaN;
  }
}

/** Linux's USER_HZ: /proc reports CPU time in these ticks. */
const CLOCK_TICKS = 100;

/**
 * CPU ms used so far by the Postgres processes on this machine (postmaster and backends: program
 * `…/postgres` or title `postgres: …`), backends that have exited included (the postmaster reaps
 * them: their time is its children's).
 */
export function postgresCpuMs(): number {
  let sum = 0;
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const program = readFileSync(`/proc/${d}/cmdline`, 'utf8').split('\0')[0] ?? '';
      if (/(^|\/)postgres(:|$)/.test(program)) sum += cpuMs(Number(d), true) || 0;
    } catch {
      // gone meanwhile
    }
  }
  return sum;
}
