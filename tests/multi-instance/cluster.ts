import { type FakeS3, startFakeS3 } from '../fakes/s3.ts';
import { readResult } from '../helpers/app.ts';
import { newSchema } from '../helpers/db.ts';
import { type ServerProcess, startServerProcess } from '../helpers/server-process.ts';

/** One HTTP answer, the JSON body parsed when there is one. */
export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  body: any;
}

export interface Instance {
  base: string;
  process: ServerProcess;
  /** A request to this instance; objects are sent as JSON, strings and FormData as they are. */
  call(method: string, path: string, opts?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<Answer>;
}

export interface Cluster {
  a: Instance;
  b: Instance;
  s3: FakeS3;
  stop(): Promise<void>;
}

/**
 * The scale-out deployment of README in small: two tracehub processes (`node --import tsx
 * src/main.ts`, as `npm start` without a build) on one new schema of the TEST_DATABASE_URL
 * Postgres database, one Redis (TEST_REDIS_URL) and one S3-compatible server (s3rver), started
 * together on one empty database with demo seeding, behind no load balancer: the test picks the
 * instance of every request.
 */
export async function startCluster(databaseUrl: string, redisUrl: string): Promise<Cluster> {
  // Kysely's migrator introspects every schema of the database; a schema another test file drops
  // at that moment fails the migration (pre-existing, so one more try
  try {
    return await startOnce(databaseUrl, redisUrl);
  } catch {
    return startOnce(databaseUrl, redisUrl);
  }
}

async function startOnce(databaseUrl: string, redisUrl: string): Promise<Cluster> {
  const { url, drop } = await newSchema(databaseUrl);
  const s3 = await startFakeS3();
  const env = {
    NODE_ENV: 'development',
    SEED_DEMO: 'true',
    DATABASE_URL: url,
    REDIS_URL: redisUrl,
    JWT_SECRET: 'multi-instance-test-secret-0123456789-abcdefghijklmnopqrstuvwxyz',
    TRUST_PROXY: 'true',
    ORDER_NOTIFY_ENABLED: 'false',
    ...s3.env(),
  };
  const processes = await Promise.all([0, 1].map(() => startServerProcess(['--import', 'tsx', 'src/main.ts'], env)));
  const stop = async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await s3.close();
    await drop();
  };
  try {
    await Promise.all(processes.map((p) => p.listening(60_000)));
  } catch (err) {
    await stop();
    throw err;
  }
  const [a, b] = processes.map(instance) as [Instance, Instance];
  return { a, b, s3, stop };
}

function instance(p: ServerProcess): Instance {
  const base = `http://127.0.0.1:${p.port}`;
  return {
    base,
    process: p,
    async call(method, path, o = {}) {
      const headers: Record<string, string> = { ...o.headers };
      if (o.token) headers.authorization = `Bearer ${o.token}`;
      let body: string | FormData | undefined;
      if (typeof o.body === 'string' || o.body instanceof FormData) body = o.body;
      else if (o.body !== undefined) {
        body = JSON.stringify(o.body);
        headers['content-type'] ??= 'application/json';
      }
      return readResult(await fetch(`${base}${path}`, { method, headers, body, redirect: 'manual' }));
    },
  };
}
