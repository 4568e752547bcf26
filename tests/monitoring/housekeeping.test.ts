import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import type { Db } from '../../src/db/connect.ts';
import { Housekeeping } from '../../src/services/jobs/housekeeping.ts';
import { DIALECTS, freshDatabase, sharedDatabase, type TestDatabase } from '../helpers/db.ts';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 1, 12, 0, 0);
const config = loadConfig({
  NODE_ENV: 'test',
  RETENTION_EXPIRED_DAYS: '7',
  RETENTION_METRICS_DAYS: '30',
  HOUSEKEEPING_INTERVAL_MS: '3600000',
});
const logger = pino({ level: 'silent' });

/** One row per credential table expiring at `expiresAt`, and one call bucket of each kind at `minute`. */
async function rows(db: Db, tag: string, expiresAt: number, minute: number) {
  const user = await db
    .insertInto('users')
    .values({ user_type: 'platform', role: 'platform_admin', username: `u-${tag}`, created_at: NOW, updated_at: NOW })
    .returning('id')
    .executeTakeFirstOrThrow();
  const userId = Number(user.id);
  await db
    .insertInto('revoked_tokens')
    .values({ jti: `jti-${tag}`, user_id: userId, expires_at: expiresAt })
    .execute();
  await db
    .insertInto('refresh_tokens')
    .values({
      token_hash: `rt-${tag}`,
      family_id: `f-${tag}`,
      user_id: userId,
      client: 'mobile',
      device_id: null,
      expires_at: expiresAt,
      created_at: NOW - 60 * DAY,
      rotated_at: null,
      revoked_at: null,
    })
    .execute();
  await db
    .insertInto('oauth_device_codes')
    .values({
      device_code_hash: `dc-${tag}`,
      user_code: `ABCDEFG${tag.slice(0, 1).toUpperCase()}`,
      client_id: 'bi-cli',
      scope: null,
      status: 'pending',
      user_id: null,
      interval_s: 5,
      last_polled_at: null,
      expires_at: expiresAt,
      created_at: NOW - 60 * DAY,
      decided_at: null,
    })
    .execute();
  await db
    .insertInto('sms_codes')
    .values({
      phone: '+8613800000000',
      purpose: 'register',
      code_hash: `sms-${tag}`,
      expires_at: expiresAt,
      consumed_at: null,
      created_at: NOW - 60 * DAY,
    })
    .execute();
  await db
    .insertInto('registration_tokens')
    .values({
      token_hash: `reg-${tag}`,
      phone: '+8613800000000',
      factory_id: 'F1',
      expires_at: expiresAt,
      used_at: null,
      created_at: NOW - 60 * DAY,
    })
    .execute();
  const agg = { calls: 3, sum_ms: 30, max_ms: 12, h0: 0, h1: 3, h2: 0, h3: 0, h4: 0, h5: 0, h6: 0, h7: 0, h8: 0, h9: 0, h10: 0, h11: 0 };
  await db
    .insertInto('api_call_buckets')
    .values({ minute, method: 'GET', route: `/api/${tag}`, status_class: 2, ...agg })
    .execute();
  await db
    .insertInto('erp_call_buckets')
    .values({ minute, endpoint: `/erp/${tag}`, ok: 1, ...agg })
    .execute();
  await db
    .insertInto('api_call_hours')
    .values({ hour: minute - (minute % 3_600_000), method: 'GET', route: `/api/${tag}`, status_class: 2, calls: 3, sum_ms: 30, max_ms: 12 })
    .execute();
}

const TABLES = [
  'revoked_tokens',
  'refresh_tokens',
  'oauth_device_codes',
  'sms_codes',
  'registration_tokens',
  'api_call_buckets',
  'erp_call_buckets',
  'api_call_hours',
] as const;

async function counts(db: Db) {
  const out: Record<string, number> = {};
  for (const t of TABLES)
    out[t] = Number(
      (
        await db
          .selectFrom(t)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return out;
}

describe.each(DIALECTS)('housekeeping on %s', (dialect) => {
  const open: TestDatabase[] = [];
  let drop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    for (const d of open.splice(0)) await d.destroy();
    await drop?.();
    drop = undefined;
  });

  it('purges rows past their retention and keeps the others', async () => {
    const d = await freshDatabase(dialect);
    open.push(d);
    await rows(d.db, 'old', NOW - 8 * DAY, NOW - 31 * DAY - 60_000); // expired 8 days ago; buckets 31 days old
    await rows(d.db, 'grace', NOW - 6 * DAY, NOW - 29 * DAY); // expired within the 7 days kept; buckets within 30 days
    await rows(d.db, 'live', NOW + DAY, NOW - 60_000);
    const run = await new Housekeeping({ db: d.db, logger, config }).runOnce(NOW);
    expect(run).toEqual({ ran: true, deleted: Object.fromEntries(TABLES.map((t) => [t, 1])) });
    expect(await counts(d.db)).toEqual(Object.fromEntries(TABLES.map((t) => [t, 2])));
    const left = await d.db.selectFrom('revoked_tokens').select('jti').orderBy('jti').execute();
    expect(left.map((r) => r.jti)).toEqual(['jti-grace', 'jti-live']);
    const buckets = await d.db.selectFrom('api_call_buckets').select('route').orderBy('route').execute();
    expect(buckets.map((r) => r.route)).toEqual(['/api/grace', '/api/live']);
  });

  it('runs on one instance of two sharing the database, once per interval', async () => {
    const shared = await sharedDatabase(dialect);
    drop = shared.destroy;
    const [a, b] = [await shared.connect(), await shared.connect()];
    open.push(a, b);
    await rows(a.db, 'old', NOW - 8 * DAY, NOW - 40 * DAY);
    const jobs = [new Housekeeping({ db: a.db, logger, config }), new Housekeeping({ db: b.db, logger, config })];
    const first = await Promise.all(jobs.map((j) => j.runOnce(NOW)));
    expect(first.filter((r) => r.ran)).toHaveLength(1);
    expect(await counts(a.db)).toEqual(Object.fromEntries(TABLES.map((t) => [t, 0])));
    // half an interval later the other instance still finds the lease held; one interval later
    // (the lease lapsed) one of the two takes it
    const other = jobs[first.findIndex((r) => !r.ran)]!;
    expect(await other.runOnce(NOW + 1_800_000)).toEqual({ ran: false });
    expect((await Promise.all(jobs.map((j) => j.runOnce(NOW + 3_600_000)))).filter((r) => r.ran)).toHaveLength(1);
  });
});
