import { describe, expect, it } from 'vitest';
import { boundMiniUser, makeFactoryUser, seedCompanies } from '../factories.ts';
import { eachTestApp } from '../helpers/app.ts';
import { callerFor, outcome } from '../helpers/caller.ts';
import { DIALECTS } from '../helpers/db.ts';

/** The `wechat` router through `createCaller`. */
describe.each(DIALECTS)('wechat procedures through createCaller (%s)', (dialect) => {
  const w = eachTestApp(dialect, async (t) => {
    await seedCompanies(t, 1);
    return { mini: await boundMiniUser(t, 'caller-wechat') };
  });

  it('saves notification settings and reads them back', async () => {
    const caller = callerFor(w.t, w.mini.token);
    const saved = await caller.wechat.updateNotificationSettings({ orderStatus: false });
    expect(saved).toMatchObject({ orderStatus: false });
    expect(await caller.wechat.notificationSettings({})).toEqual(saved);
  });

  it('refuses another user’s id and a back-office token', async () => {
    const other = await boundMiniUser(w.t, 'caller-wechat-2');
    expect(await outcome(callerFor(w.t, w.mini.token).wechat.notificationSettings({ userId: other.userId }))).toBe(
      'BAD_REQUEST/VALIDATION_FAILED',
    );
    const staff = await makeFactoryUser(w.t);
    expect(await outcome(callerFor(w.t, staff.token).wechat.notificationSettings({}))).toMatch(/^UNAUTHORIZED/);
  });
});
