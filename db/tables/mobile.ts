import type { Generated, Selectable } from 'kysely';

/** Table types of db/database.ts: Spec 002 (mobile app) and the v1 trace batches of spec 003. */
export interface PhoneWhitelistTable {
  id: Generated<number>;
  factory_id: string;
  /** E.164, `+86…`. */
  phone: string;
  /** Epoch ms; null never expires. */
  expires_at: number | null;
  created_by: number | null;
  created_at: number;
}

export interface SmsCodesTable {
  id: Generated<number>;
  phone: string;
  purpose: string;
  /** HMAC-SHA256 of phone, purpose and code, hex; the code itself is never stored. */
  code_hash: string;
  attempts: Generated<number>;
  expires_at: number;
  consumed_at: number | null;
  created_at: number;
}

export interface RegistrationTokensTable {
  /** SHA-256 of the tempToken, hex. */
  token_hash: string;
  phone: string;
  factory_id: string;
  expires_at: number;
  used_at: number | null;
  created_at: number;
}

export interface LoginFailuresTable {
  /** `u:<user id>` or `login:<typed login>` (the account), `<account>|ip:<address>`, or `ip:<address>`. */
  key: string;
  /** Attempts counted (reserved) since the key was last cleared or forgotten. */
  failures: number;
  /** Epoch ms of the last counted attempt. */
  last_at: number;
  /** Epoch ms until which the key refuses attempts; null when not locked. */
  locked_until: number | null;
}

export interface UserDevicesTable {
  id: Generated<number>;
  user_id: number;
  device_id: string;
  device_model: string | null;
  platform: string | null;
  os_version: string | null;
  /** SHA-256 of the device token, hex. */
  token_hash: string;
  created_at: number;
  last_login_at: number | null;
}

export interface ActivationCodesTable {
  code: string;
  description: string | null;
  max_uses: number;
  used_count: Generated<number>;
  expires_at: number | null;
  is_active: Generated<number>;
  created_at: number;
}

export interface AppActivationsTable {
  id: Generated<number>;
  code: string;
  device_id: string;
  device_model: string | null;
  activated_at: number;
}

export interface MobileUploadsTable {
  id: Generated<number>;
  user_id: number;
  factory_id: string | null;
  /** Random name inside the storage; never derived from the client's file name. */
  storage_key: string;
  original_name: string;
  mime_type: string;
  size_bytes: number;
  category: string | null;
  /** JSON text as the client sent it, or null. */
  metadata: string | null;
  created_at: number;
}

export interface AiAnalysesTable {
  id: Generated<number>;
  user_id: number;
  request_id: string;
  input: string;
  result: string;
  model: string;
  prompt_tokens: number | null;
  completion_tokens: number | null;
  created_at: number;
}
// ---- traces ----

export type TraceStatus = 'active' | 'archived';
export type TraceEventType = 'harvest' | 'processing' | 'inspection' | 'storage' | 'shipping';

/** A factory's product lot (spec 003 "trace batch"); `code` is its public code. */
export interface TraceBatchesTable {
  id: Generated<number>;
  factory_id: string;
  code: string;
  name: string;
  product_id: string;
  quantity: number;
  /** kg per unit. */
  unit_weight: number;
  harvest_date: number;
  farm_id: string;
  status: Generated<TraceStatus>;
  /** GS1 GTIN-14 (issue 14), null when the batch has no GS1 identity. */
  gtin: string | null;
  /** GS1 AI 10 batch/lot number, with `gtin`. */
  lot: string | null;
  created_at: number;
  updated_at: number;
}
export type TraceBatchRow = Selectable<TraceBatchesTable>;

/** One time-ordered event of a trace batch. */
export interface TraceLogsTable {
  id: Generated<number>;
  trace_id: number;
  event_type: TraceEventType;
  occurred_at: number;
  operator: string | null;
  location: string | null;
  notes: string | null;
  created_at: number;
}
export type TraceLogRow = Selectable<TraceLogsTable>;
