import { describe, expect, it } from 'vitest';
import { epcisSchemaErrors } from '../../src/services/traces/epcis/schema.ts';
import { makeUser, sampleBatch, v1Operators } from '../factories.ts';
import { eachTestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { expectErrorEnvelope } from '../helpers/security.ts';
import { chainDocument, OUT_CLASS } from './fixtures.ts';

const ORIGIN = 'https://trace.example.com';
const HASH = /^ni:\/\/\/sha-256;[0-9a-f]{64}\?ver=CBV2\.0$/;

describe.each(DIALECTS)('GET /v1/traces/{id}/epcis on %s', (dialect) => {
  const u = eachTestApp(dialect, v1Operators, { env: { PUBLIC_BASE_URL: ORIGIN } });

  const batch = async (over: Record<string, unknown> = {}, token = u.a.token) => {
    const res = await u.t.call('POST', '/v1/traces', { token, body: sampleBatch(over) });
    expect(res.status, res.text).toBe(201);
    return res.body.data as { id: string; code: string; epcClass?: string };
  };
  const log = async (id: string, body: Record<string, unknown>) =>
    expect((await u.t.call('POST', `/v1/traces/${id}/logs`, { token: u.a.token, body })).status).toBe(201);
  const exported = async (id: string, token = u.a.token) => {
    const res = await u.t.call('GET', `/v1/traces/${id}/epcis`, { token });
    expect(res.status, res.text).toBe(200);
    expect(res.body.status).toBe('success');
    expect(epcisSchemaErrors(res.body.data)).toEqual([]);
    return res.body.data;
  };

  it('answers the captured events that name the lot, in any spelling of its class', async () => {
    // OUT_CLASS is this GTIN and lot as an LGTIN with a 6-digit company prefix (the default is 7)
    const b = await batch({ gtin: '09520123456788', lot: 'LOT-42' });
    expect(b.epcClass).not.toBe(OUT_CLASS);
    const captured = await u.t.call('POST', '/v1/epcis/capture', { token: u.a.token, body: chainDocument() });
    const ids = captured.body.data.eventIds;
    await log(b.id, { eventType: 'inspection' });
    const doc = await exported(b.id);
    expect(doc.type).toBe('EPCISDocument');
    expect(doc.epcisBody.eventList.map((e: any) => e.eventID)).toEqual(ids.slice(1));
    expect(doc.epcisBody.eventList[1]).toMatchObject({ bizStep: 'shipping', disposition: 'in_transit' });
  });

  it('maps the logs of a batch without events onto ObjectEvents with CBV business steps', async () => {
    const b = await batch({ gtin: '9520123456788', lot: 'L7' });
    await log(b.id, { eventType: 'harvest', occurredAt: '2026-11-01T08:00:00Z', location: 'Farm 7', operator: 'Li' });
    await log(b.id, { eventType: 'inspection', occurredAt: '2026-11-02T08:00:00Z', notes: 'pesticide residue: none' });
    await log(b.id, { eventType: 'shipping', occurredAt: '2026-11-03T08:00:00Z' });
    const doc = await exported(b.id);
    const events = doc.epcisBody.eventList;
    expect(events.map((e: any) => [e.type, e.action, e.bizStep, e.disposition])).toEqual([
      ['ObjectEvent', 'ADD', 'creating_class_instance', 'active'],
      ['ObjectEvent', 'OBSERVE', 'inspecting', undefined],
      ['ObjectEvent', 'OBSERVE', 'shipping', 'in_transit'],
    ]);
    expect(events[0]).toMatchObject({
      eventTime: '2026-11-01T08:00:00.000Z',
      quantityList: [{ epcClass: b.epcClass, quantity: 1000 }],
      'tracehub:location': 'Farm 7',
      'tracehub:operator': 'Li',
    });
    for (const e of events) expect(e.eventID).toMatch(HASH);
    // the same logs give the same eventIDs on every export
    expect((await exported(b.id)).epcisBody.eventList).toEqual(events);
  });

  it('names a batch without GS1 identity by its public URL', async () => {
    const b = await batch();
    await log(b.id, { eventType: 'storage' });
    const [event] = (await exported(b.id)).epcisBody.eventList;
    expect(event.quantityList).toEqual([{ epcClass: `${ORIGIN}/v1/public/traces/${b.code}`, quantity: 1000 }]);
    expect(event.bizStep).toBe('storing');
  });

  it('answers 404 for another factory’s batch and 401 without a v1 token', async () => {
    const theirs = await batch({ name: 'B batch' }, u.b.token);
    const res = await u.t.call('GET', `/v1/traces/${theirs.id}/epcis`, { token: u.a.token });
    expect(res.status).toBe(404);
    expectErrorEnvelope('v1', res.body);
    expect((await u.t.call('GET', `/v1/traces/${theirs.id}/epcis`)).status).toBe(401);
    const admin = await makeUser(u.t, { factoryId: 'FACT_B' });
    expect((await u.t.call('GET', `/v1/traces/${theirs.id}/epcis`, { token: admin.token })).status).toBe(401);
  });
});
