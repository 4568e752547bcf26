import type { Kysely } from 'kysely';
import { createIndex } from './helpers.ts';

/**
 * The newest-first merchant listings (`GET /api/orders`, `GET /api/shops/{id}/products`: ORDER BY
 * created_at DESC, id) walk an index in exactly that order. Without a status filter the orders
 * listing had only (factory_id, created_at, …) indexes, so SQLite sorted every run of equal
 * times by id in a temporary b-tree on its way to the offset: 6 ms for offset 2000 on a
 * 200k-order file, 0.6 ms with this index (issue 11, stall suite). The products index gains the
 * same shape in place of (factory_id, created_at).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await createIndex(db, 'commerce_orders_factory_created_id_idx', 'commerce_orders', ['factory_id', 'created_at desc', 'id']);
  await createIndex(db, 'commerce_products_factory_created_id_idx', 'commerce_products', ['factory_id', 'created_at desc', 'id']);
  await db.schema.dropIndex('commerce_products_factory_idx').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await createIndex(db, 'commerce_products_factory_idx', 'commerce_products', ['factory_id', 'created_at']);
  await db.schema.dropIndex('commerce_products_factory_created_id_idx').execute();
  await db.schema.dropIndex('commerce_orders_factory_created_id_idx').execute();
}
