import { router } from '../../edge/trpc.ts';
import { sendTemplateMessageProcedure } from './send-template-message.ts';

export const wechatRouter = router({
  sendTemplateMessage: sendTemplateMessageProcedure,
});
