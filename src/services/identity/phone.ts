import { AppError } from '../../errors.ts';

const MAINLAND_MOBILE = /^\+861[3-9]\d{9}$/;

/**
 * Normalises a mainland China mobile number to E.164 (`+86` + 11 digits, second digit 3–9).
 * Accepts `+8613800000000`, `8613800000000`, `13800000000`, with spaces or dashes.
 * @throws AppError VALIDATION_FAILED for anything else.
 */
export function normalizeMainlandPhone(input: string): string {
  const digits = input.replace(/[\s-]/g, '');
  const e164 = digits.startsWith('+') ? digits : digits.length === 11 ? `+86${digits}` : `+${digits}`;
  if (!MAINLAND_MOBILE.test(e164)) {
    throw new AppError('VALIDATION_FAILED', '手机号格式无效', [
      { field: 'phoneNumber', message: '须为中国大陆手机号 (+86 1[3-9]xxxxxxxxx)' },
    ]);
  }
  return e164;
}
