import { afterEach, describe, expect, it, vi } from 'vitest';
import { EmbeddedErp } from '../../src/integrations/erp/embedded.ts';
import { checkHealth } from '../../src/services/monitoring/health.ts';
import { DIALECTS, freshDatabase, type TestDatabase } from '../helpers/db.ts';

const wechat = (ping: () => Promise<boolean>) => ({ ping }) as Parameters<typeof checkHealth>[0]['wechat'];

describe.each(DIALECTS)('checkHealth on %s', (dialect) => {
  let t: TestDatabase | undefined;
  afterEach(async () => {
    vi.useRealTimers();
    await t?.destroy();
  });

  it('leaves no timer behind once every probe has answered', async () => {
    t = await freshDatabase(dialect);
    const erp = new EmbeddedErp(t.db, dialect);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const report = await checkHealth({ db: t.db, erp, wechat: wechat(async () => true) });
    expect(report.status).toBe('healthy');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('answers unhealthy for a probe that hangs past the timeout, and degraded overall', async () => {
    t = await freshDatabase(dialect);
    const erp = new EmbeddedErp(t.db, dialect);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const pending = checkHealth({ db: t.db, erp, wechat: wechat(() => new Promise<boolean>(() => {})) }, 2000);
    await vi.advanceTimersByTimeAsync(2000);
    const report = await pending;
    expect(report.services).toEqual({ database: 'healthy', erp: 'healthy', wechat: 'unhealthy' });
    expect(report.status).toBe('degraded');
    expect(vi.getTimerCount()).toBe(0);
  });
});
