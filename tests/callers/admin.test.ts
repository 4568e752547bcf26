import { describe, expect, it } from 'vitest';
import { FACTORY_B, makeFactoryUser, makePlatformAdmin } from '../factories.ts';
import { eachTestApp } from '../helpers/app.ts';
import { callerFor, outcome } from '../helpers/caller.ts';
import { DIALECTS } from '../helpers/db.ts';

/** The `admin` router through `createCaller`: the same pipeline as REST, outputs instead of envelopes. */
describe.each(DIALECTS)('admin procedures through createCaller (%s)', (dialect) => {
  const w = eachTestApp(dialect);

  it('creates and lists materials of the caller’s factory only', async () => {
    const a = await makeFactoryUser(w.t);
    const b = await makeFactoryUser(w.t, { factoryId: FACTORY_B });
    const created = await callerFor(w.t, a.token).admin.materials.create({ name: '锌精矿', code: 'ZN-01', purpose: '原料' });
    expect(created).toMatchObject({ name: '锌精矿', code: 'ZN-01' });
    expect((await callerFor(w.t, a.token).admin.materials.list()).map((m) => m.name)).toEqual(['锌精矿']);
    expect(await callerFor(w.t, b.token).admin.materials.list()).toEqual([]);
  });

  it('refuses without a token, with a bad one and without the permission, as TRPCErrors', async () => {
    expect(await outcome(callerFor(w.t).admin.materials.list())).toMatch(/^UNAUTHORIZED/);
    expect(await outcome(callerFor(w.t, 'not-a-jwt').admin.materials.list())).toMatch(/^UNAUTHORIZED/);
    const viewer = await makeFactoryUser(w.t, { role: 'viewer' });
    expect(await outcome(callerFor(w.t, viewer.token).admin.materials.create({ name: 'x', code: 'X-1', purpose: '原料' }))).toMatch(
      /^FORBIDDEN/,
    );
  });

  it('creates a factory user and reads it back; another factory’s user is not found', async () => {
    const a = await makeFactoryUser(w.t);
    const b = await makeFactoryUser(w.t, { factoryId: FACTORY_B });
    const caller = callerFor(w.t, a.token);
    const created = await caller.admin.users.create({ username: 'clerk1', email: 'clerk1@example.com', role: 'operator' });
    expect(created).toMatchObject({ username: 'clerk1', email: 'clerk1@example.com' });
    expect(await caller.admin.users.get({ user_id: created.id })).toMatchObject({ id: created.id, username: 'clerk1' });
    expect(await outcome(caller.admin.users.get({ user_id: b.id }))).toBe('NOT_FOUND/USER_NOT_FOUND');
    // a role above the caller's own cannot be granted
    const operator = await makeFactoryUser(w.t, { role: 'operator' });
    expect(
      await outcome(callerFor(w.t, operator.token).admin.users.create({ username: 'x1', email: 'x1@example.com', role: 'viewer' })),
    ).toMatch(/^FORBIDDEN/);
  });

  it('lets the platform register an OAuth client once', async () => {
    const platform = callerFor(w.t, (await makePlatformAdmin(w.t)).token);
    const created = await platform.admin.oauthClients.create({ clientId: 'bi-cli-test', name: 'BI CLI' });
    expect(created.client).toMatchObject({ clientId: 'bi-cli-test', name: 'BI CLI', isActive: true });
    expect(await outcome(platform.admin.oauthClients.create({ clientId: 'bi-cli-test', name: 'again' }))).toBe(
      'CONFLICT/DUPLICATE_RESOURCE',
    );
  });
});
