import type { Kysely, Selectable, SelectQueryBuilder, Transaction } from 'kysely';
import type { Database } from '../../../db/database.ts';
import type { Db } from '../../db/connect.ts';
import { notFound } from '../../errors.ts';
import { badReference, defined, inUse, uniqueOr409 } from './common.ts';

/**
 * THE tenant rule of master data, and one CRUD definition for every tenant-scoped entity
 * (materials, customers, departments, contracts, assay data, metal prices): a row belongs to the
 * factory in its `factory_id`, and a caller sees and changes only its own factory's rows. Another
 * factory's row answers 404 exactly as a missing one does.
 */

/** Tables with a `factory_id` tenant column. */
export type TenantTable = {
  [T in keyof Database]: Database[T] extends { factory_id: string | null } ? T : never;
}[keyof Database];

/** The tables a CRUD definition serves: `id`, `factory_id`, `created_at`, `updated_at` on each. */
export type CrudTable = 'materials' | 'customers' | 'departments' | 'contracts' | 'assay_data' | 'metal_prices';
export type Row<T extends CrudTable> = Selectable<Database[T]>;

/** A record as answered (spec 001): the table's columns less the tenant, times as ISO 8601 text. */
export type Answer<T extends CrudTable> = Omit<Row<T>, 'factory_id' | 'created_at' | 'updated_at'> & {
  created_at: string;
  updated_at: string;
};

/** A record as written: the table's columns less id, tenant and times; nullable columns may be left out. */
export type WriteOf<T extends CrudTable, Omitted extends string = never> = {
  [K in keyof Row<T> as K extends 'id' | 'factory_id' | 'created_at' | 'updated_at' | Omitted
    ? never
    : null extends Row<T>[K]
      ? never
      : K]: Row<T>[K];
} & {
  [K in keyof Row<T> as K extends 'id' | 'factory_id' | 'created_at' | 'updated_at' | Omitted
    ? never
    : null extends Row<T>[K]
      ? K
      : never]?: Row<T>[K] | undefined;
};

/** The calling user: `factoryId` is the tenant, `id` authors audited writes and `created_by`. */
export interface Caller {
  id: number;
  factoryId: string;
}

/**
 * Whose rows: the calling user (every API call), or a bare factory id (seeds, test fixtures),
 * whose writes have no author and so no audit log.
 */
export type Tenant = string | Caller;

const factoryOf = (tenant: Tenant) => (typeof tenant === 'string' ? tenant : tenant.factoryId);

/** Narrows a select, update or delete to the tenant's rows: the one tenant filter of master data. */
function ofTenant<Q>(query: Q, tenant: Tenant): Q {
  // any: the select, update and delete builders of every tenant table share this `where`
  return (query as any).where('factory_id', '=', factoryOf(tenant));
}

/** `db` seen without its table types, for the generic statements below; the definitions type what goes in and out. */
const loose = (db: Db) => db as unknown as Kysely<any>;

/** `SELECT … FROM table WHERE factory_id = tenant`, to select from, filter, order and page. */
export type TenantSelect<T extends TenantTable> = SelectQueryBuilder<Database, T, object>;

/** The tenant's rows of `table` (see TenantSelect). */
export function tenantRows<T extends TenantTable>(db: Db, table: T, tenant: Tenant): TenantSelect<T> {
  return ofTenant(loose(db).selectFrom(table as string), tenant) as unknown as TenantSelect<T>;
}

/** The tenant's row `id` of `table`, all columns; undefined when there is none (or it is another factory's). */
export function findOwned<T extends TenantTable>(
  db: Db,
  table: T,
  tenant: Tenant,
  id: number,
): Promise<Selectable<Database[T]> | undefined> {
  return ofTenant(loose(db).selectFrom(table).selectAll().where('id', '=', id), tenant).executeTakeFirst() as Promise<
    Selectable<Database[T]> | undefined
  >;
}

/** Whether `id` is one of the tenant's rows of `table`. */
export async function ownsRow(db: Db, table: TenantTable, tenant: Tenant, id: number): Promise<boolean> {
  return Boolean(await ofTenant(loose(db).selectFrom(table).select('id').where('id', '=', id), tenant).executeTakeFirst());
}

/**
 * A body field naming a row of `table` must name one of the tenant's; null and undefined pass.
 * @throws AppError VALIDATION_FAILED naming `field`, with `message`.
 */
export async function requireOwned(
  db: Db,
  table: TenantTable,
  tenant: Tenant,
  id: number | null | undefined,
  field: string,
  message: string,
) {
  if (id !== null && id !== undefined && !(await ownsRow(db, table, tenant, id))) throw badReference(field, message);
}

/** A change of a tenant-scoped row, as the API shows it: what audit hooks receive. */
export interface Change<Dto> {
  action: 'create' | 'update' | 'delete';
  id: number;
  before: Dto | null;
  after: Dto | null;
}

/** Runs in the write's transaction after each change the caller makes (issue 15's audit trail). */
export type AfterWrite<Dto> = (trx: Transaction<Database>, caller: Caller, change: Change<Dto>) => Promise<void>;

/** What a write's column hook sees: the tenant's handle (the transaction when audited), `current` on updates. */
export interface WriteContext<T extends CrudTable> {
  db: Db;
  factoryId: string;
  /** The caller's user id; null for a bare-factory-id write. */
  author: number | null;
  /** The stored row of an update; undefined for a create. */
  current?: Row<T> | undefined;
}

/**
 * One tenant-scoped entity. Everything but `table`, `entity` and `toDto` is optional.
 * - `columns`: the columns a write sets from the fields sent, after the entity's own rules
 *   (reference checks, dates, derived fields: throw AppError to refuse). Default: the fields sent.
 * - `unique`: the field a unique index guards; a violation is 409 DUPLICATE_RESOURCE naming it.
 * - `deleteBlockedBy`: rows elsewhere naming this one (`[table, column]`); while any exists a
 *   delete is 409 CONFLICT with `message`.
 * - `list`: how the tenant's rows are listed (default: all of them by id); `query` is the list
 *   operation's input.
 * - `afterWrite`: a hook run in the same transaction after every change a caller makes.
 */
export interface TenantCrudSpec<T extends CrudTable, Dto extends { id: number }, Write, Query, ListOut> {
  table: T;
  /** The entity in NOT_FOUND messages: `Material` → `Material 7 not found`. */
  entity: string;
  toDto(row: Row<T>): Dto;
  columns?(input: Partial<Write>, ctx: WriteContext<T>): Record<string, unknown> | Promise<Record<string, unknown>>;
  unique?: { field: string; message: string };
  deleteBlockedBy?: { refs: readonly (readonly [keyof Database, string])[]; message: string };
  list?(rows: TenantSelect<T>, query: Query, toDto: (row: Row<T>) => Dto): Promise<ListOut>;
  afterWrite?: AfterWrite<Dto>;
}

/** The service verbs of a definition: the same five for every entity, all scoped to the tenant. */
export interface TenantCrud<T extends CrudTable, Dto, Write, Query, ListOut> {
  /** The tenant's rows (the definition's filters, order and paging). */
  list(db: Db, tenant: Tenant, query: Query): Promise<ListOut>;
  /** @throws AppError NOT_FOUND, also for another factory's row. */
  get(db: Db, tenant: Tenant, id: number): Promise<Dto>;
  /** @throws AppError DUPLICATE_RESOURCE (unique key), and what the definition's `columns` throws. */
  create(db: Db, tenant: Tenant, input: Write): Promise<Dto>;
  /** Only the fields sent change. @throws AppError NOT_FOUND, DUPLICATE_RESOURCE, what `columns` throws. */
  update(db: Db, tenant: Tenant, id: number, input: Partial<Write>): Promise<Dto>;
  /** @throws AppError NOT_FOUND, CONFLICT while a row of `deleteBlockedBy` names it. */
  delete(db: Db, tenant: Tenant, id: number): Promise<void>;
  /** The stored row. @throws AppError NOT_FOUND. */
  row(db: Db, tenant: Tenant, id: number): Promise<Row<T>>;
}

/** Builds the service verbs of a tenant-scoped entity from its definition (see TenantCrudSpec). */
export function defineTenantCrud<T extends CrudTable, Dto extends { id: number }, Write, Query = void, ListOut = Dto[]>(
  spec: TenantCrudSpec<T, Dto, Write, Query, ListOut>,
): TenantCrud<T, Dto, Write, Query, ListOut> {
  const { table, toDto } = spec;
  const name: string = table;
  const guarded = <R>(write: () => Promise<R>) => (spec.unique ? uniqueOr409(write, spec.unique.message, spec.unique.field) : write());
  const columns = (input: Partial<Write>, ctx: WriteContext<T>) =>
    spec.columns ? spec.columns(input, ctx) : defined(input as Record<string, unknown>);
  const row = async (db: Db, tenant: Tenant, id: number): Promise<Row<T>> => {
    const found = await findOwned(db, table, tenant, id);
    if (!found) throw notFound(spec.entity, id);
    return found as Row<T>;
  };

  /** Runs a write; audited writes of a caller run in one transaction with their log. */
  async function write<R>(
    db: Db,
    tenant: Tenant,
    body: (db: Db, ctx: WriteContext<T>, log: (c: Change<Dto>) => Promise<void>) => Promise<R>,
  ) {
    const author = typeof tenant === 'string' ? null : tenant.id;
    const ctx = { factoryId: factoryOf(tenant), author };
    const { afterWrite } = spec;
    if (!afterWrite || typeof tenant === 'string') return body(db, { db, ...ctx }, async () => undefined);
    const run = (trx: Transaction<Database>) => body(trx, { db: trx, ...ctx }, (change) => afterWrite(trx, tenant, change));
    return db.isTransaction ? run(db as Transaction<Database>) : db.transaction().execute(run);
  }

  return {
    row,
    async list(db, tenant, query) {
      if (spec.list) return spec.list(tenantRows(db, table, tenant), query, toDto);
      const rows = await ofTenant(loose(db).selectFrom(name).selectAll(), tenant).orderBy('id').execute();
      return rows.map((r) => toDto(r as Row<T>)) as ListOut;
    },
    async get(db, tenant, id) {
      return toDto(await row(db, tenant, id));
    },
    create: (db, tenant, input) =>
      write(db, tenant, async (db, ctx, log) => {
        const values = await columns(input, ctx);
        const now = Date.now();
        const inserted = await guarded(() =>
          loose(db)
            .insertInto(table)
            .values({ ...values, factory_id: ctx.factoryId, created_at: now, updated_at: now })
            .returningAll()
            .executeTakeFirstOrThrow(),
        );
        const after = toDto(inserted as Row<T>);
        await log({ action: 'create', id: after.id, before: null, after });
        return after;
      }),
    update: (db, tenant, id, input) =>
      write(db, tenant, async (db, ctx, log) => {
        const current = await row(db, tenant, id);
        const values = await columns(input, { ...ctx, current });
        const updated = await guarded(() =>
          ofTenant(loose(db).updateTable(name), tenant)
            .set({ ...values, updated_at: Date.now() })
            .where('id', '=', id)
            .returningAll()
            .executeTakeFirstOrThrow(),
        );
        const after = toDto(updated as Row<T>);
        await log({ action: 'update', id, before: toDto(current), after });
        return after;
      }),
    delete: (db, tenant, id) =>
      write(db, tenant, async (db, _ctx, log) => {
        const current = await row(db, tenant, id);
        for (const [other, column] of spec.deleteBlockedBy?.refs ?? []) {
          const ref = await loose(db).selectFrom(other).select('id').where(column, '=', id).executeTakeFirst();
          if (ref) throw inUse(spec.deleteBlockedBy!.message);
        }
        await ofTenant(loose(db).deleteFrom(name), tenant).where('id', '=', id).execute();
        await log({ action: 'delete', id, before: toDto(current), after: null });
      }),
  };
}
