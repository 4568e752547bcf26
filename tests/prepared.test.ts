import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db, migrateToLatest, openDatabase } from '../src/db/connect.ts';
import { prepared } from '../src/db/prepared.ts';
import { DIALECTS, freshDatabase, newSchema, type TestDatabase } from './helpers/db.ts';
import { QueryLog } from './helpers/query-log.ts';

describe.each(DIALECTS)('prepared queries on %s', (dialect) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await freshDatabase(dialect);
    const now = Date.now();
    await t.db
      .insertInto('users')
      .values(
        ['a', 'b', 'c'].map((u) => ({ user_type: 'wechat', role: 'wechat_customer', openid: `o-${u}`, created_at: now, updated_at: now })),
      )
      .execute();
  });
  afterEach(() => t.destroy());

  it('binds each run its own values, wherever the arguments appear', async () => {
    const byOpenid = prepared(2, (db: Db, openid: string, limit: number) =>
      db
        .selectFrom('users')
        .select('openid')
        .where('openid', '>=', openid)
        .where('user_type', '=', 'wechat')
        .orderBy('openid')
        .limit(limit),
    );
    expect(await byOpenid(t.db, 'o-a', 2)).toEqual([{ openid: 'o-a' }, { openid: 'o-b' }]);
    expect(await byOpenid(t.db, 'o-b', 5)).toEqual([{ openid: 'o-b' }, { openid: 'o-c' }]);
    if (dialect === 'postgres') {
      // parsed once per connection: a named prepared statement of the session that ran it
      const { rows } = await t.db.connection().execute(async (conn) => {
        await byOpenid(conn, 'o-c', 1);
        return sql<{ n: number }>`select count(*)::int as n from pg_prepared_statements where statement like '%"openid" >= $1%'`.execute(
          conn,
        );
      });
      expect(rows[0]?.n).toBe(1);
    }
  });

  it('shows every run to the plugins, as a built query does', async () => {
    const log = new QueryLog();
    const db = t.db.withPlugin(log);
    const count = prepared(1, (db: Db, openid: string) =>
      db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('openid', '>=', openid),
    );
    for (let i = 0; i < 3; i++) expect(Number((await count(db, 'o-a'))[0]?.n)).toBe(3);
    expect(log.queries.map((q) => [q.kind, q.tables])).toEqual(Array.from({ length: 3 }, () => ['SelectQueryNode', ['users']]));
  });

  it('runs inside a transaction on its connection, seeing its uncommitted rows', async () => {
    const count = prepared(0, (db: Db) => db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')));
    const now = Date.now();
    const inside = await t.db
      .transaction()
      .execute(async (trx) => {
        await trx
          .insertInto('users')
          .values({ user_type: 'wechat', role: 'wechat_customer', openid: 'o-d', created_at: now, updated_at: now })
          .execute();
        const [row] = await count(trx);
        throw Object.assign(new Error('roll back'), { n: Number(row?.n) });
      })
      .catch((e: { n: number }) => e.n);
    expect(inside).toBe(4);
    expect(Number((await count(t.db))[0]?.n)).toBe(3);
  });

  it('refuses a build whose argument is not bound as a parameter', async () => {
    const broken = prepared(1, (db: Db, _unused: string) => db.selectFrom('users').select('id'));
    await expect(broken(t.db, 'x')).rejects.toThrow('argument 0 is not a parameter');
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)('prepared queries on the Postgres pool directly', () => {
  it('log their slow and failed runs as Kysely logs other statements', async () => {
    const schema = await newSchema(process.env.TEST_DATABASE_URL as string);
    const logged: { sql: string; failed: boolean }[] = [];
    const { db } = openDatabase(schema.url, { onSlowQuery: { thresholdMs: 0, log: (q) => logged.push(q) } });
    try {
      await migrateToLatest(db);
      const byId = prepared(1, (db: Db, id: number) => db.selectFrom('users').select('id').where('id', '=', id));
      logged.length = 0;
      expect(await byId(db, 1)).toEqual([]);
      // a value Postgres cannot read as the column's type fails the statement itself
      await expect(byId(db, 'one' as unknown as number)).rejects.toThrow(/invalid input syntax/);
      expect(logged.map((q) => q.failed)).toEqual([false, true]);
      expect(logged[0]?.sql).toMatch(/from "users" where "id" = \$1/);
    } finally {
      await db.destroy();
      await schema.drop();
    }
  });
});
