import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { AppDeps } from '../../deps.ts';

type State = 'healthy' | 'unhealthy';

/** Whether the database answers `select 1`; never throws. */
export function pingDatabase(db: Db): Promise<boolean> {
  return sql`select 1`.execute(db).then(
    () => true,
    () => false,
  );
}
export interface HealthReport {
  status: 'healthy' | 'degraded' | 'unhealthy';
  timestamp: number;
  services: { database: State; erp: State; wechat: State };
}

/**
 * Spec 000 `GET /api/health/check`: probes the database, the ERP and WeChat in parallel.
 * `unhealthy` when the database is down, `degraded` when an external system is (ROUTES.md).
 * Each probe is bounded by `timeoutMs`; its timer is cleared as soon as the probe settles (a
 * monitor polling the check would otherwise keep three timers per check alive for `timeoutMs`).
 */
export async function checkHealth(deps: Pick<AppDeps, 'db' | 'erp' | 'wechat'>, timeoutMs = 2000): Promise<HealthReport> {
  const probe = (p: Promise<boolean>) =>
    new Promise<State>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs, 'unhealthy');
      p.then(
        (ok) => (ok ? 'healthy' : 'unhealthy'),
        () => 'unhealthy' as const,
      ).then((state) => {
        clearTimeout(timer);
        resolve(state);
      });
    });
  const [database, erp, wechat] = await Promise.all([probe(pingDatabase(deps.db)), probe(deps.erp.ping()), probe(deps.wechat.ping())]);
  const status = database === 'unhealthy' ? 'unhealthy' : erp === 'healthy' && wechat === 'healthy' ? 'healthy' : 'degraded';
  return { status, timestamp: Date.now(), services: { database, erp, wechat } };
}

export interface MobileHealthReport {
  status: State;
  /** ISO 8601. */
  timestamp: string;
  services: { database: State; sms: string; ai: 'configured' | 'not_configured' };
}

/**
 * Spec 002 §7 `GET /api/mobile/health`: the database probe (without checkHealth's timeout),
 * the configured SMS provider, and whether DeepSeek is configured.
 */
export async function checkMobileHealth(deps: Pick<AppDeps, 'db' | 'config' | 'deepseek'>): Promise<MobileHealthReport> {
  const database: State = (await pingDatabase(deps.db)) ? 'healthy' : 'unhealthy';
  return {
    status: database,
    timestamp: new Date().toISOString(),
    services: { database, sms: deps.config.SMS_PROVIDER, ai: deps.deepseek ? 'configured' : 'not_configured' },
  };
}
