import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppRouter } from '../../src/routers/app-router.ts';
import { seedCompanies } from '../factories.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';

/**
 * The mini-program's whole session, wx-login → bind-company → search → status → materials →
 * progress → template-msg → profile, over REST and through a @trpc/client, on a real socket.
 */
describe.each(DIALECTS)('mini session end to end on %s', (dialect) => {
  let t: TestApp;
  let base: string;
  let server: ReturnType<typeof serve>;
  beforeEach(async () => {
    t = await createTestApp(dialect);
    await seedCompanies(t, 8);
    server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    await new Promise((r) => server.close(r));
    await t.close();
  });

  it('over REST', async () => {
    const call = async (method: string, path: string, token?: string, body?: unknown) => {
      const res = await fetch(base + path, {
        method,
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      const json = (await res.json()) as { success: boolean; message: string; timestamp: number; data: any };
      expect(res.status, path).toBe(200);
      expect(json.success, `${path}: ${json.message}`).toBe(true);
      expect(res.headers.get('x-request-id')).toBeTruthy();
      return json.data;
    };
    const { token } = await call('POST', '/api/auth/wx-login', undefined, { code: 'wx-code-1' });
    await call('POST', '/api/auth/bind-company', token, { inviteCode: 'INV-A' });
    const search = await call('GET', `/api/orders/search?keyword=${encodeURIComponent('COMPA')}&status=&page=1&pageSize=5`, token);
    const order = search.orders[0];
    expect(order.order_id).toMatch(/^COMPA-/);
    expect((await call('GET', `/api/orders/${order.order_id}/status`, token)).order_id).toBe(order.order_id);
    const materials = await call('GET', `/api/orders/${order.order_id}/materials`, token);
    const progress = await call('GET', `/api/materials/${materials.materials[0].material_id}/progress`, token);
    expect(progress.steps.length).toBe(5);
    const sent = await call('POST', '/api/wechat/template-msg', token, { templateId: 'T', data: { thing1: { value: '已发货' } } });
    expect(sent.status).toBe('sent');
    expect((await call('GET', '/api/user/profile', token)).erpBinding.companyId).toBe('COMPA');
  });

  it('through @trpc/client, with typed bare data and domain codes on errors', async () => {
    let token = '';
    const client = createTRPCClient<AppRouter>({
      links: [httpLink({ url: `${base}/trpc`, headers: () => (token ? { authorization: `Bearer ${token}` } : {}) })],
    });
    const login = await client.auth.wxLogin.mutate({ code: 'wx-code-2' });
    token = login.token;
    const bound = await client.auth.bindCompany.mutate({ inviteCode: 'INV-B' });
    expect(bound.companyInfo.companyId).toBe('COMPB');
    const search = await client.orders.search.query({ page: 1, pageSize: 3 });
    expect(search.orders).toHaveLength(3);
    const orderId = search.orders[0]!.order_id;
    expect((await client.orders.status.query({ order_id: orderId })).order_id).toBe(orderId);
    const materials = (await client.orders.materials.query({ order_id: orderId })) as { materials: { material_id: string }[] };
    await client.orders.materialProgress.query({ material_id: materials.materials[0]!.material_id });
    expect((await client.wechat.sendTemplateMessage.mutate({ templateId: 'T', data: { thing1: { value: 'x' } } })).status).toBe('sent');
    expect((await client.auth.profile.query()).erpBinding.companyId).toBe('COMPB');

    const err = await client.orders.status.query({ order_id: 'COMPA-ORD00001' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TRPCClientError);
    expect((err as TRPCClientError<AppRouter>).data?.code).toBe('NOT_FOUND');
    expect((err as TRPCClientError<AppRouter>).data?.appCode).toBe('NOT_FOUND');
  });
});
