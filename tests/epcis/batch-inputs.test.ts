import { describe, expect, it } from 'vitest';
import { sampleBatch, v1Operators } from '../factories.ts';
import { eachTestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { expectErrorEnvelope } from '../helpers/security.ts';

const SUPPLIER_LOT = 'https://id.gs1.org/01/09520123456788/10/SUP1';

describe.each(DIALECTS)('POST /v1/traces/{id}/inputs on %s', (dialect) => {
  const u = eachTestApp(dialect, v1Operators);
  const batch = async (lot: string, token = u.a.token) =>
    (await u.t.call('POST', '/v1/traces', { token, body: sampleBatch({ name: lot, gtin: '09520123456795', lot }) })).body.data as {
      id: string;
      epcClass: string;
    };
  const record = (id: string, body: unknown, token = u.a.token) => u.t.call('POST', `/v1/traces/${id}/inputs`, { token, body });

  it('records a TransformationEvent from own batches and a supplier lot, once, and the genealogy and recall follow it', async () => {
    const raw = await batch('RAW-1');
    const out = await batch('OUT-1');
    const body = {
      inputs: [
        { traceId: raw.id, quantityKg: 500 },
        { epcClass: SUPPLIER_LOT, quantityKg: 20 },
      ],
      eventTime: '2026-11-20T08:00:00Z',
    };
    const first = await record(out.id, body);
    expect(first.status, first.text).toBe(201);
    expect(first.body.data).toMatchObject({
      captured: true,
      event: {
        type: 'TransformationEvent',
        eventTime: '2026-11-20T08:00:00.000Z',
        inputQuantityList: [
          { epcClass: raw.epcClass, quantity: 500, uom: 'KGM' },
          { epcClass: SUPPLIER_LOT, quantity: 20, uom: 'KGM' },
        ],
        outputQuantityList: [{ epcClass: out.epcClass, uom: 'KGM' }],
      },
    });
    const again = await record(out.id, body);
    expect(again.body.data).toMatchObject({ captured: false, eventId: first.body.data.eventId });

    const back = await u.t.call('GET', `/v1/traces/${out.id}/genealogy`, { token: u.a.token });
    expect(back.body.data.lots.map((l: { epc: string }) => l.epc).sort()).toEqual([raw.epcClass, SUPPLIER_LOT].sort());
    const recall = await u.t.call('POST', '/v1/recalls', { token: u.a.token, body: { lot: SUPPLIER_LOT, reason: 'supplier notice' } });
    expect(recall.body.data.affectedLots.map((l: { epc: string }) => l.epc)).toEqual([SUPPLIER_LOT, out.epcClass]);
  });

  it('refuses another factory’s input or output, a batch made from itself, an empty list, and a viewer', async () => {
    const mine = await batch('MINE-1');
    const theirs = await batch('THEIRS-1', u.b.token);
    const foreignInput = await record(mine.id, { inputs: [{ traceId: theirs.id, quantityKg: 1 }] });
    expect(foreignInput.status).toBe(422);
    expectErrorEnvelope('v1', foreignInput.body);
    expect(foreignInput.body.details[0].field).toBe('inputs.0.traceId');
    expect((await record(mine.id, { inputs: [{ traceId: mine.id, quantityKg: 1 }] })).status).toBe(422);
    expect((await record(mine.id, { inputs: [] })).status).toBe(422);
    expect((await record(mine.id, { inputs: [{ epcClass: SUPPLIER_LOT, quantityKg: -1 }] })).status).toBe(422);
    const foreignOutput = await record(theirs.id, { inputs: [{ epcClass: SUPPLIER_LOT, quantityKg: 1 }] });
    expect(foreignOutput.status).toBe(404);
    expectErrorEnvelope('v1', foreignOutput.body);
    expect((await record(mine.id, { inputs: [{ epcClass: SUPPLIER_LOT, quantityKg: 1 }] }, u.viewerA.token)).status).toBe(403);
    const events = await u.t.call('GET', '/v1/epcis/events', { token: u.a.token });
    expect(events.body.data.epcisBody.queryResults.resultsBody.eventList).toEqual([]);
  });
});
