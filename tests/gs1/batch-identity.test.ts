import { describe, expect, it } from 'vitest';
import { sampleBatch, v1Operators } from '../factories.ts';
import { eachTestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { expectErrorEnvelope } from '../helpers/security.ts';

const ORIGIN = 'https://trace.example.com';
const GTIN13 = '9520123456788';
const GTIN14 = '09520123456788';
const OLD_KEYS = ['code', 'createdAt', 'farmId', 'harvestDate', 'id', 'name', 'productId', 'quantity', 'status', 'unitWeight', 'updatedAt'];

describe.each(DIALECTS)('v1 trace batches with a GS1 identity on %s', (dialect) => {
  const u = eachTestApp(dialect, v1Operators, { env: { PUBLIC_BASE_URL: ORIGIN } });

  const create = (body: Record<string, unknown>, token = u.a.token) => u.t.call('POST', '/v1/traces', { token, body: sampleBatch(body) });

  it('answers gtin (as GTIN-14), lot, the Digital Link and the LGTIN class on create, get and list', async () => {
    const res = await create({ gtin: GTIN13, lot: 'LOT/42' });
    expect(res.status, res.text).toBe(201);
    const b = res.body.data;
    expect(b).toMatchObject({
      gtin: GTIN14,
      lot: 'LOT/42',
      digitalLink: `${ORIGIN}/01/${GTIN14}/10/LOT%2F42`,
      // GS1_COMPANY_PREFIX_LENGTH defaults to 7; TDS escapes `/` in a URN
      epcClass: 'urn:epc:class:lgtin:9520123.045678.LOT%2F42',
    });
    const got = await u.t.call('GET', `/v1/traces/${b.id}`, { token: u.viewerA.token });
    expect(got.body.data).toEqual(b);
    const listed = await u.t.call('GET', '/v1/traces', { token: u.a.token });
    expect(listed.body.data).toEqual([b]);
    const trimmed = await u.t.call('GET', `/v1/traces/${b.id}?fields=id,gtin,epcClass`, { token: u.a.token });
    expect(trimmed.body.data).toEqual({ id: b.id, gtin: GTIN14, epcClass: b.epcClass });
  });

  it('leaves the answer of a client that sends no identity as it was', async () => {
    const res = await create({});
    expect(res.status).toBe(201);
    expect(Object.keys(res.body.data).sort()).toEqual(OLD_KEYS.sort());
    const trimmed = await u.t.call('GET', `/v1/traces/${res.body.data.id}?fields=id,gtin`, { token: u.a.token });
    expect(trimmed.body.data).toEqual({ id: res.body.data.id });
  });

  it('refuses a bad check digit, a bad lot and one field without the other with 422', async () => {
    for (const [body, field] of [
      [{ gtin: '9520123456789', lot: 'L1' }, 'gtin'],
      [{ gtin: GTIN13, lot: 'a lot with spaces' }, 'lot'],
      [{ lot: 'L1' }, 'gtin'],
      [{ gtin: GTIN13 }, 'lot'],
    ] as const) {
      const res = await create({ name: `n-${field}-${JSON.stringify(body).length}`, ...body });
      expect(res.status, JSON.stringify(body)).toBe(422);
      expectErrorEnvelope('v1', res.body);
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    const listed = await u.t.call('GET', '/v1/traces', { token: u.a.token });
    expect(listed.body.data).toEqual([]);
  });

  it('keeps one batch per GTIN and lot across factories (409)', async () => {
    expect((await create({ gtin: GTIN13, lot: 'L1' })).status).toBe(201);
    const other = await create({ gtin: GTIN14, lot: 'L1' }, u.b.token);
    expect(other.status).toBe(409);
    expect(other.body.details).toEqual([{ field: 'lot', message: `GTIN ${GTIN14} and lot L1 already name another trace batch` }]);
    expect((await create({ name: 'other lot', gtin: GTIN13, lot: 'L2' }, u.b.token)).status).toBe(201);
  });

  it('names the item of a batch create whose identity is refused, and creates none', async () => {
    const items = [sampleBatch({ name: 'one', gtin: GTIN13, lot: 'L1' }), sampleBatch({ name: 'two', gtin: GTIN13, lot: 'L1' })];
    const dup = await u.t.call('POST', '/v1/traces/batch', { token: u.a.token, body: { items } });
    expect(dup.status).toBe(409);
    expect(dup.body.details.map((d: { field: string }) => d.field)).toEqual(['items.1.lot']);
    const half = await u.t.call('POST', '/v1/traces/batch', { token: u.a.token, body: { items: [sampleBatch({ lot: 'L1' })] } });
    expect(half.status).toBe(422);
    expect(half.body.details.map((d: { field: string }) => d.field)).toEqual(['items.0.gtin']);
    expect((await u.t.call('GET', '/v1/traces', { token: u.a.token })).body.data).toEqual([]);
  });

  it('PATCH sets and clears the identity; PUT without it keeps it', async () => {
    const id = (await create({})).body.data.id;
    const set = await u.t.call('PATCH', `/v1/traces/${id}`, { token: u.a.token, body: { gtin: GTIN13, lot: 'L9' } });
    expect(set.status, set.text).toBe(200);
    expect(set.body.data.digitalLink).toBe(`${ORIGIN}/01/${GTIN14}/10/L9`);
    const lotOnly = await u.t.call('PATCH', `/v1/traces/${id}`, { token: u.a.token, body: { lot: 'L10' } });
    expect(lotOnly.body.data).toMatchObject({ gtin: GTIN14, lot: 'L10' });
    const put = await u.t.call('PUT', `/v1/traces/${id}`, { token: u.a.token, body: sampleBatch({ quantity: 5 }) });
    expect(put.body.data).toMatchObject({ quantity: 5, gtin: GTIN14, lot: 'L10' });
    const half = await u.t.call('PATCH', `/v1/traces/${id}`, { token: u.a.token, body: { gtin: null } });
    expect(half.status).toBe(422);
    const cleared = await u.t.call('PATCH', `/v1/traces/${id}`, { token: u.a.token, body: { gtin: null, lot: null } });
    expect(cleared.status).toBe(200);
    expect(Object.keys(cleared.body.data).sort()).toEqual(OLD_KEYS.sort());
  });
});
