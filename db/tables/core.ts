import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/** Table types of db/database.ts: Tenants, users, token revocation and the API/ERP call metrics. */
export interface FactoriesTable {
  id: string;
  name: string;
  industry: string | null;
  address: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  contact_email: string | null;
  is_active: Generated<number>;
  created_at: number;
  /** GS1 Global Location Number (13 digits, issue 14). */
  gln?: string | null;
}

export type UserType = 'platform' | 'factory' | 'wechat';

export interface UsersTable {
  id: Generated<number>;
  factory_id: string | null;
  user_type: UserType;
  username: string | null;
  email: string | null;
  phone: string | null;
  password_hash: string | null;
  name: string | null;
  role: string;
  /** JSON array of extra permission codes granted on activation. */
  permissions: Generated<string>;
  /** The department as typed (free text); its code, when one matches, is in `department_code`. */
  department: string | null;
  /** A stable department code (`department_codes.code`): farming, processing, logistics, … */
  department_code: string | null;
  position: string | null;
  openid: string | null;
  nickname: string | null;
  avatar_url: string | null;
  is_active: Generated<number>;
  created_at: number;
  updated_at: number;
  last_login_at: number | null;
  /** Incremented by a password change or reset; access tokens of an older epoch are refused (claim `tep`). */
  token_epoch: Generated<number>;
}
export type UserRow = Selectable<UsersTable>;

/** The factory mobile app's department codes (migration 2026-12-10-002) with their display names. */
export interface DepartmentCodesTable {
  code: string;
  display_name: string;
  /** JSON array of other names that mean this department (`养殖`, `质检`, …). */
  aliases: Generated<string>;
  sort_order: number;
}
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;

export interface RevokedTokensTable {
  jti: string;
  user_id: number;
  expires_at: number;
}

/** The latency histogram columns of a call bucket: h0 ≤ 5 ms … h10 ≤ 10 s, h11 slower (src/services/monitoring/metrics/buckets.ts). */
export interface HistogramColumns {
  h0: number;
  h1: number;
  h2: number;
  h3: number;
  h4: number;
  h5: number;
  h6: number;
  h7: number;
  h8: number;
  h9: number;
  h10: number;
  h11: number;
}

/** The totals of the API calls of one route pattern × method × status class (2 for 2xx … 5 for 5xx) in a period. */
export interface ApiCallTotals {
  method: string;
  route: string;
  status_class: number;
  calls: number;
  sum_ms: number;
  max_ms: number;
}

/** API calls of one minute, with their latency histogram. */
export interface ApiCallBucketsTable extends HistogramColumns, ApiCallTotals {
  /** Epoch ms of the minute's start. */
  minute: number;
}

/** The same per hour (count, sum, max; no histogram): what `/api/metrics/performance` reads for whole hours. */
export interface ApiCallHoursTable extends ApiCallTotals {
  /** Epoch ms of the (UTC) hour's start. */
  hour: number;
}

/** ERP calls of one minute per endpoint × outcome (ok 1/0). */
export interface ErpCallBucketsTable extends HistogramColumns {
  minute: number;
  endpoint: string;
  ok: number;
  calls: number;
  sum_ms: number;
  max_ms: number;
}
