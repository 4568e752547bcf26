import { type FakeServer, sendJson, startFakeServer } from './http.ts';

/**
 * A fake SMS gateway speaking the protocol of src/integrations/sms/http-client.ts:
 * `POST /v1/sms/send` with a bearer key and `{phone, content}` → `{messageId}`; 401 for a bad
 * key, 400 for a bad body, `failWith` forces an error status.
 */
export class FakeSmsGateway {
  readonly messages: { phone: string; content: string }[] = [];
  failWith: number | undefined;
  #server: FakeServer | undefined;
  url = '';

  constructor(readonly apiKey = 'test-sms-key') {}

  async start(): Promise<this> {
    this.#server = await startFakeServer((req, res) => {
      if (req.method !== 'POST' || req.path !== '/v1/sms/send') return sendJson(res, 404, { error: 'not found' });
      if (req.headers.authorization !== `Bearer ${this.apiKey}`) return sendJson(res, 401, { error: 'invalid api key' });
      if (this.failWith) return sendJson(res, this.failWith, { error: 'gateway failure' });
      let body: { phone?: unknown; content?: unknown };
      try {
        body = JSON.parse(req.body);
      } catch {
        return sendJson(res, 400, { error: 'bad json' });
      }
      if (typeof body.phone !== 'string' || typeof body.content !== 'string')
        return sendJson(res, 400, { error: 'phone and content required' });
      this.messages.push({ phone: body.phone, content: body.content });
      sendJson(res, 200, { messageId: `msg-${this.messages.length}` });
    });
    this.url = this.#server.url;
    return this;
  }

  /** The 6-digit code of the last message to `phone`. */
  lastCode(phone: string): string {
    const m = this.messages.filter((x) => x.phone === phone).at(-1);
    const code = m && /(\d{6})/.exec(m.content)?.[1];
    if (!code) throw new Error(`no SMS code for ${phone}`);
    return code;
  }

  close(): Promise<void> {
    return this.#server?.close() ?? Promise.resolve();
  }
}
