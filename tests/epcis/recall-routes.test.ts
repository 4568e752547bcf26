import { describe, expect, it } from 'vitest';
import { FACTORY_A, makeUser, sampleBatch, v1Operators } from '../factories.ts';
import { eachTestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { expectErrorEnvelope } from '../helpers/security.ts';
import { epcisDoc, lot, transformation } from './fixtures.ts';

/** The batch's lot as the events spell it (LGTIN, company prefix of 6 digits; the batch answers the 7-digit spelling). */
const RAW = lot('RAW1');

describe.each(DIALECTS)('genealogy and recall routes on %s', (dialect) => {
  const u = eachTestApp(dialect, v1Operators);

  /** op_a's batch RAW1 (GTIN 09520123456788), turned into WASHED then into PACK-A and PACK-B. */
  async function chain() {
    const created = await u.t.call('POST', '/v1/traces', { token: u.a.token, body: sampleBatch({ gtin: '09520123456788', lot: 'RAW1' }) });
    expect(created.body.data.epcClass).toBe('urn:epc:class:lgtin:9520123.045678.RAW1');
    const events = [
      transformation(1, 1, { RAW1: 1000 }, { WASHED: 900 }),
      transformation(2, 2, { WASHED: 900 }, { 'PACK-A': 500, 'PACK-B': 380 }),
    ];
    const captured = await u.t.call('POST', '/v1/epcis/capture', { token: u.a.token, body: epcisDoc(...events) });
    expect(captured.status, captured.text).toBe(200);
    return created.body.data.id as string;
  }

  it('walks a batch forward and backward over its factory’s transformations', async () => {
    const id = await chain();
    const forward = await u.t.call('GET', `/v1/traces/${id}/genealogy?direction=forward&depth=5`, { token: u.viewerA.token });
    expect(forward.status, forward.text).toBe(200);
    expect(forward.body.data.lots.map((l: { epc: string }) => l.epc)).toEqual([lot('WASHED'), lot('PACK-A'), lot('PACK-B')]);
    expect(forward.body.data.root).toMatch(/RAW1$/);
    const backward = await u.t.call('GET', `/v1/traces/${id}/genealogy`, { token: u.a.token });
    expect(backward.body.data).toMatchObject({ direction: 'backward', depth: 5, lots: [] });
    const other = await u.t.call('GET', `/v1/traces/${id}/genealogy`, { token: u.b.token });
    expect(other.status).toBe(404);
    expectErrorEnvelope('v1', other.body);
    const bad = await u.t.call('GET', `/v1/traces/${id}/genealogy?depth=99`, { token: u.a.token });
    expect(bad.status).toBe(422);
    expectErrorEnvelope('v1', bad.body);
  });

  it('recalls a lot, lists it, reads it back and serves its FSMA 204 sheet, for its factory only', async () => {
    await chain();
    // the batch answers its LGTIN with a 7-digit company prefix, the events spell it with 6: one lot
    const batchClass = 'urn:epc:class:lgtin:9520123.045678.RAW1';
    const created = await u.t.call('POST', '/v1/recalls', { token: u.a.token, body: { lot: batchClass, reason: 'Salmonella' } });
    expect(created.status, created.text).toBe(201);
    const recall = created.body.data;
    expect(recall.affectedLots.map((l: { epc: string }) => l.epc)).toEqual([batchClass, lot('WASHED'), lot('PACK-A'), lot('PACK-B')]);
    expect(recall.fsma204.map((r: Record<string, unknown>) => r['Critical Tracking Event'])).toEqual([
      'Transformation',
      'Transformation',
      'Transformation',
    ]);
    expect(recall.epcis.epcisBody.eventList).toHaveLength(2);

    const list = await u.t.call('GET', '/v1/recalls', { token: u.viewerA.token });
    expect(list.body.data).toEqual([expect.objectContaining({ id: recall.id, reason: 'Salmonella', affectedLots: 4, companies: 0 })]);
    expect((await u.t.call('GET', `/v1/recalls/${recall.id}`, { token: u.a.token })).body.data).toEqual(recall);

    const csv = await u.t.call('GET', `/v1/recalls/${recall.id}/fsma204?format=csv`, { token: u.a.token });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(
      csv.text
        .replace(/^\uFEFF/, '')
        .trim()
        .split(/\r?\n/),
    ).toHaveLength(4);
    const xlsx = await u.t.call('GET', `/v1/recalls/${recall.id}/fsma204`, { token: u.a.token });
    expect(xlsx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(xlsx.headers.get('content-disposition')).toContain(`recall-${recall.id}-fsma204.xlsx`);

    expect((await u.t.call('GET', `/v1/recalls/${recall.id}`, { token: u.b.token })).status).toBe(404);
    expect((await u.t.call('GET', '/v1/recalls', { token: u.b.token })).body.data).toEqual([]);
  });

  it('refuses a recall without a token, with another family’s token, from a viewer, or with a bad body', async () => {
    const body = { lot: RAW, reason: 'x' };
    expect((await u.t.call('POST', '/v1/recalls', { body })).status).toBe(401);
    const admin = await makeUser(u.t, { factoryId: FACTORY_A, username: 'backoffice', family: 'admin' });
    expect((await u.t.call('POST', '/v1/recalls', { token: admin.token, body })).status).toBe(401);
    expect((await u.t.call('POST', '/v1/recalls', { token: `${u.a.token}x`, body })).status).toBe(401);
    const viewer = await u.t.call('POST', '/v1/recalls', { token: u.viewerA.token, body });
    expect(viewer.status).toBe(403);
    expectErrorEnvelope('v1', viewer.body);
    const bad = await u.t.call('POST', '/v1/recalls', { token: u.a.token, body: { lot: '', reason: 'x' } });
    expect(bad.status).toBe(422);
    expectErrorEnvelope('v1', bad.body);
    expect((await u.t.call('GET', '/v1/recalls', { token: u.a.token })).body.data).toEqual([]);
  });
});
