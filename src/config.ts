import { z } from 'zod';

/**
 * The whole environment tracehub reads, parsed once at start (create-t3-app's env.ts pattern).
 * Nothing else reads `process.env`; the parsed, frozen object is handed down through the context.
 */
const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const csv = z.string().transform((v) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Public base URL, used in QR codes and OAuth verification URIs. */
  PUBLIC_BASE_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  /** `postgres://…` selects Postgres; anything else is a SQLite file path. */
  DATABASE_URL: z.string().default('data/tracehub.db'),
  SEED_DEMO: bool.default(true),
  REDIS_URL: z.string().optional(),

  JWT_SECRET: z.string().optional(),
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

  // ---- mobile (spec 002) ----
  /** `log` writes SMS to the log (embedded default); `http` posts them to SMS_BASE_URL. */
  SMS_MODE: z.enum(['log', 'http']).default('log'),
  SMS_BASE_URL: z.string().url().optional(),
  SMS_API_KEY: z.string().default(''),
  SMS_TIMEOUT_MS: z.coerce.number().int().positive().default(5000),
  /** OpenAI-compatible endpoint; AI analysis answers 503 until DEEPSEEK_API_KEY is set. */
  DEEPSEEK_BASE_URL: z.string().url().default('https://api.deepseek.com'),
  DEEPSEEK_API_KEY: z.string().default(''),
  DEEPSEEK_MODEL: z.string().default('deepseek-chat'),
  DEEPSEEK_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
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

export type Config = Readonly<
  Omit<z.infer<typeof envSchema>, 'JWT_SECRET' | 'PUBLIC_BASE_URL'> & {
    JWT_SECRET: string;
    PUBLIC_BASE_URL: string;
  }
>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** A development-only secret; production refuses to start without a real one. */
const DEV_JWT_SECRET = 'tracehub-development-secret-do-not-use-in-production-0123456789';

/**
 * Parses and validates the environment.
 * @param env usually `process.env`; tests pass their own record.
 * @returns a frozen Config.
 * @throws ConfigError naming every bad variable, or a production-mode rule that is broken.
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const problems: string[] = [];
  if (e.NODE_ENV === 'production') {
    if (!e.JWT_SECRET || Buffer.byteLength(e.JWT_SECRET) < 32) {
      problems.push('JWT_SECRET: must be set to at least 32 bytes (256 bits) in production');
    }
    if (e.WECHAT_MODE === 'simulator') problems.push('WECHAT_MODE: simulator is refused in production');
    if (e.SEED_DEMO) problems.push('SEED_DEMO: demo seeding is refused in production');
  } else if (e.JWT_SECRET && Buffer.byteLength(e.JWT_SECRET) < 32) {
    problems.push('JWT_SECRET: must be at least 32 bytes (256 bits)');
  }
  if (e.WECHAT_MODE === 'live' && (!e.WECHAT_APPID || !e.WECHAT_SECRET)) {
    problems.push('WECHAT_APPID/WECHAT_SECRET: required when WECHAT_MODE=live');
  }
  if (e.ERP_MODE === 'http' && !e.ERP_BASE_URL) problems.push('ERP_BASE_URL: required when ERP_MODE=http');
  if (e.SMS_MODE === 'http' && (!e.SMS_BASE_URL || !e.SMS_API_KEY)) problems.push('SMS_BASE_URL/SMS_API_KEY: required when SMS_MODE=http');
  if (problems.length) throw new ConfigError(`invalid environment:\n  ${problems.join('\n  ')}`);

  return Object.freeze({
    ...e,
    JWT_SECRET: e.JWT_SECRET ?? DEV_JWT_SECRET,
    PUBLIC_BASE_URL: e.PUBLIC_BASE_URL ?? `http://localhost:${e.PORT}`,
  });
}
