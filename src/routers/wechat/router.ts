import { router } from '../../edge/trpc.ts';
import { messagesRouter } from './messages.ts';
import { notificationSettingsProcedure, updateNotificationSettingsProcedure } from './notification-settings.ts';
import { sendTemplateMessageProcedure } from './send-template-message.ts';
import { subscriptionsProcedure } from './subscriptions.ts';

export const wechatRouter = router({
  sendTemplateMessage: sendTemplateMessageProcedure,
  // what the original mini-program needs besides spec 000 (REAL-CLIENTS.md)
  messages: messagesRouter,
  recordSubscriptions: subscriptionsProcedure,
  notificationSettings: notificationSettingsProcedure,
  updateNotificationSettings: updateNotificationSettingsProcedure,
});
