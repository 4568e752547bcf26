/**
 * A heavy-read worker thread (src/db/read-pool.ts): one read-only connection to the SQLite file of
 * `workerData.path`, the reads of ./heavy-reads.ts by name.
 */
import { workerData } from 'node:worker_threads';
import { openReadOnly } from '../../db/connect.ts';
import { type HeavyReads, heavyReads } from './heavy-reads.ts';

const db = openReadOnly((workerData as { path: string }).path);

export default function run({ name, args }: { name: keyof HeavyReads; args: unknown[] }): Promise<unknown> {
  return (heavyReads[name] as (...a: unknown[]) => Promise<unknown>)(db, ...args);
}
