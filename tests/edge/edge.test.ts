import { connect } from 'node:net';
import { serve } from '@hono/node-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collectOperations, RouteTable } from '../../src/edge/routes.ts';
import { appRouter } from '../../src/routers/app-router.ts';
import { FACTORY_A, makeFactoryUser } from '../factories.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { expectErrorEnvelope } from '../helpers/security.ts';

describe('route matching', () => {
  const table = new RouteTable(collectOperations(appRouter).filter((op) => op.meta.transport !== 'hono'));
  const hit = (method: string, path: string) => {
    const m = table.match(method, path);
    return m.kind === 'operation' ? m.op.procedurePath : m.kind;
  };

  it('lets literal segments win over parameters, whatever the order of router keys', () => {
    expect(hit('GET', '/api/users/me')).toBe('auth.me');
    expect(hit('GET', '/api/users/pending')).toBe('admin.userActivation.pending');
    expect(hit('GET', '/api/users/7')).toBe('admin.users.get');
    expect(hit('GET', '/api/attachments/3/download')).toBe('admin.attachments.download');
    expect(hit('GET', '/api/attachments/material/3')).toBe('admin.attachments.list');
    expect(hit('POST', '/v1/traces/batch')).toBe('orders.traces.createMany');
    expect(hit('GET', '/v1/traces/trace-1')).toBe('orders.traces.get');
    expect(hit('GET', '/api/orders/search')).toBe('orders.search');
    expect(hit('GET', '/api/orders')).toBe('bi.commerce.orders');
  });

  it('answers 405 for a known path with another method, 404 otherwise, in the closest family', () => {
    expect(table.match('DELETE', '/api/orders/search')).toMatchObject({ kind: 'method-not-allowed', family: 'mini', allow: ['GET'] });
    expect(table.match('GET', '/api/materials/1/nope')).toMatchObject({ kind: 'not-found', family: 'admin' });
    expect(table.match('GET', '/v1/nope')).toMatchObject({ kind: 'not-found', family: 'v1' });
    expect(table.match('GET', '/api/mobile/nope')).toMatchObject({ kind: 'not-found', family: 'mobile' });
    expect(table.match('GET', '/api/v1/nope')).toMatchObject({ kind: 'not-found', family: 'bi' });
  });

  it('refuses two templates that would match the same path the same way', () => {
    const ops = collectOperations(appRouter);
    const twin = { ...ops.find((o) => o.procedurePath === 'admin.materials.get')!, procedurePath: 'twin' };
    expect(() => new RouteTable([...ops.filter((o) => o.meta.transport !== 'hono'), twin])).toThrow(/Ambiguous/);
  });
});

describe.each(DIALECTS)('the REST edge on %s', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(dialect, { env: { BODY_LIMIT_BYTES: '2048', HEADER_LIMIT_BYTES: '4096' } });
  });
  afterEach(() => t.close());

  it('answers transport errors in the envelope of the family that owns the path', async () => {
    const admin = await makeFactoryUser(t);
    const big = await t.call('POST', '/api/materials', { token: admin.token, body: { name: 'x'.repeat(4000), code: 'C', purpose: 'raw' } });
    expect(big.status).toBe(413);
    expectErrorEnvelope('admin', big.body);
    const form = await t.call('POST', '/api/materials', {
      token: admin.token,
      body: 'name=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.status).toBe(415);
    expectErrorEnvelope('admin', form.body);
    const broken = await t.call('POST', '/v1/auth/login', { body: '{"username":', headers: { 'content-type': 'application/json' } });
    expect(broken.status).toBe(400);
    expectErrorEnvelope('v1', broken.body);
    const wrongMethod = await t.call('DELETE', '/api/mobile/auth/profile');
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('GET');
    expectErrorEnvelope('mobile', wrongMethod.body);
    const unknown = await t.call('GET', '/v1/nothing-here');
    expect(unknown.status).toBe(404);
    expectErrorEnvelope('v1', unknown.body);
    const headers = await t.call('GET', '/api/v1/users/me', { headers: { 'x-padding': 'p'.repeat(5000) } });
    expect(headers.status).toBe(431);
    expectErrorEnvelope('bi', headers.body);
    const oauth = await t.call('POST', '/oauth/token', {
      body: 'grant_type=refresh_token&grant_type=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(oauth.status).toBe(400);
    expect(oauth.body).toEqual({ error: 'invalid_request', error_description: expect.any(String) });
  });

  it('refuses the caller before reading a body: a 401 for an oversized upload without a token', async () => {
    const res = await t.call('POST', '/api/attachments', {
      body: 'x'.repeat(10_000),
      headers: { 'content-type': 'multipart/form-data; boundary=b' },
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="tracehub"');
    expectErrorEnvelope('admin', res.body);
  });

  it('records a client that drops a POST mid-body as an abort, never as a server error', async () => {
    const admin = await makeFactoryUser(t, { factoryId: FACTORY_A });
    const server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((r) => server.once('listening', () => r()));
    const { port } = server.address() as { port: number };
    await new Promise<void>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write(
          `POST /api/materials HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${admin.token}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"name":"half`,
        );
        setTimeout(() => {
          socket.destroy();
          resolve();
        }, 150);
      });
    });
    await new Promise((r) => setTimeout(r, 300));
    await t.deps.metrics.flush();
    await new Promise<void>((r) => server.close(() => r()));
    const calls = await t.deps.db.selectFrom('api_call_buckets').select(['route', 'status_class', 'calls']).execute();
    expect(calls).toEqual([{ route: '/api/materials', status_class: 4, calls: 1 }]);
    expect(await t.deps.db.selectFrom('materials').select('id').execute()).toEqual([]);
  });
});
