import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A fake SMS gateway speaking the protocol of src/integrations/sms/http-client.ts:
 * `POST /v1/sms/send` with a bearer key and `{phone, content}` → `{messageId}`; 401 for a bad
 * key, 400 for a bad body, `failWith` forces an error status.
 */
export class FakeSmsGateway {
  readonly messages: { phone: string; content: string }[] = [];
  failWith: number | undefined;
  #server: Server | undefined;
  url = '';

  constructor(readonly apiKey = 'test-sms-key') {}

  async start(): Promise<this> {
    this.#server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const send = (status: number, body: unknown) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(body));
        };
        if (req.method !== 'POST' || req.url !== '/v1/sms/send') return send(404, { error: 'not found' });
        if (req.headers.authorization !== `Bearer ${this.apiKey}`) return send(401, { error: 'invalid api key' });
        if (this.failWith) return send(this.failWith, { error: 'gateway failure' });
        let body: { phone?: unknown; content?: unknown };
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          return send(400, { error: 'bad json' });
        }
        if (typeof body.phone !== 'string' || typeof body.content !== 'string') return send(400, { error: 'phone and content required' });
        this.messages.push({ phone: body.phone, content: body.content });
        send(200, { messageId: `msg-${this.messages.length}` });
      });
    });
    await new Promise<void>((r) => this.#server?.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
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
    return new Promise((r) => (this.#server ? this.#server.close(() => r()) : r()));
  }
}
