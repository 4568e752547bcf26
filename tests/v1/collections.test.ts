import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../../src/edge/openapi.ts';
import { appRouter } from '../../src/routers/app-router.ts';
import { TRACE_SORT_FIELDS } from '../../src/services/traces/batch-fields.ts';
import { FACTORY_A, FACTORY_B, insertBatches, v1Operators } from '../factories.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { expectErrorEnvelope } from '../helpers/security.ts';

type Users = Awaited<ReturnType<typeof v1Operators>>;
type Wire = Record<string, any>;

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 1);
/** 25 batches, one a day from T0, with names, quantities, weights and harvest dates in other orders. */
const ROWS = Array.from({ length: 25 }, (_, i) => ({
  name: `lot-${String((i * 7) % 25).padStart(2, '0')}`,
  quantity: 1000 - ((i * 11) % 25) * 10,
  unitWeight: 0.1 + ((i * 3) % 25) / 100,
  harvestDate: T0 - ((i * 13) % 25) * DAY,
  status: (i % 3 === 0 ? 'archived' : 'active') as 'active' | 'archived',
  createdAt: T0 + i * DAY,
  updatedAt: T0 + ((i * 17) % 25) * DAY + 1,
}));

describe.each(DIALECTS)('v1 collections on %s', (dialect) => {
  let t: TestApp;
  let u: Users;
  let ids: string[];
  beforeEach(async () => {
    t = await createTestApp(dialect);
    u = await v1Operators(t);
    ids = await insertBatches(t, FACTORY_A, ROWS);
    await insertBatches(t, FACTORY_B, [{ name: 'lot-b', createdAt: T0 }]);
  });
  afterEach(() => t.close());

  const list = (query: string) => t.call('GET', `/v1/traces${query}`, { token: u.a.token });

  it('defaults to page 1, 10 per page, newest createdAt first, with the spec meta', async () => {
    const res = await list('');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['data', 'meta', 'status']);
    expect(res.body.status).toBe('success');
    expect(res.body.meta).toMatchObject({ page: 1, limit: 10, totalItems: 25, totalPages: 3 });
    expect(res.body.meta.serverTime).toMatch(/Z$/);
    expect(res.body.data.map((b: Wire) => b.id)).toEqual(ids.slice(15).reverse());
  });

  it('pages to the last page, an empty page past it, and limit 100 but not 101', async () => {
    const last = await list('?page=3');
    expect(last.body.data.map((b: Wire) => b.id)).toEqual(ids.slice(0, 5).reverse());
    expect(last.body.meta).toMatchObject({ page: 3, totalPages: 3, totalItems: 25 });
    const past = await list('?page=4');
    expect(past.status).toBe(200);
    expect(past.body.data).toEqual([]);
    expect(past.body.meta).toMatchObject({ page: 4, totalItems: 25, totalPages: 3 });
    const all = await list('?limit=100');
    expect(all.body.data).toHaveLength(25);
    expect(all.body.meta).toMatchObject({ limit: 100, totalPages: 1 });
    for (const q of ['?limit=101', '?limit=0', '?page=0', '?page=-1', '?limit=2.5', '?page=abc', '?limit=', '?page=1e400']) {
      const res = await list(q);
      expect(res.status, q).toBe(422);
      expectErrorEnvelope('v1', res.body);
      expect(res.body.details).toHaveLength(1);
    }
    const exact = await list('?limit=5&page=5');
    expect(exact.body.data.map((b: Wire) => b.id)).toEqual(ids.slice(0, 5).reverse());
  });

  it.each(TRACE_SORT_FIELDS.flatMap((f) => [[f, 'asc'] as const, [f, 'desc'] as const]))('sorts by %s %s', async (field, dir) => {
    const res = await list(`?sortBy=${field}&sortDir=${dir}&limit=100`);
    expect(res.status).toBe(200);
    const got = res.body.data as Wire[];
    const num = (b: Wire) => Number(b.id.slice(6));
    const expected = [...got].sort((x, y) => {
      const a = x[field];
      const b = y[field];
      const c = a < b ? -1 : a > b ? 1 : num(x) - num(y);
      return dir === 'asc' ? c : -c;
    });
    expect(got.map((b) => b.id)).toEqual(expected.map((b) => b.id));
    expect(new Set(got.map((b) => b[field])).size).toBeGreaterThan(1);
  });

  it('filters createdAt by fromDate (inclusive) and toDate (exclusive), dates or date-times', async () => {
    const day = (i: number) => new Date(T0 + i * DAY).toISOString();
    const res = await list(`?fromDate=${day(3)}&toDate=${day(6)}&sortDir=asc`);
    expect(res.body.data.map((b: Wire) => b.id)).toEqual(ids.slice(3, 6));
    const dates = await list('?fromDate=2024-01-02&toDate=2024-01-04&sortDir=asc');
    expect(dates.body.data.map((b: Wire) => b.id)).toEqual(ids.slice(1, 3));
    const offset = await list(`?fromDate=${encodeURIComponent('2024-01-02T08:00:00+08:00')}&toDate=2024-01-03&sortDir=asc`);
    expect(offset.body.data.map((b: Wire) => b.id)).toEqual([ids[1]]);
    const after = await list(`?fromDate=${day(24)}`);
    expect(after.body.meta.totalItems).toBe(1);
    const backwards = await list('?fromDate=2024-01-05&toDate=2024-01-02');
    expect(backwards.status).toBe(422);
    expect(backwards.body.details).toEqual([{ field: 'toDate', message: 'toDate must be after fromDate' }]);
  });

  it('filters by status and searches name, code and ids literally', async () => {
    const archived = await list('?status=archived&limit=100');
    expect(archived.body.meta.totalItems).toBe(9);
    expect(archived.body.data).toHaveLength(9);
    for (const b of archived.body.data) expect(b.status).toBe('archived');
    const byName = await list('?search=LOT-07');
    expect(byName.body.data.map((b: Wire) => b.name)).toEqual(['lot-07']);
    const byId = await list(`?search=${ids[4]}`);
    expect(byId.body.data.map((b: Wire) => b.id)).toContain(ids[4]);
    // `_` and `%` match themselves only: `lot_0` would match every `lot-0x` as a wildcard
    for (const s of ['lot_0', '%', "' OR 1=1 --", '\\']) {
      const res = await list(`?search=${encodeURIComponent(s)}`);
      expect(res.status, s).toBe(200);
      expect(res.body.meta.totalItems, s).toBe(0);
    }
    const other = await list('?search=lot-b');
    expect(other.body.meta.totalItems).toBe(0);
  });

  it('trims lists and single reads to the selected fields', async () => {
    const res = await list('?fields=id,name,status&limit=2');
    expect(res.body.data).toHaveLength(2);
    for (const b of res.body.data) expect(Object.keys(b).sort()).toEqual(['id', 'name', 'status']);
    const one = await t.call('GET', `/v1/traces/${ids[0]}?fields=${encodeURIComponent('farmId, quantity')}`, { token: u.a.token });
    expect(one.status).toBe(200);
    expect(one.body.data).toEqual({ quantity: ROWS[0]?.quantity, farmId: 'farm-0' });
    const bad = await t.call('GET', `/v1/traces/${ids[0]}?fields=id,secret,factory_id`, { token: u.a.token });
    expect(bad.status).toBe(422);
    expect(bad.body.details).toHaveLength(1);
    expect(bad.body.details[0].field).toBe('fields');
    expect(bad.body.details[0].message).toContain('"secret", "factory_id"');
  });

  it('lists every bad parameter at once in one 422, never a 500', async () => {
    const res = await list(
      '?page=0&limit=101&sortBy=password&sortDir=sideways&status=deleted&fromDate=2024-02-30&toDate=tomorrow&fields=id,nope&search=' +
        'x'.repeat(101),
    );
    expect(res.status).toBe(422);
    expectErrorEnvelope('v1', res.body);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details.map((d: Wire) => d.field).sort()).toEqual(
      ['fields', 'fromDate', 'limit', 'page', 'search', 'sortBy', 'sortDir', 'status', 'toDate'].sort(),
    );
    for (const q of [
      '?sortBy=name;drop table trace_batches',
      '?sortBy=created_at',
      '?fields=',
      '?sortDir=ASC',
      '?fromDate=2024-01-01T25:00:00Z',
    ]) {
      const r = await list(q);
      expect(r.status, q).toBe(422);
    }
    expect((await list('')).body.meta.totalItems).toBe(25);
  });
});

describe('v1 OpenAPI', () => {
  it('describes each collection parameter with its constraints', () => {
    const doc = buildOpenApiDocument(appRouter) as Wire;
    const params = Object.fromEntries((doc.paths['/v1/traces'].get.parameters as Wire[]).map((p) => [p.name, p]));
    expect(params.page.schema).toMatchObject({ type: 'integer', minimum: 1, default: 1 });
    expect(params.limit.schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 100, default: 10 });
    expect(params.sortBy.schema).toMatchObject({ enum: [...TRACE_SORT_FIELDS], default: 'createdAt' });
    expect(params.sortDir.schema).toMatchObject({ enum: ['asc', 'desc'], default: 'desc' });
    expect(params.status.schema.enum).toEqual(['active', 'archived']);
    expect(params.search.schema).toMatchObject({ type: 'string', maxLength: 100 });
    expect(params.fromDate.description ?? params.fromDate.schema.description).toMatch(/inclusive/);
    expect(params.toDate.description ?? params.toDate.schema.description).toMatch(/exclusive/);
    expect(params.fields.description ?? params.fields.schema.description).toMatch(/unitWeight/);
    const list = doc.paths['/v1/traces'].get.responses;
    expect(Object.keys(list)).toEqual(expect.arrayContaining(['200', '401', '422', '429']));
    expect(doc.paths['/v1/traces/batch'].post.responses['201']).toBeDefined();
    expect(doc.paths['/v1/traces/{id}'].delete.responses['204']).toBeDefined();
    expect(doc.paths['/v1/public/traces/{code}'].get.security).toEqual([]);
  });
});
