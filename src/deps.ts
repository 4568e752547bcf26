import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import { checkpointOffLoop, type WalCheckpointer } from './db/checkpointer.ts';
import { type Db, type DialectName, dialectOf, openDatabase } from './db/connect.ts';
import { RateLimiter } from './edge/rate-limit.ts';
import { type DeepseekApi, DeepseekClient } from './integrations/deepseek/client.ts';
import { EmbeddedErp } from './integrations/erp/embedded.ts';
import { ErpHttpClient } from './integrations/erp/http-client.ts';
import { withCallRecording } from './integrations/erp/recorded.ts';
import type { ErpApi } from './integrations/erp/types.ts';
import { AliyunSmsSender } from './integrations/sms/aliyun.ts';
import { LogSmsSender } from './integrations/sms/log-sender.ts';
import { TencentSmsSender } from './integrations/sms/tencent.ts';
import type { SmsSender } from './integrations/sms/types.ts';
import { createStorage } from './integrations/storage/from-config.ts';
import type { StorageAreas } from './integrations/storage/types.ts';
import { WechatClient } from './integrations/wechat/client.ts';
import { WechatSimulator } from './integrations/wechat/simulator.ts';
import { withWechatTiming } from './integrations/wechat/timed.ts';
import type { WechatApi } from './integrations/wechat/types.ts';
import { type CachedReportPool, withReportCache } from './services/analytics/report-cache.ts';
import { createHeavyReadPool, type HeavyReadPool } from './services/heavy-reads/registry.ts';
import { DeviceSessionCodec } from './services/identity/oauth/device-session.ts';
import { readEs256Keys } from './services/identity/signing-keys.ts';
import { TokenService } from './services/identity/tokens.ts';
import { Housekeeping } from './services/jobs/housekeeping.ts';
import { PrometheusMetrics } from './services/monitoring/metrics/prometheus.ts';
import { MetricsRecorder } from './services/monitoring/metrics/recorder.ts';
import { OrderStatusNotifier } from './services/notifications/order-status-job.ts';
import { OrderSearchCache } from './services/orders/search-cache.ts';
import { RecordSigningKeys } from './services/traces/record-keys.ts';

/** Pieces a test may swap; `heavyReads` is the bare pool, which still gets the report cache. */
export type DepsOverrides = Partial<Omit<AppDeps, 'heavyReads'>> & { heavyReads?: HeavyReadPool };

/** Everything a request may need, built once at start and handed down through the context. */
export interface AppDeps {
  config: Config;
  db: Db;
  dialect: DialectName;
  /**
   * The BI reports and monitoring reads: worker threads on a SQLite file, inline on Postgres (src/services/heavy-reads/registry.ts),
   * behind the exact report cache (src/services/analytics/report-cache.ts).
   */
  heavyReads: CachedReportPool;
  /** A SQLite file's WAL checkpoints, off the event loop (src/db/checkpointer.ts); absent on Postgres and `:memory:`. */
  checkpointer?: WalCheckpointer | undefined;
  logger: Logger;
  tokens: TokenService;
  /** The ES256 key of signed public trace records: JWT_PRIVATE_KEY's, else one stored in `signing_keys`. */
  recordKeys: RecordSigningKeys;
  wechat: WechatApi;
  erp: ErpApi;
  metrics: MetricsRecorder;
  rateLimiter: RateLimiter;
  orderCache: OrderSearchCache;
  redis: Redis | undefined;
  sms: SmsSender;
  /** Undefined until DEEPSEEK_API_KEY is configured: AI analysis then answers 503. */
  deepseek: DeepseekApi | undefined;
  /** Mobile uploads and attachments: local directories or an S3 bucket (STORAGE_DRIVER). */
  storage: StorageAreas;
  /** Signs the /device page's session cookie and CSRF tokens. */
  deviceSessions: DeviceSessionCodec;
  /** The order-status notification job; main.ts starts it when ORDER_NOTIFY_ENABLED, closeDeps stops it. */
  notifier: OrderStatusNotifier;
  /** Purges expired credentials and old call buckets; main.ts starts it when HOUSEKEEPING_ENABLED. */
  housekeeping: Housekeeping;
}

/**
 * The composition root: opens the database and builds integrations from config.
 * `overrides` lets tests swap one piece (a database opened on another URL, say).
 */
export function createDeps(config: Config, logger: Logger, overrides: DepsOverrides = {}): AppDeps {
  const url = config.DATABASE_URL;
  // the SQLite file this instance opens itself, if any: its heavy reads and checkpoints get threads
  const sqliteFile = !overrides.db && dialectOf(url) === 'sqlite' && url !== ':memory:' ? url : undefined;
  const checkpointThread = sqliteFile !== undefined && config.SQLITE_CHECKPOINT_MS > 0;
  const opened = overrides.db
    ? { db: overrides.db, dialect: overrides.dialect ?? ('sqlite' as const), pool: undefined }
    : openDatabase(url, {
        poolSize: config.DB_POOL_SIZE,
        ...(checkpointThread ? { walAutocheckpoint: 0 } : {}),
        statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS,
        ...(config.SLOW_QUERY_MS
          ? { onSlowQuery: { thresholdMs: config.SLOW_QUERY_MS, log: (q) => logger.warn(q, q.failed ? 'query failed' : 'slow query') } }
          : {}),
      });
  const { db, dialect, pool } = opened;
  const checkpointer = checkpointThread ? checkpointOffLoop(db, sqliteFile, config.SQLITE_CHECKPOINT_MS, logger) : undefined;
  const prometheus = new PrometheusMetrics({
    defaultMetrics: config.NODE_ENV !== 'test',
    pool: () => (pool ? { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount } : undefined),
  });
  const metrics = overrides.metrics ?? new MetricsRecorder(db, logger, config.METRICS_FLUSH_MS, prometheus);
  const redis =
    overrides.redis ?? (config.REDIS_URL ? new Redis(config.REDIS_URL, { lazyConnect: false, maxRetriesPerRequest: 2 }) : undefined);
  const wechat = withWechatTiming(
    overrides.wechat ??
      (config.WECHAT_MODE === 'live'
        ? new WechatClient({
            appid: config.WECHAT_APPID,
            secret: config.WECHAT_SECRET,
            baseUrl: config.WECHAT_BASE_URL,
            timeoutMs: config.WECHAT_TIMEOUT_MS,
          })
        : new WechatSimulator()),
    prometheus.wechatDuration,
  );
  const rawErp =
    config.ERP_MODE === 'http' && config.ERP_BASE_URL
      ? new ErpHttpClient({
          baseUrl: config.ERP_BASE_URL,
          apiKey: config.ERP_API_KEY,
          timeoutMs: config.ERP_TIMEOUT_MS,
          retries: config.ERP_RETRIES,
        })
      : new EmbeddedErp(db, dialect);
  const deps: Omit<AppDeps, 'notifier' | 'housekeeping'> = {
    config,
    db,
    dialect,
    heavyReads: withReportCache(
      overrides.heavyReads ?? createHeavyReadPool({ db, sqliteFile, threads: config.READ_POOL_THREADS, nice: config.READ_POOL_NICE }),
      db,
      config.BI_CACHE_ENTRIES,
      prometheus.biReportCache,
    ),
    checkpointer,
    logger,
    tokens: overrides.tokens ?? new TokenService(config),
    recordKeys: overrides.recordKeys ?? new RecordSigningKeys(db, readEs256Keys(config)),
    wechat,
    erp: overrides.erp ?? withCallRecording(rawErp, metrics),
    metrics,
    rateLimiter: overrides.rateLimiter ?? new RateLimiter(redis),
    orderCache: overrides.orderCache ?? new OrderSearchCache(config.ORDER_CACHE_TTL_MS),
    redis,
    sms: overrides.sms ?? createSmsSender(config, logger),
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
    storage: overrides.storage ?? createStorage(config),
    deviceSessions: new DeviceSessionCodec(config.JWT_SECRET),
  };
  return {
    ...deps,
    notifier: overrides.notifier ?? new OrderStatusNotifier(deps),
    housekeeping: overrides.housekeeping ?? new Housekeeping(deps),
  };
}

/** The SMS provider of `SMS_PROVIDER`; config.ts has already refused missing settings. */
function createSmsSender(config: Config, logger: Logger): SmsSender {
  const common = {
    signName: config.SMS_SIGN_NAME,
    templates: { verification_code: config.SMS_TEMPLATE_VERIFICATION_CODE },
    endpoint: config.SMS_ENDPOINT,
    timeoutMs: config.SMS_TIMEOUT_MS,
  };
  switch (config.SMS_PROVIDER) {
    case 'aliyun':
      return new AliyunSmsSender({
        ...common,
        accessKeyId: config.SMS_ALIYUN_ACCESS_KEY_ID,
        accessKeySecret: config.SMS_ALIYUN_ACCESS_KEY_SECRET,
        regionId: config.SMS_REGION,
      });
    case 'tencent':
      return new TencentSmsSender({
        ...common,
        secretId: config.SMS_TENCENT_SECRET_ID,
        secretKey: config.SMS_TENCENT_SECRET_KEY,
        smsSdkAppId: config.SMS_TENCENT_SDK_APP_ID,
        region: config.SMS_REGION,
      });
    case 'log':
      return new LogSmsSender(logger, config.SMS_SIGN_NAME);
  }
}

/** Stops the scheduled jobs, flushes buffered writes and closes connections, in that order. */
export async function closeDeps(deps: AppDeps): Promise<void> {
  await deps.notifier.stop();
  await deps.housekeeping.stop();
  await deps.metrics.close();
  await deps.heavyReads.close();
  await deps.checkpointer?.close();
  await deps.db.destroy();
  if (deps.redis) await deps.redis.quit().catch(() => undefined);
}
