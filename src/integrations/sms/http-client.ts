import { SmsError, type SmsSender } from './types.ts';

export interface SmsHttpOptions {
  /** The provider's base URL; messages go to `POST {baseUrl}/v1/sms/send`. */
  baseUrl: string;
  apiKey: string;
  timeoutMs: number;
}

/**
 * A generic HTTP SMS gateway client: `POST /v1/sms/send` with `Authorization: Bearer <key>` and
 * `{phone, content}`; the gateway answers `{messageId}` with 200, or `{error}` with 4xx/5xx.
 */
export class SmsHttpClient implements SmsSender {
  constructor(private readonly opts: SmsHttpOptions) {}

  async send(phone: string, text: string): Promise<{ messageId: string }> {
    let res: Response;
    try {
      res = await fetch(new URL('/v1/sms/send', this.opts.baseUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.opts.apiKey}` },
        body: JSON.stringify({ phone, content: text }),
        signal: AbortSignal.timeout(this.opts.timeoutMs),
      });
    } catch (cause) {
      throw Object.assign(new SmsError(`SMS gateway unreachable: ${(cause as Error).message}`, 0), { cause });
    }
    const body = (await res.json().catch(() => ({}))) as { messageId?: string; error?: string };
    if (!res.ok) throw new SmsError(`SMS gateway HTTP ${res.status}: ${body.error ?? 'error'}`, res.status);
    if (!body.messageId) throw new SmsError('SMS gateway answered without messageId', res.status);
    return { messageId: body.messageId };
  }
}
