import { afterEach, describe, expect, it } from 'vitest';
import { seedDemo } from '../../db/seed/demo.ts';
import { registerBootstrapClients } from '../../src/services/identity/oauth/clients.ts';
import { decideAuthorization } from '../../src/services/identity/oauth/code-verification.ts';
import { DEVICE_GRANT_TYPE } from '../../src/services/identity/oauth/device-codes.ts';
import { biCast } from '../factories.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { expectErrorEnvelope, expectRejectsBadTokens } from '../helpers/security.ts';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const form = (o: Record<string, string>) => new URLSearchParams(o).toString();
const PATH = '/api/platform/oauth-clients';

describe.each(DIALECTS)('OAuth clients in the database on %s', (dialect) => {
  let t: TestApp;
  afterEach(() => t.close());

  const start = (client: string) => t.call('POST', '/oauth/device', { body: form({ client_id: client }), headers: FORM });
  const clientRow = (id: string) => t.deps.db.selectFrom('oauth_clients').selectAll().where('client_id', '=', id).executeTakeFirst();

  it('OAUTH_CLIENTS registers missing clients at start; the table decides after that', async () => {
    t = await createTestApp(dialect, { env: { OAUTH_CLIENTS: 'bi-cli-prod, bi-cli-aqkutatj' } });
    expect(
      (await t.deps.db.selectFrom('oauth_clients').select('client_id').orderBy('client_id').execute()).map((r) => r.client_id),
    ).toEqual(['bi-cli-aqkutatj', 'bi-cli-prod']);
    expect((await start('bi-cli-aqkutatj')).status).toBe(200);
    await t.deps.db.updateTable('oauth_clients').set({ is_active: 0 }).where('client_id', '=', 'bi-cli-aqkutatj').execute();
    // a restart does not bring a disabled client back
    expect(await registerBootstrapClients(t.deps.db, t.config.OAUTH_CLIENTS)).toEqual([]);
    expect((await clientRow('bi-cli-aqkutatj'))?.is_active).toBe(0);
    expect((await start('bi-cli-aqkutatj')).body.error).toBe('invalid_client');
  });

  it('an empty OAUTH_CLIENTS registers none; the demo seed registers spec 004’s bi-cli-prod', async () => {
    t = await createTestApp(dialect, { env: { OAUTH_CLIENTS: '' } });
    const refused = await start('bi-cli-prod');
    expect(refused.status).toBe(401);
    expect(refused.body.error).toBe('invalid_client');
    expect(await seedDemo(t.deps.db, async () => 'x')).toBe(true);
    expect(await clientRow('bi-cli-prod')).toMatchObject({ is_active: 1, created_by: null });
    expect((await start('bi-cli-prod')).status).toBe(200);
  });

  it('platform admins add, list and disable clients; disabling ends its sessions', async () => {
    t = await createTestApp(dialect, { env: { OAUTH_CLIENTS: '' } });
    const who = await biCast(t);
    const add = await t.call('POST', PATH, { token: who.admin.token, body: { clientId: 'bi-cli-aqkutatj', name: 'BI CLI (production)' } });
    expect(add.status).toBe(201);
    expect(add.body).toMatchObject({
      success: true,
      message: 'OAuth客户端已注册',
      client: { clientId: 'bi-cli-aqkutatj', name: 'BI CLI (production)', isActive: true },
    });
    expect((await clientRow('bi-cli-aqkutatj'))?.created_by).toBe(who.admin.id);
    const dup = await t.call('POST', PATH, { token: who.admin.token, body: { clientId: 'bi-cli-aqkutatj', name: 'again' } });
    expect(dup.status).toBe(409);
    expectErrorEnvelope('mobile', dup.body);
    const bad = await t.call('POST', PATH, { token: who.admin.token, body: { clientId: 'no spaces!', name: 'x' } });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual(['clientId']);

    // a session of the client: one approved token pair, one pending request
    const live = (await start('bi-cli-aqkutatj')).body;
    await decideAuthorization(t.deps.db, { userCode: live.user_code, userId: who.m1.id, approve: true });
    const tokens = await t.call('POST', '/oauth/token', {
      body: form({ grant_type: DEVICE_GRANT_TYPE, device_code: live.device_code, client_id: 'bi-cli-aqkutatj' }),
      headers: FORM,
    });
    expect(tokens.status).toBe(200);
    const pending = (await start('bi-cli-aqkutatj')).body;

    const list = await t.call('GET', PATH, { token: who.admin.token });
    expect(list.status).toBe(200);
    expect(list.body.clients.map((c: { clientId: string; isActive: boolean }) => [c.clientId, c.isActive])).toEqual([
      ['bi-cli-aqkutatj', true],
    ]);

    const off = await t.call('PUT', `${PATH}/bi-cli-aqkutatj/disable`, { token: who.admin.token });
    expect(off.status).toBe(200);
    expect(off.body.client).toMatchObject({ clientId: 'bi-cli-aqkutatj', isActive: false });
    expect((await start('bi-cli-aqkutatj')).body.error).toBe('invalid_client');
    const refresh = await t.call('POST', '/oauth/token', {
      body: form({ grant_type: 'refresh_token', refresh_token: tokens.body.refresh_token, client_id: 'bi-cli-aqkutatj' }),
      headers: FORM,
    });
    expect(refresh.body.error).toBe('invalid_client');
    // its refresh tokens are revoked and its pending requests denied, so enabling it again (by hand) revives neither
    await t.deps.db.updateTable('oauth_clients').set({ is_active: 1 }).execute();
    const revived = await t.call('POST', '/oauth/token', {
      body: form({ grant_type: 'refresh_token', refresh_token: tokens.body.refresh_token, client_id: 'bi-cli-aqkutatj' }),
      headers: FORM,
    });
    expect(revived.body.error).toBe('invalid_grant');
    const denied = await t.call('POST', '/oauth/token', {
      body: form({ grant_type: DEVICE_GRANT_TYPE, device_code: pending.device_code, client_id: 'bi-cli-aqkutatj' }),
      headers: FORM,
    });
    expect(denied.body.error).toBe('access_denied');
    const unknown = await t.call('PUT', `${PATH}/nope-nope/disable`, { token: who.admin.token });
    expect(unknown.status).toBe(404);
    expectErrorEnvelope('mobile', unknown.body);
  });

  it('is for platform admins only; a delegated token needs the admin scope', async () => {
    t = await createTestApp(dialect);
    const who = await biCast(t);
    for (const token of [who.m1.token, who.customer.token]) {
      const res = await t.call('GET', PATH, { token });
      expect([401, 403]).toContain(res.status);
      expectErrorEnvelope('mobile', res.body);
    }
    const merchant = await t.call('POST', PATH, { token: who.m1.token, body: { clientId: 'mine-123', name: 'x' } });
    expect(merchant.status).toBe(403);
    const delegated = async (scope: string) =>
      (
        await t.deps.tokens.issue(
          { sub: String(who.admin.id), role: 'platform_admin', family: 'bi', scope, client_id: 'bi-cli-prod', tep: 0 },
          600,
        )
      ).token;
    const readWrite = await t.call('GET', PATH, { token: await delegated('read write') });
    expect(readWrite.status).toBe(403);
    expect(readWrite.headers.get('www-authenticate')).toContain('insufficient_scope');
    expect((await t.call('GET', PATH, { token: await delegated('read write admin') })).status).toBe(200);
    await expectRejectsBadTokens(t, 'mobile', 'GET', PATH, { sub: String(who.admin.id) });
    expect(await clientRow('mine-123')).toBeUndefined();
  });
});
