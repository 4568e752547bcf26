import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.ts';
import { capture } from '../../src/services/traces/epcis/capture.ts';
import { type EpcisQueryFilters, queryEvents } from '../../src/services/traces/epcis/query.ts';
import { epcisJsonSchema } from '../../src/services/traces/epcis/schema.ts';
import { DIALECTS, freshDatabase, type TestDatabase } from '../helpers/db.ts';
import { chainDocument, DOCK, FARM, normalise, OUT_CLASS, PLANT, RAW_CLASS, SGTIN, seedFactories } from './fixtures.ts';

const events = (page: { document: Record<string, any> }) =>
  page.document.epcisBody.queryResults.resultsBody.eventList as Record<string, any>[];

describe.each(DIALECTS)('EPCIS queries on %s', (dialect) => {
  let t: TestDatabase;
  let ids: string[];
  beforeEach(async () => {
    t = await freshDatabase(dialect);
    await seedFactories(t.db, 'FAC_A', 'FAC_B');
    ids = (await capture(t.db, 'FAC_A', chainDocument())).eventIds;
    await capture(t.db, 'FAC_B', chainDocument());
  });
  afterEach(() => t.destroy());
  const idsOf = async (filters: EpcisQueryFilters) => events(await queryEvents(t.db, 'FAC_A', filters)).map((e) => e.eventID);

  it('filters by each REST binding parameter', async () => {
    const [commissioned, transformed, shipped] = ids;
    expect(await idsOf({})).toEqual(ids);
    expect(await idsOf({ eventType: 'TransformationEvent' })).toEqual([transformed]);
    expect(await idsOf({ eventType: ['ObjectEvent'] })).toEqual([commissioned, shipped]);
    expect(await idsOf({ EQ_bizStep: 'commissioning' })).toEqual([commissioned, transformed]);
    expect(await idsOf({ EQ_bizStep: 'https://ref.gs1.org/cbv/BizStep-shipping' })).toEqual([shipped]);
    expect(await idsOf({ EQ_bizStep: 'urn:epcglobal:cbv:bizstep:receiving' })).toEqual([]);
    expect(await idsOf({ EQ_disposition: 'in_transit' })).toEqual([shipped]);
    expect(await idsOf({ EQ_disposition: 'active,in_transit' })).toEqual([commissioned, shipped]);
    expect(await idsOf({ GE_eventTime: '2026-11-02T02:30:00.000Z' })).toEqual([transformed, shipped]);
    expect(await idsOf({ LT_eventTime: '2026-11-02T02:30:00.000Z' })).toEqual([commissioned]);
    expect(await idsOf({ GE_eventTime: '2026-11-01T00:00:00Z', LT_eventTime: '2026-11-03T07:15:00Z' })).toEqual([
      commissioned,
      transformed,
    ]);
    expect(await idsOf({ EQ_bizLocation: PLANT })).toEqual([transformed]);
    expect(await idsOf({ EQ_readPoint: [FARM, DOCK] })).toEqual([commissioned, shipped]);
    expect(await idsOf({ MATCH_epc: SGTIN })).toEqual([shipped]);
    expect(await idsOf({ MATCH_anyEPCClass: RAW_CLASS })).toEqual([commissioned, transformed]);
    expect(await idsOf({ MATCH_anyEPCClass: OUT_CLASS })).toEqual([transformed, shipped]);
    expect(await idsOf({ MATCH_anyEPCClass: OUT_CLASS, EQ_bizStep: 'shipping' })).toEqual([shipped]);
  });

  it('pages with perPage and an opaque nextPageToken', async () => {
    const first = await queryEvents(t.db, 'FAC_A', { perPage: 2 });
    expect(events(first).map((e) => e.eventID)).toEqual(ids.slice(0, 2));
    expect(first.nextPageToken).toEqual(expect.any(String));
    const second = await queryEvents(t.db, 'FAC_A', { perPage: 2, nextPageToken: first.nextPageToken });
    expect(events(second).map((e) => e.eventID)).toEqual(ids.slice(2));
    expect(second.nextPageToken).toBeUndefined();
    // a token continues only the query it came from
    const foreign = await queryEvents(t.db, 'FAC_A', { perPage: 2, nextPageToken: first.nextPageToken, EQ_bizStep: 'shipping' }).catch(
      (e) => e,
    );
    expect(foreign).toBeInstanceOf(AppError);
    expect(foreign.details[0].field).toBe('nextPageToken');
  });

  it('rejects unknown parameters and bad values', async () => {
    for (const bad of [{ EQ_nonsense: 'x' }, { GE_eventTime: 'soon' }, { perPage: 0 }, { perPage: 10_000 }, { nextPageToken: 'garbage' }]) {
      const err = await queryEvents(t.db, 'FAC_A', bad as EpcisQueryFilters).catch((e) => e);
      expect(err, JSON.stringify(bad)).toBeInstanceOf(AppError);
      expect(err.code).toBe('VALIDATION_FAILED');
    }
  });

  it('round-trips: queried events equal the captured ones in meaning', async () => {
    const captured = chainDocument().epcisBody.eventList as Record<string, any>[];
    const queried = events(await queryEvents(t.db, 'FAC_A', {}));
    expect(queried.map((e) => e.recordTime)).toEqual(queried.map(() => expect.stringMatching(/Z$/)));
    // the extension prefix (ex:) travels with the event, so its meaning survives outside the document
    expect(queried[0]?.['@context']).toEqual(chainDocument()['@context']);
    expect(queried.map((e, i) => normalise(e, Boolean(captured[i]?.eventID)))).toEqual(captured.map((e) => normalise(e, true)));
  });

  it('answers an EPCISQueryDocument that validates against the package schema', async () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats.default(ajv);
    const validate = ajv.compile(epcisJsonSchema());
    const page = await queryEvents(t.db, 'FAC_A', {});
    expect(validate(page.document), JSON.stringify(validate.errors)).toBe(true);
    expect(page.document).toMatchObject({ type: 'EPCISQueryDocument', schemaVersion: '2.0' });
    // and the events re-captured elsewhere as an EPCISDocument are the same events (same eventIDs)
    const exported = { ...chainDocument(), epcisBody: { eventList: events(page).map(({ recordTime: _r, ...e }) => e) } };
    expect(validate(exported), JSON.stringify(validate.errors)).toBe(true);
    await seedFactories(t.db, 'FAC_C');
    expect((await capture(t.db, 'FAC_C', exported)).eventIds).toEqual(ids);
  });
});
