import { afterEach, describe, expect, it, vi } from 'vitest';
import { EmbeddedErp } from '../../src/integrations/erp/embedded.ts';
import { checkHealth } from '../../src/services/monitoring/health.ts';
import { DIALECTS, freshDatabase, type TestDatabase } from '../helpers/db.ts';

const wechat = (ping: () => Promise<boolean>) => ({ ping }) as Parameters<typeof checkHealth>[0]['wechat'];

/**
 * The timers armed with `delay` ms (the probes' timeout, a value no driver uses) and which of
 * them were cleared; other timers (the pg pool's) pass through untouched.
 */
function watchTimers(delay: number) {
  const armed = new Set<ReturnType<typeof setTimeout>>();
  const cleared = new Set<unknown>();
  const realSet = globalThis.setTimeout as (fn: () => void, ms?: number, ...args: unknown[]) => ReturnType<typeof setTimeout>;
  const realClear = globalThis.clearTimeout;
  vi.spyOn(globalThis, 'setTimeout').mockImplementation(((fn: () => void, ms?: number, ...args: unknown[]) => {
    const handle = realSet(fn, ms, ...args);
    if (ms === delay) armed.add(handle);
    return handle;
  }) as typeof setTimeout);
  vi.spyOn(globalThis, 'clearTimeout').mockImplementation(((handle?: ReturnType<typeof setTimeout>) => {
    cleared.add(handle);
    realClear(handle);
  }) as typeof clearTimeout);
  return { armed, pending: () => [...armed].filter((h) => !cleared.has(h)).length };
}

describe.each(DIALECTS)('checkHealth on %s', (dialect) => {
  let t: TestDatabase | undefined;
  afterEach(async () => {
    vi.restoreAllMocks();
    await t?.destroy();
  });

  it('clears each probe timer once its probe has answered', async () => {
    t = await freshDatabase(dialect);
    const timers = watchTimers(1234);
    const report = await checkHealth({ db: t.db, erp: new EmbeddedErp(t.db, dialect), wechat: wechat(async () => true) }, 1234);
    expect(report.status).toBe('healthy');
    expect(timers.armed.size).toBe(3);
    expect(timers.pending()).toBe(0);
  });

  it('answers unhealthy for a probe that hangs past the timeout, and degraded overall', async () => {
    t = await freshDatabase(dialect);
    const hung = wechat(() => new Promise<boolean>(() => {}));
    const report = await checkHealth({ db: t.db, erp: new EmbeddedErp(t.db, dialect), wechat: hung }, 1000);
    expect(report.services).toEqual({ database: 'healthy', erp: 'healthy', wechat: 'unhealthy' });
    expect(report.status).toBe('degraded');
  });
});
