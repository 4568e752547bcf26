import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.ts';
import { capture } from '../../src/services/traces/epcis/capture.ts';
import { queryEvents } from '../../src/services/traces/epcis/query.ts';
import { DIALECTS, freshDatabase, type TestDatabase } from '../helpers/db.ts';
import { chainDocument, seedFactories } from './fixtures.ts';

const HASH = /^ni:\/\/\/sha-256;[0-9a-f]{64}\?ver=CBV2\.0$/;

/** The AppError `p` rejects with (fails the test when it resolves or throws something else). */
async function rejection(p: Promise<unknown>): Promise<AppError> {
  const err: unknown = await p.catch((e: unknown) => e);
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe.each(DIALECTS)('EPCIS capture on %s', (dialect) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await freshDatabase(dialect);
    await seedFactories(t.db, 'FAC_A', 'FAC_B');
  });
  afterEach(() => t.destroy());
  const count = async () =>
    (
      await t.db
        .selectFrom('epcis_events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n;

  it('stores every event, giving an event hash as eventID when the document has none', async () => {
    const result = await capture(t.db, 'FAC_A', chainDocument());
    expect(result.captured).toBe(3);
    expect(result.duplicates).toBe(0);
    expect(result.eventIds[0]).toMatch(HASH);
    expect(result.eventIds.slice(1)).toEqual(
      chainDocument()
        .epcisBody.eventList.slice(1)
        .map((e: any) => e.eventID),
    );
    const terms = await t.db.selectFrom('epcis_event_epcs').selectAll().orderBy('epc').orderBy('role').execute();
    expect(terms.map((r) => `${r.role}:${r.is_class}`).sort()).toEqual(['epc:0', 'input:1', 'output:1', 'quantity:1', 'quantity:1']);
  });

  it('gives the same hash to the same event however it is written', async () => {
    const a = chainDocument();
    const b = chainDocument();
    const first = b.epcisBody.eventList[0];
    // another field order and another spelling of the same instant
    b.epcisBody.eventList[0] = Object.fromEntries(Object.entries({ ...first, eventTime: '2026-11-01T00:00:00Z' }).reverse());
    const ida = (await capture(t.db, 'FAC_A', a)).eventIds[0];
    const again = await capture(t.db, 'FAC_A', b);
    expect(again.eventIds[0]).toBe(ida);
    expect(again.captured).toBe(0);
  });

  it('rejects an invalid document with JSON pointers and stores nothing', async () => {
    const doc = chainDocument();
    doc.epcisBody.eventList[1].eventTime = 'yesterday';
    delete doc.epcisBody.eventList[2].action;
    const err = await rejection(capture(t.db, 'FAC_A', doc));
    expect(err.code).toBe('MALFORMED_REQUEST');
    const fields = err.details.map((d) => d.field);
    expect(fields).toContain('/epcisBody/eventList/1/eventTime');
    expect(fields).toContain('/epcisBody/eventList/2/action');
    expect(await count()).toBe(0);
    const notDoc = await rejection(capture(t.db, 'FAC_A', { type: 'EPCISDocument' }));
    expect(notDoc.details.map((d) => d.field)).toEqual(expect.arrayContaining(['/@context', '/schemaVersion', '/epcisBody']));
  });

  it('is idempotent: a re-sent document is accepted once', async () => {
    await capture(t.db, 'FAC_A', chainDocument());
    const again = await capture(t.db, 'FAC_A', chainDocument());
    expect(again).toMatchObject({ captured: 0, duplicates: 3 });
    expect(await count()).toBe(3);
  });

  it('answers 409 for a known eventID with other content, and stores none of that document', async () => {
    await capture(t.db, 'FAC_A', chainDocument());
    const doc = chainDocument();
    doc.epcisBody.eventList[0].eventTime = '2026-11-01T09:00:00.000+08:00'; // a new event: would be stored
    doc.epcisBody.eventList[2].disposition = 'damaged';
    const err = await rejection(capture(t.db, 'FAC_A', doc));
    expect(err.code).toBe('CONFLICT');
    expect(err.httpStatus).toBe(409);
    expect(err.details[0]?.field).toBe('/epcisBody/eventList/2/eventID');
    expect(await count()).toBe(3);
  });

  it('rejects one document repeating an eventID with other content', async () => {
    const doc = chainDocument();
    doc.epcisBody.eventList[1].eventID = doc.epcisBody.eventList[2].eventID;
    expect((await rejection(capture(t.db, 'FAC_A', doc))).code).toBe('CONFLICT');
    expect(await count()).toBe(0);
  });

  it('keeps events immutable: a correction is a new event with errorDeclaration and the same eventID', async () => {
    await capture(t.db, 'FAC_A', chainDocument());
    const doc = chainDocument();
    const shipped = doc.epcisBody.eventList[2];
    shipped.errorDeclaration = { declarationTime: '2026-11-04T00:00:00.000Z', reason: 'incorrect_data' };
    doc.epcisBody.eventList = [shipped];
    expect(await capture(t.db, 'FAC_A', doc)).toMatchObject({ captured: 1 });
    const page = await queryEvents(t.db, 'FAC_A', { MATCH_epc: shipped.epcList });
    const events = (page.document as any).epcisBody.queryResults.resultsBody.eventList;
    expect(events.map((e: any) => [e.eventID, Boolean(e.errorDeclaration)])).toEqual([
      [shipped.eventID, false],
      [shipped.eventID, true],
    ]);
  });

  it('keeps tenants apart: the same event may be captured by two factories, each sees its own', async () => {
    await capture(t.db, 'FAC_A', chainDocument());
    expect(await capture(t.db, 'FAC_B', chainDocument())).toMatchObject({ captured: 3 });
    const doc = chainDocument();
    doc.epcisBody.eventList = [doc.epcisBody.eventList[0]];
    await capture(t.db, 'FAC_B', doc);
    const a = await queryEvents(t.db, 'FAC_A', {});
    const b = await queryEvents(t.db, 'FAC_B', {});
    expect((a.document as any).epcisBody.queryResults.resultsBody.eventList).toHaveLength(3);
    expect((b.document as any).epcisBody.queryResults.resultsBody.eventList).toHaveLength(3);
    expect(await queryEvents(t.db, 'FAC_C', {})).toMatchObject({
      document: { epcisBody: { queryResults: { resultsBody: { eventList: [] } } } },
    });
  });
});
