import type { Generated } from 'kysely';

/** Table types of db/database.ts: Spec 001's factory back office (master data, attachments) and the smelter's receipts, settlements and audit trail. */
export interface DepartmentsTable {
  id: Generated<number>;
  factory_id: string;
  name: string;
  short_name: string | null;
  full_name: string | null;
  /** 1 branch factory (分厂), 2 department under a branch factory. */
  level: number;
  parent_id: number | null;
  phone: string | null;
  created_at: number;
  updated_at: number;
}

export interface MaterialsTable {
  id: Generated<number>;
  factory_id: string;
  name: string;
  code: string;
  full_name: string | null;
  purpose: string;
  created_at: number;
  updated_at: number;
}

export interface CustomersTable {
  id: Generated<number>;
  factory_id: string;
  name: string;
  code: string;
  full_name: string | null;
  customer_type: string;
  phone: string | null;
  address: string | null;
  created_at: number;
  updated_at: number;
}

export interface ContractsTable {
  id: Generated<number>;
  factory_id: string;
  contract_type: string;
  contract_number: string;
  customer_id: number | null;
  material_id: number | null;
  /** Spec 001's contract `factory_id` (分厂ID): a level-1 department of the tenant. */
  branch_id: number | null;
  responsible_id: number | null;
  /** YYYY-MM-DD */
  sign_date: string | null;
  expiry_date: string | null;
  tax_rate: Generated<number>;
  pricing_method: string;
  coefficient: number | null;
  status: Generated<string>;
  created_at: number;
  updated_at: number;
  /** Pricing terms (issue 15): yuan per tonne in cents, for `weight` and `gross_weight`. */
  unit_price_cents: number | null;
  /** Yuan per dry tonne in cents, for `processing`. */
  processing_fee_cents: number | null;
  /** The metal whose quotes price a `content` contract (default 1#锌). */
  price_metal_type: string | null;
  /** The quotation period of a `content` contract, YYYY-MM-DD, inclusive. */
  quote_start_date: string | null;
  quote_end_date: string | null;
  /** JSON `{deductions, credits}` (src/services/smelter/contract-terms.ts). */
  price_terms: Generated<string>;
}

export interface AssayDataTable {
  id: Generated<number>;
  factory_id: string;
  sample_name: string;
  /** Spec 001's assay `factory_id` (分厂ID): a level-1 department of the tenant. */
  branch_id: number | null;
  water_content: number | null;
  zinc_content: number | null;
  lead_content: number | null;
  chlorine_content: number | null;
  fluorine_content: number | null;
  iron_content: number | null;
  silicon_content: number | null;
  sulfur_content: number | null;
  high_heat: number | null;
  low_heat: number | null;
  silver_content: number | null;
  recovery_rate: number | null;
  remarks: string | null;
  /** The trace batch the sample was taken from (issue 14), the factory's own. */
  trace_batch_id: number | null;
  /** 1 when the factory publishes the result on the lot's Digital Link page. */
  is_public: Generated<number>;
  created_by: number | null;
  created_at: number;
  updated_at: number;
}

export interface MetalPricesTable {
  id: Generated<number>;
  factory_id: string;
  metal_type: Generated<string>;
  /** YYYY-MM-DD */
  quote_date: string;
  /** Yuan per tonne, in cents (fen). */
  high_price_cents: number | null;
  low_price_cents: number | null;
  average_price_cents: number;
  price_change_cents: number;
  created_at: number;
  updated_at: number;
}

export interface AttachmentsTable {
  id: Generated<number>;
  factory_id: string;
  related_type: string;
  related_id: number;
  /** Random name of the stored file inside ATTACHMENTS_DIR; nothing from the client. */
  storage_name: string;
  /** Logical path shown to clients (naming rule); never opened. */
  file_path: string;
  original_name: string;
  file_type: string;
  mime_type: string;
  /** Bytes. */
  file_size: number;
  created_by: number | null;
  created_at: number;
}

/** A material receipt (issue 15): one weighed truckload under a contract. Weights in grams. */
export interface ReceiptsTable {
  id: Generated<number>;
  factory_id: string;
  contract_id: number;
  material_id: number | null;
  vehicle_plate: string;
  gross_weight_g: number;
  tare_weight_g: number;
  net_weight_g: number;
  weighed_at: number;
  weighbridge_operator: string;
  /** received → sampled → assayed → settled */
  status: Generated<string>;
  sample_name: string | null;
  assay_id: number | null;
  settlement_id: number | null;
  remarks: string | null;
  created_by: number | null;
  created_at: number;
  updated_at: number;
}

/** A confirmed settlement of a set of receipts under one contract; amounts in cents. */
export interface SettlementsTable {
  id: Generated<number>;
  factory_id: string;
  contract_id: number;
  /** Receipt ids ascending, comma-joined (unique per contract: idempotent confirmation). */
  receipt_key: string;
  pricing_method: string;
  amount_excl_tax_cents: number;
  tax_cents: number;
  amount_incl_tax_cents: number;
  /** JSON of the calculation, exact decimal strings. */
  calculation: string;
  created_by: number | null;
  created_at: number;
}

/** One change of a contract, receipt, assay record or settlement, written in the change's transaction. */
export interface AuditLogsTable {
  id: Generated<number>;
  factory_id: string;
  entity_type: string;
  entity_id: number;
  /** The contract the entity belongs to, for per-contract logs. */
  contract_id: number | null;
  /** create | update | delete | state */
  action: string;
  actor_id: number | null;
  /** JSON of the entity before and after the change (null for create / delete). */
  before: string | null;
  after: string | null;
  created_at: number;
}
