import type { Db } from '../../db/connect.ts';

/**
 * Takes (or renews) the lease of a scheduled job, so that one instance of several sharing the
 * database runs it (DESIGN.md "Scale-out"). Two single statements, no transaction: the
 * conditional UPDATE alone decides, on SQLite and Postgres alike.
 * @param ttlMs how long the lease holds, ms.
 * @returns true when `holder` holds the lease until now + ttlMs.
 */
export async function acquireLease(db: Db, name: string, holder: string, ttlMs: number, now = Date.now()): Promise<boolean> {
  await db
    .insertInto('job_leases')
    .values({ name, holder, lease_until: 0 })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const r = await db
    .updateTable('job_leases')
    .set({ holder, lease_until: now + ttlMs })
    .where('name', '=', name)
    .where((eb) => eb.or([eb('lease_until', '<=', now), eb('holder', '=', holder)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
