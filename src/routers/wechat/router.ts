import { router } from '../../trpc/init.ts';
import { sendTemplateMessageProcedure } from './send-template-message.ts';

export const wechatRouter = router({
  sendTemplateMessage: sendTemplateMessageProcedure,
});
