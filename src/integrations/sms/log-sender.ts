import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { SmsSender } from './types.ts';

/**
 * The embedded default (DESIGN.md "External systems"): writes each message to the log instead of
 * sending it, so `npm start` works on a fresh machine. Tests read codes from `sent`.
 */
export class LogSmsSender implements SmsSender {
  /** The last messages, newest last (bounded). */
  readonly sent: { phone: string; text: string; messageId: string }[] = [];

  constructor(private readonly logger: Logger) {}

  async send(phone: string, text: string): Promise<{ messageId: string }> {
    const messageId = randomUUID();
    this.logger.info({ sms: { phone, text, messageId } }, 'SMS (log provider, not sent)');
    this.sent.push({ phone, text, messageId });
    if (this.sent.length > 100) this.sent.shift();
    return { messageId };
  }
}
