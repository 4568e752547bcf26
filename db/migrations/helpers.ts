import { type ColumnDefinitionBuilder, type CreateTableBuilder, type Kysely, PostgresAdapter } from 'kysely';

/** True when the migration runs on Postgres; the only dialect switch migrations need. */
export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** Adds an auto-incrementing integer primary key named `id` on either dialect. */
export function withId<T extends string>(db: Kysely<any>, table: CreateTableBuilder<T, never>) {
  return isPostgres(db)
    ? table.addColumn('id', 'bigserial', (c) => c.primaryKey())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

/** Epoch-millisecond timestamp column: bigint on both dialects, parsed to number on read. */
export const ms = 'bigint' as const;

export const notNull = (c: ColumnDefinitionBuilder) => c.notNull();

/** A required reference: `not null references <target>` (`'users.id'`). */
export const refersTo = (target: string) => (c: ColumnDefinitionBuilder) => c.notNull().references(target);

/**
 * A tenant-scoped table: the `id` key, then `factory_id` (not null, references factories), the
 * tenant every query of the table filters on.
 */
export function tenantTable(db: Kysely<any>, name: string) {
  return withId(db, db.schema.createTable(name)).addColumn('factory_id', 'varchar(64)', refersTo('factories.id'));
}

/** `created_at` and `updated_at`, epoch ms, not null: `.$call(stamps)` where a table has both. */
export const stamps = <T extends string, C extends string>(table: CreateTableBuilder<T, C>) =>
  table.addColumn('created_at', ms, notNull).addColumn('updated_at', ms, notNull);

/**
 * Creates index `name` on `table`: one column, or several in order (`'order_date desc'` sorts).
 * `unique` makes it a unique index.
 */
export async function createIndex(
  db: Kysely<any>,
  name: string,
  table: string,
  columns: string | string[],
  opts: { unique?: boolean } = {},
) {
  const index = db.schema.createIndex(name).on(table);
  const withColumns = typeof columns === 'string' ? index.column(columns) : index.columns(columns);
  await (opts.unique ? withColumns.unique() : withColumns).execute();
}
