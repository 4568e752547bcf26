// scratch: distinct customers of a platform/merchant span, rollups vs orders, same database
import { sql } from 'kysely';
import { openDatabase } from '../src/db/connect.ts';
import { lastDays, offsetShifts } from '../src/services/analytics/periods.ts';
import { countedIn, localDayIndex } from '../src/services/analytics/queries.ts';
import { uniqueCustomers } from '../src/services/analytics/unique-customers.ts';

const url = process.argv[2]!;
const schema = process.argv[3];
const { db: base } = openDatabase(url);
const db = schema ? base.withSchema(schema) : base;
if (schema) await sql.raw(`set search_path to ${schema}`).execute(base);
const zone = 'Asia/Shanghai';
const now = Date.now();
const scopes = [null, (await db.selectFrom('factories').select('id').orderBy('id').limit(1).executeTakeFirst())?.id ?? null];
for (const days of [365, 90, 30])
  for (const scope of scopes) {
    const { bounds } = lastDays(days, zone, now);
    const shifts = offsetShifts(bounds, zone);
    let t = performance.now();
    const r = await uniqueCustomers(db as never, scope, bounds, shifts);
    const roll = performance.now() - t;
    t = performance.now();
    const start = bounds[0]!,
      end = bounds.at(-1)!;
    const distinct = sql<number>`count(distinct customer_email)`;
    const [days_, total] = await Promise.all([
      db
        .selectFrom('commerce_orders')
        .where(countedIn(scope, start, end))
        .select([localDayIndex('created_at', start, shifts).as('d'), distinct.as('n')])
        .groupBy(sql`1`)
        .execute(),
      db
        .selectFrom('commerce_orders')
        .where(countedIn(scope, start, end))
        .select(distinct.as('n'))
        .executeTakeFirst(),
    ]);
    const raw = performance.now() - t;
    const same = Number(total?.n) === r.total && days_.every((x) => r.byDay.get(Number(x.d)) === Number(x.n));
    console.log(
      `${days}d ${scope ?? 'platform'}: rollups ${roll.toFixed(1)} ms, orders ${raw.toFixed(0)} ms (×${(raw / roll).toFixed(0)}), total ${r.total}, same=${same}`,
    );
  }
await base.destroy();
