import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A fake DeepSeek speaking the OpenAI-compatible `POST /chat/completions`: bearer key check (401),
 * `failWith` forces 402/429/500/503 with DeepSeek's error body, otherwise a canned answer.
 */
export class FakeDeepseek {
  calls: { model: string; messages: { role: string; content: string }[] }[] = [];
  failWith: number | undefined;
  #server: Server | undefined;
  url = '';

  constructor(readonly apiKey = 'sk-test') {}

  async start(): Promise<this> {
    this.#server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const send = (status: number, body: unknown) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(body));
        };
        const error = (status: number, message: string, type: string) => send(status, { error: { message, type, code: null } });
        if (req.method !== 'POST' || req.url !== '/chat/completions') return error(404, 'not found', 'invalid_request_error');
        if (req.headers.authorization !== `Bearer ${this.apiKey}`) return error(401, 'Authentication Fails', 'authentication_error');
        if (this.failWith) return error(this.failWith, 'forced failure', 'api_error');
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        this.calls.push(body);
        send(200, {
          id: `chatcmpl-${this.calls.length}`,
          object: 'chat.completion',
          model: body.model,
          choices: [
            { index: 0, message: { role: 'assistant', content: `分析结果 #${this.calls.length}: 冷链温度偏高` }, finish_reason: 'stop' },
          ],
          usage: { prompt_tokens: 42, completion_tokens: 12, total_tokens: 54 },
        });
      });
    });
    await new Promise<void>((r) => this.#server?.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this;
  }

  close(): Promise<void> {
    return new Promise((r) => (this.#server ? this.#server.close(() => r()) : r()));
  }
}
