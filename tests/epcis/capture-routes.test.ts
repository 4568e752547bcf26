import { describe, expect, it } from 'vitest';
import { makeUser, tokenFor, v1Operators } from '../factories.ts';
import { eachTestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { expectErrorEnvelope } from '../helpers/security.ts';
import { chainDocument, OUT_CLASS } from './fixtures.ts';

const HASH = /^ni:\/\/\/sha-256;[0-9a-f]{64}\?ver=CBV2\.0$/;

describe.each(DIALECTS)('POST /v1/epcis/capture and GET /v1/epcis/events on %s', (dialect) => {
  const u = eachTestApp(dialect, v1Operators);
  const captureAs = (token: string | undefined, body: unknown) =>
    u.t.call('POST', '/v1/epcis/capture', { ...(token && { token }), body, headers: { 'content-type': 'application/ld+json' } });
  const eventsAs = (token: string, query = '') => u.t.call('GET', `/v1/epcis/events${query}`, { token });

  it('captures a document once and accepts it again without a second copy', async () => {
    const first = await captureAs(u.a.token, chainDocument());
    expect(first.status, first.text).toBe(200);
    expect(first.body.status).toBe('success');
    expect(first.body.data).toMatchObject({ captured: 3, duplicates: 0 });
    expect(first.body.data.eventIds[0]).toMatch(HASH);
    const again = await captureAs(u.a.token, chainDocument());
    expect(again.body.data).toEqual({ ...first.body.data, captured: 0, duplicates: 3 });
    const all = await eventsAs(u.a.token);
    expect(all.body.data.epcisBody.queryResults.resultsBody.eventList).toHaveLength(3);
  });

  it('answers 400 with JSON pointers for a document the EPCIS 2.0 schema refuses, and stores nothing', async () => {
    const doc = chainDocument();
    doc.epcisBody.eventList[1].eventTime = 'yesterday';
    const res = await captureAs(u.a.token, doc);
    expect(res.status).toBe(400);
    expectErrorEnvelope('v1', res.body);
    expect(res.body.code).toBe('BAD_REQUEST');
    expect(res.body.details.map((d: { field: string }) => d.field)).toContain('/epcisBody/eventList/1/eventTime');
    const notADocument = await captureAs(u.a.token, { hello: 'world' });
    expect(notADocument.status).toBe(400);
    const events = await eventsAs(u.a.token);
    expect(events.body.data.epcisBody.queryResults.resultsBody.eventList).toEqual([]);
  });

  it('answers 409 when an eventID comes back with other content', async () => {
    expect((await captureAs(u.a.token, chainDocument())).status).toBe(200);
    const doc = chainDocument();
    doc.epcisBody.eventList[2].quantityList[0].quantity = 41;
    const res = await captureAs(u.a.token, doc);
    expect(res.status).toBe(409);
    expectErrorEnvelope('v1', res.body);
  });

  it('refuses no token, a bad token and another family’s token (401), and a viewer’s capture (403)', async () => {
    expect((await captureAs(undefined, chainDocument())).status).toBe(401);
    expect((await captureAs('not-a-jwt', chainDocument())).status).toBe(401);
    const admin = await makeUser(u.t, { factoryId: 'FACT_A' });
    const foreign = await captureAs(admin.token, chainDocument());
    expect(foreign.status).toBe(401);
    expectErrorEnvelope('v1', foreign.body);
    expect((await eventsAs(await tokenFor(u.t, admin, 'bi'))).status).toBe(401);
    expect((await captureAs(u.viewerA.token, chainDocument())).status).toBe(403);
    expect((await eventsAs(u.viewerA.token)).status).toBe(200);
  });

  it('filters and pages the caller’s factory’s events only', async () => {
    const ids = (await captureAs(u.a.token, chainDocument())).body.data.eventIds;
    const eventIds = (res: { body: any }) => res.body.data.epcisBody.queryResults.resultsBody.eventList.map((e: any) => e.eventID);
    const shipped = await eventsAs(u.a.token, '?EQ_bizStep=shipping');
    expect(shipped.status).toBe(200);
    expect(shipped.body.data.type).toBe('EPCISQueryDocument');
    expect(eventIds(shipped)).toEqual([ids[2]]);
    expect(eventIds(await eventsAs(u.a.token, `?MATCH_anyEPCClass=${encodeURIComponent(OUT_CLASS)}`))).toEqual(ids.slice(1));
    expect(eventIds(await eventsAs(u.a.token, '?GE_eventTime=2026-11-02T00:00:00Z&LT_eventTime=2026-11-03T00:00:00Z'))).toEqual([ids[1]]);

    const pages: string[][] = [];
    let query = '?perPage=2';
    for (;;) {
      const page = await eventsAs(u.a.token, query);
      pages.push(eventIds(page));
      if (!page.body.meta.nextPageToken) break;
      query = `?perPage=2&nextPageToken=${page.body.meta.nextPageToken}`;
    }
    expect(pages).toEqual([ids.slice(0, 2), [ids[2]]]);

    expect(eventIds(await eventsAs(u.b.token))).toEqual([]);
  });

  it('answers 422 for a bad time, an unknown parameter and another query’s token', async () => {
    for (const query of ['?GE_eventTime=yesterday', '?EQ_foo=1', '?perPage=0', '?EQ_bizStep=shipping&nextPageToken=abc']) {
      const res = await eventsAs(u.a.token, query);
      expect(res.status, query).toBe(422);
      expectErrorEnvelope('v1', res.body);
    }
  });
});
