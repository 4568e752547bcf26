import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import type { Logger } from 'pino';
import type { Db } from '../../../db/connect.ts';
import { spendOnce } from '../../../db/single-use.ts';
import { countAll } from '../../../db/sql.ts';
import type { AppDeps } from '../../../deps.ts';
import { AppError } from '../../../errors.ts';
import { SmsError } from '../../../integrations/sms/types.ts';

export const VERIFICATION_PURPOSES = ['registration', 'login', 'reset_password'] as const;
export type VerificationPurpose = (typeof VERIFICATION_PURPOSES)[number];

/** Spec 002 §1.2 limits (ROUTES.md "mobile"): 6 digits, 5 min, single use, 5 tries, 60 s / 10 per day per phone. */
export const SMS_RULES = {
  ttlMs: 5 * 60_000,
  maxAttempts: 5,
  resendAfterMs: 60_000,
  perDay: 10,
  dayMs: 24 * 3600_000,
} as const;

function codeHash(secret: string, phone: string, purpose: string, code: string): string {
  // Keyed: six digits are a million guesses offline, so a plain hash would not protect them.
  return createHmac('sha256', secret).update(`sms|${phone}|${purpose}|${code}`).digest('hex');
}

/**
 * `POST /api/mobile/auth/send-verification`: creates a 6-digit code (stored as an HMAC) and sends
 * it by SMS. A new code replaces the phone's unused codes of the same purpose. Registration codes
 * go only to whitelisted numbers; login/reset codes only to numbers of existing accounts (others
 * get the same answer and no SMS, so the endpoint does not reveal who has an account).
 * @param phone E.164, already normalised.
 * @returns `expiresIn` and `resendAfter`, seconds.
 * @throws AppError RATE_LIMITED (60 s between sends, 10 per day, or the SMS provider's own limits;
 *   with retryAfterSeconds), PERMISSION_DENIED (registration for a number on no whitelist),
 *   VALIDATION_FAILED on `phoneNumber` (the provider says the number cannot receive SMS),
 *   SERVICE_UNAVAILABLE (any other SMS failure: provider down, credentials, template, account).
 */
export async function sendVerificationCode(
  deps: Pick<AppDeps, 'db' | 'sms' | 'config' | 'logger'>,
  phone: string,
  purpose: VerificationPurpose,
  now = Date.now(),
): Promise<{ expiresIn: number; resendAfter: number }> {
  const { db } = deps;
  const recent = await db
    .selectFrom('sms_codes')
    .select([countAll.as('n'), (eb) => eb.fn.max('created_at').as('last')])
    .where('phone', '=', phone)
    .where('created_at', '>', now - SMS_RULES.dayMs)
    .executeTakeFirstOrThrow();
  const last = recent.last === null ? null : Number(recent.last);
  if (last !== null && last + SMS_RULES.resendAfterMs > now) {
    const retryAfterSeconds = Math.ceil((last + SMS_RULES.resendAfterMs - now) / 1000);
    throw new AppError('RATE_LIMITED', `验证码发送过于频繁，请 ${retryAfterSeconds} 秒后再试`, [], { retryAfterSeconds });
  }
  if (Number(recent.n) >= SMS_RULES.perDay) {
    throw new AppError('RATE_LIMITED', '该手机号今日验证码发送次数已达上限', [], { retryAfterSeconds: 3600 });
  }

  let deliver = true;
  if (purpose === 'registration') {
    if (!(await isWhitelistedAnywhere(db, phone, now))) throw new AppError('PERMISSION_DENIED', '手机号不在白名单中，请联系工厂管理员');
  } else {
    deliver = (await db.selectFrom('users').select('id').where('phone', '=', phone).executeTakeFirst()) !== undefined;
  }

  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await db
    .updateTable('sms_codes')
    .set({ consumed_at: now })
    .where('phone', '=', phone)
    .where('purpose', '=', purpose)
    .where('consumed_at', 'is', null)
    .execute();
  const row = await db
    .insertInto('sms_codes')
    .values({
      phone,
      purpose,
      code_hash: codeHash(deps.config.JWT_SECRET, phone, purpose, code),
      expires_at: now + SMS_RULES.ttlMs,
      created_at: now,
      consumed_at: deliver ? null : now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (deliver) {
    try {
      await deps.sms.send(phone, 'verification_code', { code });
    } catch (err) {
      // No code reached the phone: drop it, so the caller's 60 s and daily quota are not spent.
      await db.deleteFrom('sms_codes').where('id', '=', row.id).execute();
      throw smsFailure(deps.logger, err, phone);
    }
  }
  return { expiresIn: SMS_RULES.ttlMs / 1000, resendAfter: SMS_RULES.resendAfterMs / 1000 };
}

/**
 * What the caller of send-verification sees when the SMS provider refuses: its throttling as our
 * 429, a number it cannot reach as a 400 on `phoneNumber`, anything else (our configuration, its
 * account, its outage) as a 503. Operator-side causes are logged at error level, the rest at warn.
 */
function smsFailure(logger: Logger, err: unknown, phone: string): AppError {
  const kind = err instanceof SmsError ? err.kind : 'unavailable';
  const provider = err instanceof SmsError ? err.provider : undefined;
  const operatorFix = kind === 'auth_failed' || kind === 'template_not_approved' || kind === 'out_of_service';
  logger[operatorFix ? 'error' : 'warn']({ err, phone, sms: { kind, ...provider } }, `SMS send failed: ${kind}`);
  switch (kind) {
    case 'throttled':
      return new AppError('RATE_LIMITED', '短信发送过于频繁，请稍后再试', [], {
        cause: err,
        retryAfterSeconds: SMS_RULES.resendAfterMs / 1000,
      });
    case 'invalid_number':
      return new AppError('VALIDATION_FAILED', '手机号码无法接收短信', [{ field: 'phoneNumber', message: '手机号码无效' }], { cause: err });
    default:
      return new AppError('SERVICE_UNAVAILABLE', '短信服务暂不可用，请稍后再试', [], { cause: err });
  }
}

/**
 * Checks and spends a code: the newest unused code of the phone and purpose, not expired, fewer
 * than 5 wrong tries. A wrong code counts a try; a right one can be used once.
 * @throws AppError VALIDATION_FAILED (`验证码错误`, `验证码无效或已过期`, `验证码错误次数过多`).
 */
export async function consumeVerificationCode(
  db: Db,
  secret: string,
  input: { phone: string; purpose: VerificationPurpose; code: string },
  now = Date.now(),
): Promise<void> {
  const row = await db
    .selectFrom('sms_codes')
    .select(['id', 'code_hash', 'attempts', 'expires_at'])
    .where('phone', '=', input.phone)
    .where('purpose', '=', input.purpose)
    .where('consumed_at', 'is', null)
    .orderBy('id', 'desc')
    .executeTakeFirst();
  const invalid = () =>
    new AppError('VALIDATION_FAILED', '验证码无效或已过期', [{ field: 'verificationCode', message: '验证码无效或已过期' }]);
  if (!row || row.expires_at <= now) throw invalid();
  if (row.attempts >= SMS_RULES.maxAttempts) {
    throw new AppError('VALIDATION_FAILED', '验证码错误次数过多，请重新获取', [{ field: 'verificationCode', message: '错误次数过多' }]);
  }
  const expected = Buffer.from(row.code_hash, 'hex');
  const given = Buffer.from(codeHash(secret, input.phone, input.purpose, input.code), 'hex');
  if (!timingSafeEqual(expected, given)) {
    await db
      .updateTable('sms_codes')
      .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
      .where('id', '=', row.id)
      .execute();
    throw new AppError('VALIDATION_FAILED', '验证码错误', [{ field: 'verificationCode', message: '验证码错误' }]);
  }
  if (!(await spendOnce(db, 'sms_codes', 'consumed_at', { id: row.id }, now))) throw invalid();
}

/** Whether any factory's whitelist holds the phone unexpired. */
export async function isWhitelistedAnywhere(db: Db, phone: string, now = Date.now()): Promise<boolean> {
  const row = await db
    .selectFrom('phone_whitelist')
    .select('id')
    .where('phone', '=', phone)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .executeTakeFirst();
  return row !== undefined;
}
