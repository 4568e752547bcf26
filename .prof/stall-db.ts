import { existsSync, writeFileSync } from 'node:fs';
import { tokensFor } from '../scripts/bench/bi.ts';
import { fillCallHistory } from '../scripts/bench/history.ts';
import { fillCommerce, merchantIdsOf } from '../scripts/generate-commerce.ts';
import { migrateToLatest, openDatabase } from '../src/db/connect.ts';
import { refreshStatistics } from '../src/db/sql.ts';

const file = '/tmp/stallprof/stall.db';
const merchants = merchantIdsOf(10, undefined);
const { db } = openDatabase(file);
if (!existsSync('/tmp/stallprof/tokens.json')) {
  await migrateToLatest(db);
  await fillCommerce(db, { orders: 200000, days: 365, merchantIds: merchants, seed: 1, progress: false });
  await fillCallHistory(db, { callsPerDay: 10_000_000, days: 1 });
  await refreshStatistics('sqlite').execute(db);
}
const tokens = await tokensFor(db, merchants[0]!);
writeFileSync('/tmp/stallprof/tokens.json', JSON.stringify({ ...tokens, merchant_id: merchants[0] }));
await db.destroy();
