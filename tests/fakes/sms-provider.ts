import type { ServerResponse } from 'node:http';
import { type FakeServer, startFakeServer } from './http.ts';

export type FakeRequest = Parameters<Parameters<typeof startFakeServer>[0]>[0];

/**
 * What the fake SMS clouds (aliyun-sms.ts, tencent-sms.ts) share: a real server on 127.0.0.1
 * that may delay its answers, the requests it saw, the messages it accepted and the code sent
 * last to a number. Each provider checks and answers requests its own way (`handle`).
 */
export abstract class FakeSmsProvider<Sent extends { phone: string }> {
  readonly messages: Sent[] = [];
  /** Delays every answer, ms (timeouts). */
  delayMs = 0;
  url = '';
  #server: FakeServer | undefined;

  async start(): Promise<this> {
    this.#server = await startFakeServer(async (req, res) => {
      if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
      if (res.destroyed) return;
      this.handle(req, res);
    });
    this.url = this.#server.url;
    return this;
  }

  /** Every request seen, signed or not. */
  get requests(): FakeServer['requests'] {
    return this.#server?.requests ?? [];
  }

  /** The code sent in the last message to `phone`. */
  lastCode(phone: string): string {
    const last = this.messages.filter((m) => m.phone === phone).at(-1);
    const code = last && this.codeOf(last);
    if (!code) throw new Error(`no SMS code for ${phone}`);
    return code;
  }

  close(): Promise<void> {
    return this.#server?.close() ?? Promise.resolve();
  }

  /** The verification code a message carried. */
  protected abstract codeOf(sent: Sent): string | undefined;
  /** Checks one request as the provider does and answers it. */
  protected abstract handle(req: FakeRequest, res: ServerResponse): void;
}
