import { randomUUID } from 'node:crypto';
import { isUniqueViolation } from '../../db/sql.ts';
import type { AppDeps } from '../../deps.ts';
import { AppError } from '../../errors.ts';
import { DeepseekError } from '../../integrations/deepseek/client.ts';

const SYSTEM_PROMPT =
  '你是食品溯源与质量安全分析助手。根据用户提供的养殖、加工、物流或检测数据，' +
  '指出异常与风险（温度、时间、批次、检测指标等），给出可执行的改进建议。用中文简洁回答，不编造数据中没有的事实。';

export interface AnalysisResult {
  requestId: string;
  analysis: string;
  model: string;
  cached: boolean;
  createdAt: number;
}

/** DeepSeek's failures as tracehub's error codes (DeepSeek API docs "Error Codes"). */
function mapDeepseekError(err: unknown): AppError {
  const status = err instanceof DeepseekError ? err.status : 0;
  if (status === 401) return new AppError('SERVICE_UNAVAILABLE', 'AI服务认证失败，请联系管理员', [], { cause: err });
  if (status === 402) return new AppError('SERVICE_UNAVAILABLE', 'AI服务余额不足，请联系管理员', [], { cause: err });
  if (status === 429) return new AppError('RATE_LIMITED', 'AI服务请求过于频繁，请稍后再试', [], { cause: err, retryAfterSeconds: 10 });
  if (status === 400 || status === 422) return new AppError('VALIDATION_FAILED', 'AI服务无法处理该数据', [], { cause: err });
  return new AppError('UPSTREAM_ERROR', 'AI服务暂不可用，请稍后再试', [], { cause: err });
}

/**
 * `POST /api/mobile/analysis/deepseek` (spec 002 §5.1): sends the data with a food-traceability
 * prompt to DeepSeek and stores the answer. Idempotent per (user, requestId): a repeated
 * requestId returns the stored answer without calling DeepSeek again.
 * @param input.data text or JSON-serialisable data (≤ 20 000 characters once serialised).
 * @throws AppError SERVICE_UNAVAILABLE (not configured: 'AI analysis not configured'; 401/402
 *   upstream), RATE_LIMITED (429), UPSTREAM_ERROR (5xx, timeout), VALIDATION_FAILED (400/422).
 */
export async function analyzeWithDeepseek(
  deps: Pick<AppDeps, 'db' | 'deepseek' | 'logger'>,
  userId: number,
  input: { data: unknown; requestId?: string | undefined },
): Promise<AnalysisResult> {
  if (!deps.deepseek) throw new AppError('SERVICE_UNAVAILABLE', 'AI analysis not configured');
  const requestId = input.requestId ?? randomUUID();
  const stored = async () =>
    deps.db.selectFrom('ai_analyses').selectAll().where('user_id', '=', userId).where('request_id', '=', requestId).executeTakeFirst();
  const previous = await stored();
  if (previous) return { requestId, analysis: previous.result, model: previous.model, cached: true, createdAt: previous.created_at };

  const text = typeof input.data === 'string' ? input.data : JSON.stringify(input.data);
  let completion: Awaited<ReturnType<NonNullable<AppDeps['deepseek']>['chat']>>;
  try {
    completion = await deps.deepseek.chat([
      { role: 'system', content: SYSTEM_PROMPT },
      { role: 'user', content: text },
    ]);
  } catch (err) {
    deps.logger.warn({ err, requestId }, 'DeepSeek call failed');
    throw mapDeepseekError(err);
  }
  const now = Date.now();
  try {
    await deps.db
      .insertInto('ai_analyses')
      .values({
        user_id: userId,
        request_id: requestId,
        input: text,
        result: completion.content,
        model: completion.model,
        prompt_tokens: completion.promptTokens,
        completion_tokens: completion.completionTokens,
        created_at: now,
      })
      .execute();
  } catch (err) {
    // a concurrent call with the same requestId won: answer with its result
    const winner = isUniqueViolation(err) ? await stored() : undefined;
    if (!winner) throw err;
    return { requestId, analysis: winner.result, model: winner.model, cached: true, createdAt: winner.created_at };
  }
  return { requestId, analysis: completion.content, model: completion.model, cached: false, createdAt: now };
}
