import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { previewSms, type SmsSender, type SmsTemplate, type SmsTemplateParams } from './types.ts';

/**
 * The embedded default (DESIGN.md "External systems", `SMS_PROVIDER=log`): writes each would-be
 * message (template, variables and rendered text) to the log instead of sending it, so `npm start`
 * works on a fresh machine. Tests read codes from `sent`.
 */
export class LogSmsSender implements SmsSender {
  /** The last messages, newest last (bounded). */
  readonly sent: { phone: string; template: SmsTemplate; params: Record<string, string>; text: string; messageId: string }[] = [];

  /** @param signName shown as the `【…】` prefix of the rendered text when set, as the provider would. */
  constructor(
    private readonly logger: Logger,
    private readonly signName = '',
  ) {}

  async send<T extends SmsTemplate>(phone: string, template: T, params: SmsTemplateParams<T>): Promise<{ messageId: string }> {
    const messageId = randomUUID();
    const text = `${this.signName ? `【${this.signName}】` : ''}${previewSms(template, params)}`;
    this.logger.info({ sms: { phone, template, params, text, messageId } }, 'SMS (log provider, not sent)');
    this.sent.push({ phone, template, params, text, messageId });
    if (this.sent.length > 100) this.sent.shift();
    return { messageId };
  }
}
