import type { Kysely } from 'kysely';
import { createIndex, ms, notNull, stamps, tenantTable } from './helpers.ts';

const float = 'double precision' as const;

/**
 * The factory back office of spec 001: departments (branch factories and their departments),
 * materials, customers, contracts, assay data, metal prices and attachments. Every table carries
 * the tenant `factory_id`; codes are unique per factory. Calendar dates are `YYYY-MM-DD` text,
 * prices integer cents (fen), times epoch ms.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await tenantTable(db, 'departments')
    .addColumn('name', 'varchar(100)', notNull)
    .addColumn('short_name', 'varchar(50)')
    .addColumn('full_name', 'varchar(200)')
    .addColumn('level', 'integer', notNull) // 1 branch factory, 2 department
    .addColumn('parent_id', 'bigint', (c) => c.references('departments.id'))
    .addColumn('phone', 'varchar(20)')
    .$call(stamps)
    .execute();
  await createIndex(db, 'departments_factory_idx', 'departments', ['factory_id', 'id']);

  await tenantTable(db, 'materials')
    .addColumn('name', 'varchar(100)', notNull)
    .addColumn('code', 'varchar(50)', notNull)
    .addColumn('full_name', 'varchar(200)')
    .addColumn('purpose', 'varchar(20)', notNull)
    .$call(stamps)
    .addUniqueConstraint('materials_factory_code_uq', ['factory_id', 'code'])
    .execute();

  await tenantTable(db, 'customers')
    .addColumn('name', 'varchar(100)', notNull)
    .addColumn('code', 'varchar(50)', notNull)
    .addColumn('full_name', 'varchar(200)')
    .addColumn('customer_type', 'varchar(20)', notNull)
    .addColumn('phone', 'varchar(20)')
    .addColumn('address', 'varchar(200)')
    .$call(stamps)
    .addUniqueConstraint('customers_factory_code_uq', ['factory_id', 'code'])
    .execute();

  await tenantTable(db, 'contracts')
    .addColumn('contract_type', 'varchar(20)', notNull)
    .addColumn('contract_number', 'varchar(50)', notNull)
    .addColumn('customer_id', 'bigint', (c) => c.references('customers.id'))
    .addColumn('material_id', 'bigint', (c) => c.references('materials.id'))
    // spec 001's contract `factory_id` (分厂ID): a level-1 department of the tenant
    .addColumn('branch_id', 'bigint', (c) => c.references('departments.id'))
    .addColumn('responsible_id', 'bigint', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('sign_date', 'varchar(10)')
    .addColumn('expiry_date', 'varchar(10)')
    .addColumn('tax_rate', float, (c) => c.notNull().defaultTo(0))
    .addColumn('pricing_method', 'varchar(20)', notNull)
    .addColumn('coefficient', float)
    .addColumn('status', 'varchar(20)', (c) => c.notNull().defaultTo('执行'))
    .$call(stamps)
    .addUniqueConstraint('contracts_factory_number_uq', ['factory_id', 'contract_number'])
    .execute();

  let assay = tenantTable(db, 'assay_data')
    .addColumn('sample_name', 'varchar(100)', notNull)
    // spec 001's assay `factory_id` (分厂ID): a level-1 department of the tenant
    .addColumn('branch_id', 'bigint', (c) => c.references('departments.id'));
  for (const col of ASSAY_VALUES) assay = assay.addColumn(col, float);
  await assay
    .addColumn('remarks', 'text')
    .addColumn('created_by', 'bigint', (c) => c.references('users.id').onDelete('set null'))
    .$call(stamps)
    .execute();
  await createIndex(db, 'assay_data_factory_idx', 'assay_data', ['factory_id', 'id']);

  await tenantTable(db, 'metal_prices')
    .addColumn('metal_type', 'varchar(50)', (c) => c.notNull().defaultTo('1#锌'))
    .addColumn('quote_date', 'varchar(10)', notNull)
    .addColumn('high_price_cents', 'bigint')
    .addColumn('low_price_cents', 'bigint')
    .addColumn('average_price_cents', 'bigint', notNull)
    .addColumn('price_change_cents', 'bigint', notNull)
    .$call(stamps)
    .addUniqueConstraint('metal_prices_factory_type_date_uq', ['factory_id', 'metal_type', 'quote_date'])
    .execute();
  await createIndex(db, 'metal_prices_date_idx', 'metal_prices', ['factory_id', 'quote_date']);

  await tenantTable(db, 'attachments')
    .addColumn('related_type', 'varchar(32)', notNull)
    .addColumn('related_id', 'bigint', notNull)
    .addColumn('storage_name', 'varchar(64)', (c) => c.notNull().unique()) // random, the only on-disk name
    .addColumn('file_path', 'varchar(300)', notNull) // logical path shown to clients, never opened
    .addColumn('original_name', 'varchar(255)', notNull)
    .addColumn('file_type', 'varchar(16)', notNull)
    .addColumn('mime_type', 'varchar(100)', notNull)
    .addColumn('file_size', 'bigint', notNull)
    .addColumn('created_by', 'bigint', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', ms, notNull)
    .execute();
  await createIndex(db, 'attachments_related_idx', 'attachments', ['factory_id', 'related_type', 'related_id']);
}

const ASSAY_VALUES = [
  'water_content',
  'zinc_content',
  'lead_content',
  'chlorine_content',
  'fluorine_content',
  'iron_content',
  'silicon_content',
  'sulfur_content',
  'high_heat',
  'low_heat',
  'silver_content',
  'recovery_rate',
] as const;

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['attachments', 'metal_prices', 'assay_data', 'contracts', 'customers', 'materials', 'departments']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
