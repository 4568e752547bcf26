/** `npm run seed`: migrates DATABASE_URL and loads the demo data if it is not there yet. */
import { seedDemo } from '../db/seed/demo.ts';
import { loadConfig } from '../src/config.ts';
import { migrateToLatest, openDatabase } from '../src/db/connect.ts';
import { withStartupLock } from '../src/db/startup-lock.ts';
import { hashPassword } from '../src/services/identity/passwords.ts';
import { settleInTransaction } from '../src/services/smelter/settlements.ts';
import { capture } from '../src/services/traces/epcis/capture.ts';

const config = loadConfig(process.env);
if (!config.SEED_DEMO) {
  console.error('SEED_DEMO is false: refusing to load demo data');
  process.exit(1);
}
const { db, dialect } = openDatabase(config.DATABASE_URL);
try {
  const seeded = await withStartupLock(db, dialect, async () => {
    await migrateToLatest(db);
    return seedDemo(db, hashPassword, { settle: settleInTransaction, captureEpcis: capture });
  });
  console.log(seeded ? 'demo data loaded' : 'demo data already present');
} finally {
  await db.destroy();
}
