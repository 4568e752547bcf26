/** A chat message of the OpenAI-compatible chat-completions API. */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface ChatCompletion {
  content: string;
  model: string;
  promptTokens: number | null;
  completionTokens: number | null;
}

/** What tracehub needs of DeepSeek: one chat completion. */
export interface DeepseekApi {
  /** @throws DeepseekError with the HTTP status (0 for network failures and timeouts). */
  chat(messages: ChatMessage[]): Promise<ChatCompletion>;
}

export class DeepseekError extends Error {
  override name = 'DeepseekError';
  constructor(
    message: string,
    /** HTTP status of DeepSeek's answer; 0 when it could not be reached or timed out. */
    readonly status: number,
  ) {
    super(message);
  }
}

export interface DeepseekOptions {
  baseUrl: string;
  apiKey: string;
  model: string;
  timeoutMs: number;
}

/**
 * DeepSeek's OpenAI-compatible `POST /chat/completions` (non-streaming), bearer key auth.
 * Errors follow DeepSeek's documented statuses: 400/422 bad request, 401 bad key, 402 no balance,
 * 429 rate limit, 500/503 server busy.
 */
export class DeepseekClient implements DeepseekApi {
  constructor(private readonly opts: DeepseekOptions) {}

  async chat(messages: ChatMessage[]): Promise<ChatCompletion> {
    let res: Response;
    try {
      res = await fetch(new URL('chat/completions', this.opts.baseUrl.endsWith('/') ? this.opts.baseUrl : `${this.opts.baseUrl}/`), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.opts.apiKey}` },
        body: JSON.stringify({ model: this.opts.model, messages, temperature: 0.3, stream: false }),
        signal: AbortSignal.timeout(this.opts.timeoutMs),
      });
    } catch (cause) {
      throw Object.assign(new DeepseekError(`DeepSeek unreachable: ${(cause as Error).message}`, 0), { cause });
    }
    const body = (await res.json().catch(() => ({}))) as {
      model?: string;
      choices?: { message?: { content?: string } }[];
      usage?: { prompt_tokens?: number; completion_tokens?: number };
      error?: { message?: string };
    };
    if (!res.ok) throw new DeepseekError(body.error?.message ?? `HTTP ${res.status}`, res.status);
    const content = body.choices?.[0]?.message?.content;
    if (typeof content !== 'string') throw new DeepseekError('no choices[0].message.content in answer', res.status);
    return {
      content,
      model: body.model ?? this.opts.model,
      promptTokens: body.usage?.prompt_tokens ?? null,
      completionTokens: body.usage?.completion_tokens ?? null,
    };
  }
}
