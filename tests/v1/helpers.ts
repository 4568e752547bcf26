import type { TestApp } from '../helpers/app.ts';

export const FACTORY_A = 'FAC_A';
export const FACTORY_B = 'FAC_B';

export interface V1User {
  id: number;
  token: string;
}

/** Two factories; in each an operator (trace_read + trace_write) and a viewer (trace_read). */
export async function seedFactories(t: TestApp) {
  const now = Date.now();
  await t.deps.db
    .insertInto('factories')
    .values([
      {
        id: FACTORY_A,
        name: '甲工厂',
        industry: null,
        address: null,
        contact_name: null,
        contact_phone: null,
        contact_email: null,
        created_at: now,
      },
      {
        id: FACTORY_B,
        name: '乙工厂',
        industry: null,
        address: null,
        contact_name: null,
        contact_phone: null,
        contact_email: null,
        created_at: now,
      },
    ])
    .execute();
  return {
    a: await factoryUser(t, FACTORY_A, 'operator', 'op_a'),
    b: await factoryUser(t, FACTORY_B, 'operator', 'op_b'),
    viewerA: await factoryUser(t, FACTORY_A, 'viewer', 'viewer_a'),
  };
}

/** A factory user with a v1 token issued directly (no password hashing in the hot path). */
export async function factoryUser(
  t: TestApp,
  factoryId: string,
  role: string,
  username: string,
  passwordHash: string | null = null,
): Promise<V1User> {
  const now = Date.now();
  const row = await t.deps.db
    .insertInto('users')
    .values({ user_type: 'factory', factory_id: factoryId, role, username, password_hash: passwordHash, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  const { token } = await t.deps.tokens.issue({ sub: String(row.id), role, fid: factoryId, family: 'v1', tep: 0 }, 3600);
  return { id: row.id, token };
}

export const sampleBatch = (over: Record<string, unknown> = {}) => ({
  name: 'Apple Batch A123',
  productId: 'apple-01',
  quantity: 1000,
  unitWeight: 0.2,
  harvestDate: '2023-05-15T08:00:00Z',
  farmId: 'farm-123',
  ...over,
});

/**
 * Inserts batches straight into the table with chosen times (for sort and date-filter tests).
 * @returns their wire ids in insertion order.
 */
export async function insertBatches(
  t: TestApp,
  factoryId: string,
  rows: {
    name: string;
    quantity?: number;
    unitWeight?: number;
    harvestDate?: number;
    status?: 'active' | 'archived';
    createdAt: number;
    updatedAt?: number;
  }[],
): Promise<string[]> {
  const ids: string[] = [];
  for (const [i, r] of rows.entries()) {
    const row = await t.deps.db
      .insertInto('trace_batches')
      .values({
        factory_id: factoryId,
        code: `C${factoryId}${String(i).padStart(4, '0')}`.slice(0, 32),
        name: r.name,
        product_id: `prod-${i % 3}`,
        quantity: r.quantity ?? 100 + i,
        unit_weight: r.unitWeight ?? 0.5,
        harvest_date: r.harvestDate ?? Date.UTC(2023, 4, 1),
        farm_id: `farm-${i % 2}`,
        status: r.status ?? 'active',
        created_at: r.createdAt,
        updated_at: r.updatedAt ?? r.createdAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.push(`trace-${row.id}`);
  }
  return ids;
}
