import type { AppDeps } from '../../deps.ts';
import { AppError } from '../../errors.ts';
import { WechatError } from '../../integrations/wechat/types.ts';
import { noteConsentUsed } from './consents.ts';

export interface TemplateMessageInput {
  templateId: string;
  data: Record<string, { value: string }>;
  page?: string | undefined;
}

/**
 * Spec 000 `POST /api/wechat/template-msg`: sends a subscribe message to the caller's own openid
 * and logs it (who, template, status, msgid, error) whatever WeChat answers. A delivered message
 * used one of the user's consents for that template: the consent ledger is kept in step.
 * @returns `{ msgid, status: 'sent', sendTime }`, msgid a decimal string, sendTime epoch ms.
 * @throws AppError WECHAT_SEND_FAILED (WeChat errcode, e.g. 43101 user refused), UPSTREAM_ERROR.
 */
export async function sendTemplateMessage(
  deps: Pick<AppDeps, 'db' | 'wechat'>,
  user: { id: number; openid: string },
  input: TemplateMessageInput,
): Promise<{ msgid: string; status: 'sent'; sendTime: number }> {
  const sendTime = Date.now();
  const log = {
    user_id: user.id,
    openid: user.openid,
    template_id: input.templateId,
    page: input.page ?? null,
    data: JSON.stringify(input.data),
    created_at: sendTime,
  };
  try {
    const { msgid } = await deps.wechat.sendSubscribeMessage({
      touser: user.openid,
      templateId: input.templateId,
      page: input.page,
      data: input.data,
    });
    await deps.db
      .insertInto('template_message_logs')
      .values({ ...log, status: 'sent', msgid, error: null })
      .execute();
    await noteConsentUsed(deps.db, user.id, input.templateId);
    return { msgid, status: 'sent', sendTime };
  } catch (err) {
    const error = err instanceof WechatError ? `${err.errcode} ${err.errmsg}` : (err as Error).message;
    await deps.db
      .insertInto('template_message_logs')
      .values({ ...log, status: 'failed', msgid: null, error: error.slice(0, 500) })
      .execute();
    if (err instanceof WechatError && err.errcode > 0) {
      throw new AppError('WECHAT_SEND_FAILED', `消息发送失败: ${err.userMessage}`, [], { cause: err });
    }
    throw new AppError('UPSTREAM_ERROR', '微信服务暂不可用', [], { cause: err });
  }
}
