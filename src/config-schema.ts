import { availableParallelism } from 'node:os';
import { z } from 'zod';

/** `true`/`false`/`1`/`0` as a boolean. */
const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
/** A comma-separated list, trimmed, empty items dropped. */
const csv = z.string().transform((v) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);

/**
 * Every environment variable tracehub reads, with its default and its check; loadConfig
 * (src/config.ts) parses it and adds the rules between variables.
 */
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Public base URL, used in QR codes, OAuth verification URIs and as `iss` of signed trace records. */
  PUBLIC_BASE_URL: z.string().url().optional(),
  /**
   * Digits of the GS1 Company Prefix inside the GTINs of this deployment (6-12, GS1 General
   * Specifications §1.4.4): the EPC class URN of a lot (`urn:epc:class:lgtin:…`, TDS 2.0 §6.3.11)
   * splits the GTIN there, and the GTIN alone does not say where.
   */
  GS1_COMPANY_PREFIX_LENGTH: z.coerce.number().int().min(6).max(12).default(7),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  /** `postgres://…` selects Postgres; anything else is a SQLite file path. */
  DATABASE_URL: z.string().default('data/tracehub.db'),
  SEED_DEMO: bool.default(true),
  REDIS_URL: z.string().optional(),

  /**
   * HMAC key of HS256 access tokens (unless JWT_PRIVATE_KEY is set), of the /device session cookie
   * and of stored verification codes; production requires a strong one (src/secret-strength.ts).
   */
  JWT_SECRET: z.string().optional(),
  /**
   * ES256 signing key (PKCS#8/SEC1 PEM, `\n` escapes allowed, or a private JWK): tokens are then
   * ES256 and published keys verify them. It also signs the public trace records
   * (`/v1/public/traces/{code}/record.jws`, issue 14 §4); unset, records are signed with an ES256
   * key generated once and stored in the `signing_keys` table (shared by every instance), whose
   * public half `/.well-known/jwks.json` lists too.
   */
  JWT_PRIVATE_KEY: z.string().optional(),
  /** The signing key's `kid`; default the JWK's own, else its RFC 7638 thumbprint. */
  JWT_KEY_ID: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,128}$/, '1-128 of A-Z a-z 0-9 . _ -')
    .optional(),
  /** More ES256 public keys tokens may be signed with (rotation): a JWKS, JWK(s) as JSON, or SPKI PEM blocks. */
  JWT_PUBLIC_KEYS: z.string().optional(),
  JWT_ISSUER: z.string().default('tracehub'),
  JWT_AUDIENCE: z.string().default('tracehub-api'),

  CORS_ORIGINS: csv.default(['http://localhost:3000', 'http://127.0.0.1:3000']),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(1024 * 1024),
  /** Request header fields beyond this answer 431 in the route's envelope (node itself refuses past 64 KiB). */
  HEADER_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(60 * 1024)
    .default(16 * 1024),
  /** Cloud proxies put the client address here; only trusted when set. */
  TRUST_PROXY: bool.default(false),

  WECHAT_MODE: z.enum(['live', 'simulator']).default('simulator'),
  WECHAT_APPID: z.string().default(''),
  WECHAT_SECRET: z.string().default(''),
  WECHAT_BASE_URL: z.string().url().default('https://api.weixin.qq.com'),
  WECHAT_TIMEOUT_MS: z.coerce.number().int().positive().default(5000),

  ERP_MODE: z.enum(['embedded', 'http']).default('embedded'),
  ERP_BASE_URL: z.string().url().optional(),
  ERP_API_KEY: z.string().default(''),
  ERP_TIMEOUT_MS: z.coerce.number().int().positive().default(3000),
  ERP_RETRIES: z.coerce.number().int().min(0).max(5).default(2),
  ORDER_CACHE_TTL_MS: z.coerce.number().int().min(0).default(30_000),
  /** The order-status notification job (message centre + subscribe messages): on/off and its period. */
  ORDER_NOTIFY_ENABLED: bool.default(true),
  ORDER_NOTIFY_INTERVAL_MS: z.coerce.number().int().min(10).default(30_000),
  /** The subscribe-message template for order-status notices; empty: message centre only. */
  WECHAT_ORDER_TEMPLATE_ID: z.string().max(128).default(''),
  /** That template's data keys for: order number, new status, time of change, note (its own names). */
  WECHAT_ORDER_TEMPLATE_KEYS: csv
    .default(['character_string1', 'phrase2', 'time3', 'thing4'])
    .refine(
      (keys) => keys.length === 4 && keys.every((k) => /^[a-z_]+\d+$/.test(k)),
      'four keys such as character_string1,phrase2,time3,thing4',
    ),

  /** IANA zone for hour buckets and BI periods. */
  TIME_ZONE: z
    .string()
    .default('Asia/Shanghai')
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'unknown IANA time zone'),
  /** Multiplies every declared rate limit (load tests set it high; the limiter still counts). */
  RATE_LIMIT_SCALE: z.coerce.number().positive().default(1),
  METRICS_FLUSH_MS: z.coerce.number().int().positive().default(1000),
  /** Bearer token Prometheus scrapes `GET /metrics` with (≥ 32 characters); unset: /metrics is not served. */
  METRICS_TOKEN: z.string().min(32).optional(),
  /** Postgres pool size per instance, and the statement_timeout every pooled connection gets. */
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).default(15_000),
  /** Queries slower than this are logged at warn with their SQL (no values). 0 disables. */
  SLOW_QUERY_MS: z.coerce.number().int().min(0).default(500),
  /** Worker threads running the heavy reads (BI reports) on a SQLite file; 0 runs them on the event loop. Unused on Postgres. */
  READ_POOL_THREADS: z.coerce
    .number()
    .int()
    .min(0)
    .max(16)
    .default(Math.min(4, Math.max(1, availableParallelism() - 1))),
  /** Added to the nice value of the heavy-read threads (0–19): a read off the event loop yields the CPU to it. */
  READ_POOL_NICE: z.coerce.number().int().min(0).max(19).default(10),
  /**
   * SQLite file: milliseconds between WAL checkpoints, run on a thread of their own
   * (src/db/checkpointer.ts) so that no commit on the event loop copies the log back and fsyncs;
   * 0 leaves them to SQLite, inside the commit that takes the WAL past 1,000 pages. Unused on Postgres.
   */
  SQLITE_CHECKPOINT_MS: z.coerce.number().int().min(0).default(1000),
  /** BI reports kept per instance and answered again while their data's version is unchanged (exact); 0 turns the cache off. */
  BI_CACHE_ENTRIES: z.coerce.number().int().min(0).max(100_000).default(500),
  /** The housekeeping job (src/services/jobs/housekeeping.ts): purges expired credentials and old metric buckets. */
  HOUSEKEEPING_ENABLED: bool.default(true),
  HOUSEKEEPING_INTERVAL_MS: z.coerce.number().int().min(1000).default(3_600_000),
  /** Days an expired (or revoked) token, refresh token, device code, SMS code or registration token is kept after it expires. */
  RETENTION_EXPIRED_DAYS: z.coerce.number().min(0).default(7),
  /** Days of per-minute API and ERP call buckets kept (performance reads 24 h, ERP status 1 h). */
  RETENTION_METRICS_DAYS: z.coerce.number().min(1).default(35),

  // ---- mobile (spec 002) ----
  /** `log` writes each would-be SMS to the log (embedded default); `aliyun` / `tencent` send through that cloud's SDK. */
  SMS_PROVIDER: z.enum(['log', 'aliyun', 'tencent']).default('log'),
  SMS_ALIYUN_ACCESS_KEY_ID: z.string().default(''),
  SMS_ALIYUN_ACCESS_KEY_SECRET: z.string().default(''),
  SMS_TENCENT_SECRET_ID: z.string().default(''),
  SMS_TENCENT_SECRET_KEY: z.string().default(''),
  /** Tencent's SMS application id (`1400…`). */
  SMS_TENCENT_SDK_APP_ID: z.string().default(''),
  /** Defaults per provider: `cn-hangzhou` (Alibaba), `ap-guangzhou` (Tencent). */
  SMS_REGION: z.string().optional(),
  /** The approved sign name (签名), without brackets. */
  SMS_SIGN_NAME: z.string().default(''),
  /** The approved verification-code template: Alibaba template code (`SMS_…`) or Tencent template id; one variable, the code. */
  SMS_TEMPLATE_VERIFICATION_CODE: z.string().default(''),
  /** `http(s)://host[:port]` instead of the provider's endpoint (a fake in tests, a proxy). */
  SMS_ENDPOINT: z
    .string()
    .refine((v) => /^https?:\/\/[^/?#]+\/?$/.test(v) && URL.canParse(v), 'http(s)://host[:port], without a path')
    .optional(),
  SMS_TIMEOUT_MS: z.coerce.number().int().positive().default(5000),
  /** OpenAI-compatible endpoint; AI analysis answers 503 until DEEPSEEK_API_KEY is set. */
  DEEPSEEK_BASE_URL: z.string().url().default('https://api.deepseek.com'),
  DEEPSEEK_API_KEY: z.string().default(''),
  DEEPSEEK_MODEL: z.string().default('deepseek-chat'),
  DEEPSEEK_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  /** `local`: UPLOAD_DIR and ATTACHMENTS_DIR on this machine; `s3`: S3_BUCKET, shared by every instance. */
  STORAGE_DRIVER: z.enum(['local', 's3']).default('local'),
  /** `http(s)://host[:port]` of an S3-compatible service (MinIO, OSS, COS); unset: AWS S3 of S3_REGION. */
  S3_ENDPOINT: z.string().url().optional(),
  S3_REGION: z.string().default('us-east-1'),
  S3_BUCKET: z.string().default(''),
  S3_ACCESS_KEY_ID: z.string().default(''),
  S3_SECRET_ACCESS_KEY: z.string().default(''),
  /** Path-style URLs (`endpoint/bucket/key`), as MinIO needs. */
  S3_FORCE_PATH_STYLE: bool.default(false),
  /** Local directory of uploaded files. */
  UPLOAD_DIR: z.string().default('data/uploads'),
  /** Where spec 001 attachments are stored, under random names. */
  ATTACHMENTS_DIR: z.string().min(1).default('data/attachments'),
  /** Largest accepted attachment, bytes (spec 001 POST /api/attachments). */
  ATTACHMENT_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(10 * 1024 * 1024),
  /**
   * OAuth public clients (RFC 8628) registered at start when the `oauth_clients` table lacks them,
   * comma-separated; platform admins manage the table (`/api/platform/oauth-clients`), which
   * decides: a disabled client stays disabled. Empty registers nothing.
   */
  OAUTH_CLIENTS: csv
    .default(['bi-cli-prod'])
    .refine((ids) => ids.every((id) => /^[A-Za-z0-9][A-Za-z0-9._-]{2,99}$/.test(id)), 'client ids: 3-100 of A-Z a-z 0-9 . _ -'),
  /** Platform fee on merchant revenue (spec 004 financial): `0.05` in the environment, parsed to basis points (500). */
  PLATFORM_FEE_RATE: z
    .string()
    .default('0.05')
    .refine((v) => /^(0(\.\d{1,4})?|1(\.0{1,4})?)$/.test(v), 'a decimal between 0 and 1 with at most 4 places')
    .transform((v) => Math.round(Number(v) * 10_000)),
});
