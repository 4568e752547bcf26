import { sql } from 'kysely';
import type { AppDeps } from '../../deps.ts';

type State = 'healthy' | 'unhealthy';
export interface HealthReport {
  status: 'healthy' | 'degraded' | 'unhealthy';
  timestamp: number;
  services: { database: State; erp: State; wechat: State };
}

/**
 * Spec 000 `GET /api/health/check`: probes the database, the ERP and WeChat in parallel.
 * `unhealthy` when the database is down, `degraded` when an external system is (ROUTES.md).
 * Each probe is bounded by `timeoutMs`.
 */
export async function checkHealth(deps: Pick<AppDeps, 'db' | 'erp' | 'wechat'>, timeoutMs = 2000): Promise<HealthReport> {
  const probe = (p: Promise<boolean>): Promise<State> =>
    Promise.race([p.catch(() => false), new Promise<boolean>((r) => setTimeout(r, timeoutMs, false).unref())]).then((ok) =>
      ok ? 'healthy' : 'unhealthy',
    );
  const [database, erp, wechat] = await Promise.all([
    probe(sql`select 1`.execute(deps.db).then(() => true)),
    probe(deps.erp.ping()),
    probe(deps.wechat.ping()),
  ]);
  const status = database === 'unhealthy' ? 'unhealthy' : erp === 'healthy' && wechat === 'healthy' ? 'healthy' : 'degraded';
  return { status, timestamp: Date.now(), services: { database, erp, wechat } };
}
