import { describe, expect, it } from 'vitest';
import { sampleBatch, v1Operators } from '../factories.ts';
import { eachTestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { expectErrorEnvelope } from '../helpers/security.ts';

describe.each(DIALECTS)('v1 trace batches on %s', (dialect) => {
  const u = eachTestApp(dialect, v1Operators);

  const create = async (token: string, over: Record<string, unknown> = {}) => {
    const res = await u.t.call('POST', '/v1/traces', { token, body: sampleBatch(over) });
    expect(res.status, res.text).toBe(201);
    return res.body.data as Record<string, unknown> & { id: string; code: string };
  };

  it('creates (201), reads, replaces, patches and deletes (204) a batch in the v1 envelope', async () => {
    const res = await u.t.call('POST', '/v1/traces', { token: u.a.token, body: sampleBatch() });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('success');
    expect(res.body.meta.serverTime).toMatch(/^\d{4}-\d{2}-\d{2}T.*Z$/);
    const b = res.body.data;
    expect(b).toMatchObject({ ...sampleBatch(), status: 'active' });
    expect(b.id).toMatch(/^trace-\d+$/);
    expect(b.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{12}$/);
    expect(Object.keys(b).sort()).toEqual(
      ['code', 'createdAt', 'farmId', 'harvestDate', 'id', 'name', 'productId', 'quantity', 'status', 'unitWeight', 'updatedAt'].sort(),
    );

    const got = await u.t.call('GET', `/v1/traces/${b.id}`, { token: u.viewerA.token });
    expect(got.status).toBe(200);
    expect(got.body.data).toEqual(b);

    const put = await u.t.call('PUT', `/v1/traces/${b.id}`, {
      token: u.a.token,
      body: { name: 'Pear Lot 7', productId: 'pear-02', quantity: 50, unitWeight: 0.3, harvestDate: '2023-06-01', farmId: 'farm-9' },
    });
    expect(put.status).toBe(200);
    expect(put.body.data).toMatchObject({
      id: b.id,
      code: b.code,
      name: 'Pear Lot 7',
      quantity: 50,
      harvestDate: '2023-06-01T00:00:00Z',
      status: 'active',
    });

    const patch = await u.t.call('PATCH', `/v1/traces/${b.id}`, { token: u.a.token, body: { status: 'archived', quantity: 49.5 } });
    expect(patch.status).toBe(200);
    expect(patch.body.data).toMatchObject({ name: 'Pear Lot 7', quantity: 49.5, status: 'archived' });

    const del = await u.t.call('DELETE', `/v1/traces/${b.id}`, { token: u.a.token });
    expect(del.status).toBe(204);
    expect(del.text).toBe('');
    const gone = await u.t.call('GET', `/v1/traces/${b.id}`, { token: u.a.token });
    expect(gone.status).toBe(404);
    expectErrorEnvelope('v1', gone.body);
    expect(gone.body.code).toBe('RESOURCE_NOT_FOUND');
    expect(gone.body.details).toEqual([{ field: 'traceId', message: `Trace with ID ${b.id} does not exist` }]);
  });

  it('answers 422 with one details entry per bad body field, and refuses non-numbers for numbers', async () => {
    const res = await u.t.call('POST', '/v1/traces', {
      token: u.a.token,
      body: { productId: 'p', quantity: -1, unitWeight: '0.2', harvestDate: 'yesterday', farmId: '', status: 'lost' },
    });
    expect(res.status).toBe(422);
    expectErrorEnvelope('v1', res.body);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    const fields = res.body.details.map((d: { field: string }) => d.field).sort();
    expect(fields).toEqual(['farmId', 'harvestDate', 'name', 'quantity', 'status', 'unitWeight']);
    expect(res.body.details.find((d: { field: string }) => d.field === 'quantity').message).toBe('Quantity must be a positive number');
    const count = await u.t.deps.db
      .selectFrom('trace_batches')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it('PATCH without fields, malformed JSON and unknown ids are 4xx, never 500', async () => {
    const b = await create(u.a.token);
    const empty = await u.t.call('PATCH', `/v1/traces/${b.id}`, { token: u.a.token, body: {} });
    expect(empty.status).toBe(422);
    expect(empty.body.details).toEqual([{ field: 'body', message: 'At least one field to update is required' }]);
    const bad = await u.t.call('POST', '/v1/traces', {
      token: u.a.token,
      body: '{"name":',
      headers: { 'content-type': 'application/json' },
    });
    expect(bad.status).toBe(400);
    expectErrorEnvelope('v1', bad.body);
    for (const id of ['trace-999999', '123', 'trace-0', 'trace-1e3', "trace-1'--", 'x'.repeat(41)]) {
      const res = await u.t.call('GET', `/v1/traces/${encodeURIComponent(id)}`, { token: u.a.token });
      expect([404, 422], id).toContain(res.status);
      expectErrorEnvelope('v1', res.body);
    }
  });

  it('refuses a second batch with the same name in a factory (409), but another factory may use it', async () => {
    const b = await create(u.a.token);
    const dup = await u.t.call('POST', '/v1/traces', { token: u.a.token, body: sampleBatch() });
    expect(dup.status).toBe(409);
    expectErrorEnvelope('v1', dup.body);
    expect(dup.body.details[0].field).toBe('name');
    await create(u.b.token);
    const other = await create(u.a.token, { name: 'Other' });
    const rename = await u.t.call('PATCH', `/v1/traces/${other.id}`, { token: u.a.token, body: { name: sampleBatch().name } });
    expect(rename.status).toBe(409);
    const self = await u.t.call('PATCH', `/v1/traces/${b.id}`, { token: u.a.token, body: { name: sampleBatch().name } });
    expect(self.status).toBe(200);
  });

  it("factory B can neither read, change nor delete factory A's batch (404), and A's batch is untouched", async () => {
    const b = await create(u.a.token);
    const calls: [string, string, unknown?][] = [
      ['GET', `/v1/traces/${b.id}`],
      ['PUT', `/v1/traces/${b.id}`, sampleBatch({ name: 'stolen' })],
      ['PATCH', `/v1/traces/${b.id}`, { name: 'stolen' }],
      ['DELETE', `/v1/traces/${b.id}`],
      ['GET', `/v1/traces/${b.id}/logs`],
      ['POST', `/v1/traces/${b.id}/logs`, { eventType: 'processing' }],
      ['GET', `/v1/traces/${b.id}/qrcode`],
    ];
    for (const [method, path, body] of calls) {
      const res = await u.t.call(method, path, { token: u.b.token, body });
      expect(res.status, `${method} ${path}`).toBe(404);
      expectErrorEnvelope('v1', res.body);
      expect(res.body.code).toBe('RESOURCE_NOT_FOUND');
    }
    const listB = await u.t.call('GET', '/v1/traces', { token: u.b.token });
    expect(listB.body.data).toEqual([]);
    const still = await u.t.call('GET', `/v1/traces/${b.id}`, { token: u.a.token });
    expect(still.body.data).toEqual(b);
    const logs = await u.t.call('GET', `/v1/traces/${b.id}/logs`, { token: u.a.token });
    expect(logs.body.meta.totalItems).toBe(0);
  });

  it('checks trace_write and factory membership', async () => {
    const viewer = await u.t.call('POST', '/v1/traces', { token: u.viewerA.token, body: sampleBatch() });
    expect(viewer.status).toBe(403);
    expectErrorEnvelope('v1', viewer.body);
    expect(viewer.body.code).toBe('FORBIDDEN');
    const now = Date.now();
    const admin = await u.t.deps.db
      .insertInto('users')
      .values({ user_type: 'platform', role: 'platform_admin', username: 'pa', created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const { token } = await u.t.deps.tokens.issue({ sub: String(admin.id), role: 'platform_admin', family: 'v1', tep: 0 }, 600);
    const res = await u.t.call('GET', '/v1/traces', { token });
    expect(res.status).toBe(403);
    expectErrorEnvelope('v1', res.body);
  });

  describe('POST /v1/traces/batch', () => {
    it('creates every item (201) in input order', async () => {
      const items = [1, 2, 3].map((i) => sampleBatch({ name: `Lot ${i}` }));
      const res = await u.t.call('POST', '/v1/traces/batch', { token: u.a.token, body: { items } });
      expect(res.status).toBe(201);
      expect(res.body.data.map((b: { name: string }) => b.name)).toEqual(['Lot 1', 'Lot 2', 'Lot 3']);
      expect(new Set(res.body.data.map((b: { code: string }) => b.code)).size).toBe(3);
    });

    it('rolls back fully when a later item fails in the database', async () => {
      await create(u.a.token, { name: 'Taken' });
      const items = [sampleBatch({ name: 'New 1' }), sampleBatch({ name: 'New 2' }), sampleBatch({ name: 'Taken' })];
      const res = await u.t.call('POST', '/v1/traces/batch', { token: u.a.token, body: { items } });
      expect(res.status).toBe(409);
      expectErrorEnvelope('v1', res.body);
      expect(res.body.details[0].field).toBe('items.2.name');
      const inner = await u.t.call('POST', '/v1/traces/batch', {
        token: u.a.token,
        body: { items: [sampleBatch({ name: 'Twice' }), sampleBatch({ name: 'Twice' })] },
      });
      expect(inner.status).toBe(409);
      expect(inner.body.details[0].field).toBe('items.1.name');
      const names = await u.t.deps.db.selectFrom('trace_batches').select('name').execute();
      expect(names.map((r) => r.name)).toEqual(['Taken']);
    });

    it('validates every item before writing anything (422 names items.<i>.<field>)', async () => {
      const items = [sampleBatch({ name: 'A' }), sampleBatch({ name: 'B', quantity: 0 }), sampleBatch({ name: '', farmId: 7 })];
      const res = await u.t.call('POST', '/v1/traces/batch', { token: u.a.token, body: { items } });
      expect(res.status).toBe(422);
      expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
        'items.1.quantity',
        'items.2.farmId',
        'items.2.name',
      ]);
      const tooMany = await u.t.call('POST', '/v1/traces/batch', {
        token: u.a.token,
        body: { items: Array.from({ length: 101 }, (_, i) => sampleBatch({ name: `n${i}` })) },
      });
      expect(tooMany.status).toBe(422);
      expect(tooMany.body.details[0].field).toBe('items');
      expect(await u.t.deps.db.selectFrom('trace_batches').select('id').execute()).toEqual([]);
    });
  });

  describe('logs', () => {
    it('appends events and lists them in time order, paged and filtered', async () => {
      const b = await create(u.a.token);
      const events = [
        { eventType: 'shipping', occurredAt: '2023-05-20T08:00:00Z', operator: '王强', location: '物流中心', notes: '冷链' },
        { eventType: 'harvest', occurredAt: '2023-05-15T08:00:00Z', operator: '张伟', location: 'farm-123' },
        { eventType: 'inspection', occurredAt: '2023-05-17T08:00:00+08:00' },
        { eventType: 'processing', occurredAt: '2023-05-16' },
      ];
      for (const e of events) {
        const res = await u.t.call('POST', `/v1/traces/${b.id}/logs`, { token: u.a.token, body: e });
        expect(res.status, res.text).toBe(201);
        expect(res.body.data).toMatchObject({ traceId: b.id, eventType: e.eventType });
      }
      const list = await u.t.call('GET', `/v1/traces/${b.id}/logs`, { token: u.viewerA.token });
      expect(list.status).toBe(200);
      expect(list.body.data.map((l: { eventType: string }) => l.eventType)).toEqual(['harvest', 'processing', 'inspection', 'shipping']);
      expect(list.body.data[2].occurredAt).toBe('2023-05-17T00:00:00Z');
      expect(list.body.meta).toMatchObject({ page: 1, limit: 10, totalItems: 4, totalPages: 1 });
      const desc = await u.t.call('GET', `/v1/traces/${b.id}/logs?sortDir=desc&limit=2&page=2`, { token: u.a.token });
      expect(desc.body.data.map((l: { eventType: string }) => l.eventType)).toEqual(['processing', 'harvest']);
      const window = await u.t.call('GET', `/v1/traces/${b.id}/logs?fromDate=2023-05-16&toDate=2023-05-17T00:00:00Z`, { token: u.a.token });
      expect(window.body.data.map((l: { eventType: string }) => l.eventType)).toEqual(['processing']);
      const typed = await u.t.call('GET', `/v1/traces/${b.id}/logs?eventType=harvest`, { token: u.a.token });
      expect(typed.body.data).toHaveLength(1);
      const bad = await u.t.call('GET', `/v1/traces/${b.id}/logs?eventType=party&sortDir=up&limit=101`, { token: u.a.token });
      expect(bad.status).toBe(422);
      expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['eventType', 'limit', 'sortDir']);
    });

    it('refuses events on an archived batch (409) and bad events (422)', async () => {
      const b = await create(u.a.token, { status: 'archived' });
      const res = await u.t.call('POST', `/v1/traces/${b.id}/logs`, { token: u.a.token, body: { eventType: 'storage' } });
      expect(res.status).toBe(409);
      expectErrorEnvelope('v1', res.body);
      const bad = await u.t.call('POST', `/v1/traces/${b.id}/logs`, {
        token: u.a.token,
        body: { eventType: 'party', occurredAt: '2023-13-01', notes: 'x'.repeat(1001) },
      });
      expect(bad.status).toBe(422);
      expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['eventType', 'notes', 'occurredAt']);
    });
  });
});
