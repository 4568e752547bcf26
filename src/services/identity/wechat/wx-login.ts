import type { AppDeps } from '../../../deps.ts';
import { AppError } from '../../../errors.ts';
import { WechatError } from '../../../integrations/wechat/types.ts';
import { issueUserToken } from '../tokens.ts';

/** Mini-program sessions last 30 days (ROUTES.md "mini"). */
export const MINI_TOKEN_TTL_SECONDS = 30 * 24 * 3600;
/** Spec 000 "通用规则": openid 11–99 characters; WeChat's own openids also use `-` and `_`. */
const OPENID = /^[A-Za-z0-9_-]{11,99}$/;

export interface WxLoginInput {
  code: string;
  userInfo?: { nickName?: string | undefined; avatarUrl?: string | undefined } | undefined;
}

/**
 * Spec 000 `POST /api/auth/wx-login`: WeChat code2Session → upsert the user by openid → a JWT
 * valid 30 days. The session_key is neither stored nor returned.
 * @returns `{ token, userId, expiresAt }`, expiresAt in epoch ms.
 * @throws AppError WECHAT_LOGIN_FAILED (bad/used code, bad openid), UPSTREAM_ERROR (WeChat down).
 */
export async function wxLogin(
  deps: Pick<AppDeps, 'db' | 'wechat' | 'tokens'>,
  input: WxLoginInput,
): Promise<{ token: string; userId: string; expiresAt: number }> {
  let openid: string;
  try {
    ({ openid } = await deps.wechat.code2Session(input.code));
  } catch (err) {
    if (err instanceof WechatError && err.errcode > 0) {
      throw new AppError('WECHAT_LOGIN_FAILED', `openid获取失败: ${err.userMessage}`, [], { cause: err });
    }
    throw new AppError('UPSTREAM_ERROR', '微信服务暂不可用', [], { cause: err });
  }
  if (!OPENID.test(openid)) throw new AppError('WECHAT_LOGIN_FAILED', 'openid获取失败: openid 格式无效');

  const now = Date.now();
  const nickname = input.userInfo?.nickName ?? null;
  const avatar = input.userInfo?.avatarUrl ?? null;
  const user = await deps.db
    .insertInto('users')
    .values({
      user_type: 'wechat',
      role: 'wechat_customer',
      openid,
      nickname,
      avatar_url: avatar,
      created_at: now,
      updated_at: now,
      last_login_at: now,
    })
    .onConflict((oc) =>
      oc.column('openid').doUpdateSet((eb) => ({
        nickname: nickname ?? eb.ref('users.nickname'),
        avatar_url: avatar ?? eb.ref('users.avatar_url'),
        updated_at: now,
        last_login_at: now,
      })),
    )
    .returning(['id', 'is_active', 'token_epoch'])
    .executeTakeFirstOrThrow();
  if (!user.is_active) throw new AppError('PERMISSION_DENIED', '账号已停用');

  const subject = { id: user.id, role: 'wechat_customer', factory_id: null, token_epoch: user.token_epoch };
  const { token, expiresAt } = await issueUserToken(deps.tokens, subject, 'mini', MINI_TOKEN_TTL_SECONDS);
  return { token, userId: String(user.id), expiresAt };
}
