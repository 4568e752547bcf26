import { type FakeServer, sendJson, startFakeServer } from './http.ts';

/**
 * A fake DeepSeek speaking the OpenAI-compatible `POST /chat/completions`: bearer key check (401),
 * `failWith` forces 402/429/500/503 with DeepSeek's error body, otherwise a canned answer.
 */
export class FakeDeepseek {
  calls: { model: string; messages: { role: string; content: string }[] }[] = [];
  failWith: number | undefined;
  #server: FakeServer | undefined;
  url = '';

  constructor(readonly apiKey = 'sk-test') {}

  async start(): Promise<this> {
    this.#server = await startFakeServer((req, res) => {
      const error = (status: number, message: string, type: string) => sendJson(res, status, { error: { message, type, code: null } });
      if (req.method !== 'POST' || req.path !== '/chat/completions') return error(404, 'not found', 'invalid_request_error');
      if (req.headers.authorization !== `Bearer ${this.apiKey}`) return error(401, 'Authentication Fails', 'authentication_error');
      if (this.failWith) return error(this.failWith, 'forced failure', 'api_error');
      const body = JSON.parse(req.body);
      this.calls.push(body);
      sendJson(res, 200, {
        id: `chatcmpl-${this.calls.length}`,
        object: 'chat.completion',
        model: body.model,
        choices: [
          { index: 0, message: { role: 'assistant', content: `分析结果 #${this.calls.length}: 冷链温度偏高` }, finish_reason: 'stop' },
        ],
        usage: { prompt_tokens: 42, completion_tokens: 12, total_tokens: 54 },
      });
    });
    this.url = this.#server.url;
    return this;
  }

  close(): Promise<void> {
    return this.#server?.close() ?? Promise.resolve();
  }
}
