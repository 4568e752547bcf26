/**
 * A heavy-read worker thread (src/db/read-pool.ts): one read-only connection to the SQLite file of
 * `workerData.path`, the reads of ./registry.ts by name, `workerData.nice` levels below the server.
 */
import { workerData } from 'node:worker_threads';
import { openReadOnly } from '../../db/connect.ts';
import { lowerThreadPriority } from '../../db/read-pool.ts';
import { type HeavyReads, heavyReads } from './registry.ts';

const { path, nice } = workerData as { path: string; nice: number };
lowerThreadPriority(nice);
const db = openReadOnly(path);

export default function run({ name, args }: { name: keyof HeavyReads; args: unknown[] }): Promise<unknown> {
  return (heavyReads[name] as (...a: unknown[]) => Promise<unknown>)(db, ...args);
}
