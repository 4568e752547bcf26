import { AppError } from '../../../errors.ts';

/**
 * Spec 000's rule for a `userId` sent by the mini-program (`POST /api/auth/bind-company`): the
 * token decides who the caller is; a `userId` is optional and, when given, must be the token's.
 * @throws AppError VALIDATION_FAILED ("用户不匹配", HTTP 400) naming the field `userId`.
 */
export function assertOwnUserId(tokenUserId: number, userId: string | number | undefined): void {
  if (userId === undefined || String(userId) === String(tokenUserId)) return;
  throw new AppError('VALIDATION_FAILED', '用户不匹配: userId 与令牌不一致', [{ field: 'userId', message: 'does not match the token' }]);
}
