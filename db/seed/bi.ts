import type { Kysely } from 'kysely';
import type { Database } from '../database.ts';
import { generateCommerce } from './commerce.ts';

/**
 * BI demo data (spec 004) for the demo factory: 30 products, 600 orders over the last 120 days
 * with repeat customers, payouts and a subscription, the same on every machine for a given seed.
 * @param rand a seeded random source (demo.ts passes its PRNG).
 */
export async function seedBi(db: Kysely<Database>, factoryId: string, rand: () => number): Promise<void> {
  await generateCommerce(db, { merchantIds: [factoryId], orders: 600, days: 120, rand, runId: 'demo' });
}
