import type { z } from 'zod';
import { envSchema } from './config-schema.ts';
import { secretWeakness } from './secret-strength.ts';
import { KeyConfigError, readEs256Keys } from './services/identity/signing-keys.ts';

/**
 * The whole environment tracehub reads, parsed once at start (create-t3-app's env.ts pattern):
 * the variables and their defaults are in src/config-schema.ts. Nothing else reads `process.env`;
 * the parsed, frozen object is handed down through the context.
 */
export type Config = Readonly<
  Omit<z.infer<typeof envSchema>, 'JWT_SECRET' | 'PUBLIC_BASE_URL' | 'SMS_REGION'> & {
    JWT_SECRET: string;
    PUBLIC_BASE_URL: string;
    SMS_REGION: string;
  }
>;

/** What each SMS provider cannot work without; a missing one stops the start, named. */
const SMS_REQUIRED = {
  log: [],
  aliyun: ['SMS_ALIYUN_ACCESS_KEY_ID', 'SMS_ALIYUN_ACCESS_KEY_SECRET', 'SMS_SIGN_NAME', 'SMS_TEMPLATE_VERIFICATION_CODE'],
  tencent: ['SMS_TENCENT_SECRET_ID', 'SMS_TENCENT_SECRET_KEY', 'SMS_TENCENT_SDK_APP_ID', 'SMS_SIGN_NAME', 'SMS_TEMPLATE_VERIFICATION_CODE'],
} as const satisfies Record<z.infer<typeof envSchema>['SMS_PROVIDER'], readonly (keyof z.infer<typeof envSchema>)[]>;

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
    if (!e.JWT_SECRET) problems.push('JWT_SECRET: must be set in production (at least 32 random bytes)');
    else if (e.JWT_SECRET === DEV_JWT_SECRET) problems.push('JWT_SECRET: is the development secret printed in the source');
    // the secrets tracehub chooses itself; keys issued by providers (WECHAT_SECRET, SMS_*) are theirs to shape
    for (const name of ['JWT_SECRET', 'METRICS_TOKEN'] as const) {
      const weakness = e[name] && e[name] !== DEV_JWT_SECRET ? secretWeakness(e[name]) : null;
      if (weakness) problems.push(`${name}: ${weakness}`);
    }
    if (e.WECHAT_MODE === 'simulator') problems.push('WECHAT_MODE: simulator is refused in production');
    if (e.SEED_DEMO) problems.push('SEED_DEMO: demo seeding is refused in production');
  } else if (e.JWT_SECRET && Buffer.byteLength(e.JWT_SECRET) < 32) {
    problems.push('JWT_SECRET: must be at least 32 bytes (256 bits)');
  }
  if (e.WECHAT_MODE === 'live' && (!e.WECHAT_APPID || !e.WECHAT_SECRET)) {
    problems.push('WECHAT_APPID/WECHAT_SECRET: required when WECHAT_MODE=live');
  }
  try {
    readEs256Keys(e);
  } catch (err) {
    if (!(err instanceof KeyConfigError)) throw err;
    problems.push(err.message);
  }
  if (!e.JWT_PRIVATE_KEY && (e.JWT_PUBLIC_KEYS || e.JWT_KEY_ID)) {
    problems.push('JWT_PUBLIC_KEYS/JWT_KEY_ID: only used with JWT_PRIVATE_KEY (ES256)');
  }
  if (e.ERP_MODE === 'http' && !e.ERP_BASE_URL) problems.push('ERP_BASE_URL: required when ERP_MODE=http');
  for (const name of SMS_REQUIRED[e.SMS_PROVIDER]) {
    if (!e[name]) problems.push(`${name}: required when SMS_PROVIDER=${e.SMS_PROVIDER}`);
  }
  if (e.STORAGE_DRIVER === 's3') {
    for (const name of ['S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const) {
      if (!e[name]) problems.push(`${name}: required when STORAGE_DRIVER=s3`);
    }
  }
  if (problems.length) throw new ConfigError(`invalid environment:\n  ${problems.join('\n  ')}`);

  return Object.freeze({
    ...e,
    JWT_SECRET: e.JWT_SECRET ?? DEV_JWT_SECRET,
    PUBLIC_BASE_URL: e.PUBLIC_BASE_URL ?? `http://localhost:${e.PORT}`,
    SMS_REGION: e.SMS_REGION ?? (e.SMS_PROVIDER === 'tencent' ? 'ap-guangzhou' : 'cn-hangzhou'),
  });
}
