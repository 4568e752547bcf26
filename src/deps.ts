import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import { type Db, type DialectName, openDatabase } from './db/connect.ts';
import { RateLimiter } from './edge/rate-limit.ts';
import { type DeepseekApi, DeepseekClient } from './integrations/deepseek/client.ts';
import { EmbeddedErp } from './integrations/erp/embedded.ts';
import { ErpHttpClient } from './integrations/erp/http-client.ts';
import { withCallRecording } from './integrations/erp/recorded.ts';
import type { ErpApi } from './integrations/erp/types.ts';
import { SmsHttpClient } from './integrations/sms/http-client.ts';
import { LogSmsSender } from './integrations/sms/log-sender.ts';
import type { SmsSender } from './integrations/sms/types.ts';
import { LocalFileStorage } from './integrations/storage/local.ts';
import type { FileStorage } from './integrations/storage/types.ts';
import { WechatClient } from './integrations/wechat/client.ts';
import { WechatSimulator } from './integrations/wechat/simulator.ts';
import type { WechatApi } from './integrations/wechat/types.ts';
import { TokenService } from './services/auth/tokens.ts';
import { MetricsRecorder } from './services/metrics/recorder.ts';
import { OrderStatusNotifier } from './services/notifications/order-status-job.ts';
import { DeviceSessionCodec } from './services/oauth/device-verification.ts';
import { OrderSearchCache } from './services/orders/search-cache.ts';

/** Everything a request may need, built once at start and handed down through the context. */
export interface AppDeps {
  config: Config;
  db: Db;
  dialect: DialectName;
  logger: Logger;
  tokens: TokenService;
  wechat: WechatApi;
  erp: ErpApi;
  metrics: MetricsRecorder;
  rateLimiter: RateLimiter;
  orderCache: OrderSearchCache;
  redis: Redis | undefined;
  sms: SmsSender;
  /** Undefined until DEEPSEEK_API_KEY is configured: AI analysis then answers 503. */
  deepseek: DeepseekApi | undefined;
  storage: FileStorage;
  /** Signs the /device page's session cookie and CSRF tokens. */
  deviceSessions: DeviceSessionCodec;
  /** The order-status notification job; main.ts starts it when ORDER_NOTIFY_ENABLED, closeDeps stops it. */
  notifier: OrderStatusNotifier;
}

/**
 * The composition root: opens the database and builds integrations from config.
 * `overrides` lets tests swap one piece (a database opened on another URL, say).
 */
export function createDeps(config: Config, logger: Logger, overrides: Partial<AppDeps> = {}): AppDeps {
  const { db, dialect } = overrides.db ? { db: overrides.db, dialect: overrides.dialect ?? 'sqlite' } : openDatabase(config.DATABASE_URL);
  const metrics = overrides.metrics ?? new MetricsRecorder(db, logger, config.METRICS_FLUSH_MS);
  const redis =
    overrides.redis ?? (config.REDIS_URL ? new Redis(config.REDIS_URL, { lazyConnect: false, maxRetriesPerRequest: 2 }) : undefined);
  const wechat =
    overrides.wechat ??
    (config.WECHAT_MODE === 'live'
      ? new WechatClient({
          appid: config.WECHAT_APPID,
          secret: config.WECHAT_SECRET,
          baseUrl: config.WECHAT_BASE_URL,
          timeoutMs: config.WECHAT_TIMEOUT_MS,
        })
      : new WechatSimulator());
  const rawErp =
    config.ERP_MODE === 'http' && config.ERP_BASE_URL
      ? new ErpHttpClient({
          baseUrl: config.ERP_BASE_URL,
          apiKey: config.ERP_API_KEY,
          timeoutMs: config.ERP_TIMEOUT_MS,
          retries: config.ERP_RETRIES,
        })
      : new EmbeddedErp(db, dialect);
  const deps: Omit<AppDeps, 'notifier'> = {
    config,
    db,
    dialect,
    logger,
    tokens: overrides.tokens ?? new TokenService(config),
    wechat,
    erp: overrides.erp ?? withCallRecording(rawErp, metrics),
    metrics,
    rateLimiter: overrides.rateLimiter ?? new RateLimiter(redis),
    orderCache: overrides.orderCache ?? new OrderSearchCache(config.ORDER_CACHE_TTL_MS),
    redis,
    sms:
      overrides.sms ??
      (config.SMS_MODE === 'http' && config.SMS_BASE_URL
        ? new SmsHttpClient({ baseUrl: config.SMS_BASE_URL, apiKey: config.SMS_API_KEY, timeoutMs: config.SMS_TIMEOUT_MS })
        : new LogSmsSender(logger)),
    deepseek:
      'deepseek' in overrides
        ? overrides.deepseek
        : config.DEEPSEEK_API_KEY
          ? new DeepseekClient({
              baseUrl: config.DEEPSEEK_BASE_URL,
              apiKey: config.DEEPSEEK_API_KEY,
              model: config.DEEPSEEK_MODEL,
              timeoutMs: config.DEEPSEEK_TIMEOUT_MS,
            })
          : undefined,
    storage: overrides.storage ?? new LocalFileStorage(config.UPLOAD_DIR),
    deviceSessions: new DeviceSessionCodec(config.JWT_SECRET),
  };
  return { ...deps, notifier: overrides.notifier ?? new OrderStatusNotifier(deps) };
}

/** Stops the scheduled job, flushes buffered writes and closes connections, in that order. */
export async function closeDeps(deps: AppDeps): Promise<void> {
  await deps.notifier.stop();
  await deps.metrics.close();
  await deps.db.destroy();
  if (deps.redis) await deps.redis.quit().catch(() => undefined);
}
