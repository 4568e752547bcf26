/**
 * EPCIS 2.0 event queries (issue 14 §2; EPCIS 2.0 §8.2.7 SimpleEventQuery, as the REST bindings'
 * `GET /events` query parameters): the filters tracehub supports, keyset paging with an opaque
 * `nextPageToken`, and the EPCISQueryDocument answer whose events are the captured ones unchanged.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '../../../db/connect.ts';
import { AppError } from '../../../errors.ts';
import { cbvTerm } from './terms.ts';

/** The JSON-LD context an EPCISQueryDocument names (EPCIS 2.0 §9). */
export const EPCIS_CONTEXT = 'https://ref.gs1.org/standards/epcis/epcis-context.jsonld';
export const DEFAULT_PER_PAGE = 30;
export const MAX_PER_PAGE = 500;

/** One or more values: a list, or a comma-separated string (the REST bindings' `explode: false` form). */
const values = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean));
const time = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO 8601 date-time');

/** The query parameters `queryEvents` takes (names as the EPCIS 2.0 REST bindings spell them). */
export const epcisQueryFilters = z.strictObject({
  eventType: values.optional(),
  EQ_bizStep: values.optional(),
  EQ_disposition: values.optional(),
  GE_eventTime: time.optional(),
  LT_eventTime: time.optional(),
  EQ_bizLocation: values.optional(),
  EQ_readPoint: values.optional(),
  MATCH_epc: values.optional(),
  MATCH_anyEPCClass: values.optional(),
  perPage: z.coerce.number().int().min(1).max(MAX_PER_PAGE).default(DEFAULT_PER_PAGE),
  nextPageToken: z.string().max(200).optional(),
});
export type EpcisQueryFilters = z.input<typeof epcisQueryFilters>;

/** A page of results: the EPCISQueryDocument and the token of the next page (absent on the last). */
export interface EpcisQueryPage {
  document: Record<string, unknown>;
  nextPageToken?: string;
}

const invalid = (field: string, message: string) =>
  new AppError('VALIDATION_FAILED', { en: 'Invalid EPCIS query', zh: 'EPCIS 查询参数无效' }, [{ field, message }]);

/** A fingerprint of the filters (not the paging) so that a token only continues the query it came from. */
function fingerprint(filters: Record<string, unknown>): string {
  const { perPage: _p, nextPageToken: _t, ...rest } = filters;
  const canonical = JSON.stringify(Object.entries(rest).sort(([a], [b]) => a.localeCompare(b)));
  return createHash('sha256').update(canonical).digest('base64url').slice(0, 12);
}

function encodeToken(time: number, id: number, fp: string): string {
  return Buffer.from(JSON.stringify([time, id, fp])).toString('base64url');
}

function decodeToken(token: string, fp: string): { time: number; id: number } {
  try {
    const [time, id, seen] = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as unknown[];
    if (typeof time === 'number' && typeof id === 'number' && seen === fp) return { time, id };
  } catch {
    // falls through to the error below
  }
  throw invalid('nextPageToken', 'is not a token of this query');
}

/** The events' rows, parsed back to JSON-LD, with recordTime (when the repository stored them) added. */
export function toEvent(row: { event_json: string; recorded_at: number }): Record<string, unknown> {
  const event = JSON.parse(row.event_json) as Record<string, unknown>;
  return { ...event, recordTime: event.recordTime ?? new Date(Number(row.recorded_at)).toISOString() };
}

/** Wraps events in an EPCISQueryDocument (EPCIS 2.0 JSON schema `epcisQueryDocument`). */
export function queryDocument(eventList: Record<string, unknown>[], now = new Date()): Record<string, unknown> {
  return {
    '@context': [EPCIS_CONTEXT],
    type: 'EPCISQueryDocument',
    schemaVersion: '2.0',
    creationDate: now.toISOString(),
    epcisBody: { queryResults: { queryName: 'SimpleEventQuery', resultsBody: { eventList } } },
  };
}

/**
 * Answers a SimpleEventQuery over one tenant's events, oldest eventTime first.
 * Filters (each optional, several values = any of them): `eventType`, `EQ_bizStep` and
 * `EQ_disposition` (bare CBV terms or their URIs), `GE_eventTime` / `LT_eventTime` (ISO 8601),
 * `EQ_bizLocation`, `EQ_readPoint` (ids), `MATCH_epc` (exact EPC URIs in epcList / childEPCs),
 * `MATCH_anyEPCClass` (exact EPC class URIs in any quantity list); `perPage` 1..500 (default 30),
 * `nextPageToken` as returned by the previous page of the same query.
 * @returns the page's EPCISQueryDocument and, when more events match, `nextPageToken`.
 * @throws AppError VALIDATION_FAILED for an unknown parameter, a bad value or a foreign token.
 */
export async function queryEvents(db: Db, tenant: string, filters: EpcisQueryFilters): Promise<EpcisQueryPage> {
  const parsed = epcisQueryFilters.safeParse(filters);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.code === 'unrecognized_keys' ? issue.keys.join(',') : (issue?.path.join('.') ?? '');
    throw invalid(field, issue?.message ?? 'is invalid');
  }
  const f = parsed.data;
  const fp = fingerprint(f);
  const epcsOf = (list: string[], isClass: boolean, roles: string[]) =>
    db
      .selectFrom('epcis_event_epcs')
      .select('event_row_id')
      .where('factory_id', '=', tenant)
      .where('epc', 'in', list)
      .where('is_class', '=', isClass ? 1 : 0)
      .where('role', 'in', roles as never[]);
  let q = db.selectFrom('epcis_events').select(['id', 'event_time', 'event_json', 'recorded_at']).where('factory_id', '=', tenant);
  if (f.eventType?.length) q = q.where('event_type', 'in', f.eventType);
  if (f.EQ_bizStep?.length)
    q = q.where(
      'biz_step',
      'in',
      f.EQ_bizStep.map((s) => cbvTerm('bizStep', s)),
    );
  if (f.EQ_disposition?.length)
    q = q.where(
      'disposition',
      'in',
      f.EQ_disposition.map((s) => cbvTerm('disposition', s)),
    );
  if (f.GE_eventTime) q = q.where('event_time', '>=', Date.parse(f.GE_eventTime));
  if (f.LT_eventTime) q = q.where('event_time', '<', Date.parse(f.LT_eventTime));
  if (f.EQ_bizLocation?.length) q = q.where('biz_location', 'in', f.EQ_bizLocation);
  if (f.EQ_readPoint?.length) q = q.where('read_point', 'in', f.EQ_readPoint);
  if (f.MATCH_epc?.length) q = q.where('id', 'in', epcsOf(f.MATCH_epc, false, ['epc', 'child']));
  if (f.MATCH_anyEPCClass?.length) q = q.where('id', 'in', epcsOf(f.MATCH_anyEPCClass, true, ['quantity', 'child', 'input', 'output']));
  if (f.nextPageToken) {
    const after = decodeToken(f.nextPageToken, fp);
    q = q.where((eb) => eb.or([eb('event_time', '>', after.time), eb.and([eb('event_time', '=', after.time), eb('id', '>', after.id)])]));
  }
  const rows = await q
    .orderBy('event_time')
    .orderBy('id')
    .limit(f.perPage + 1)
    .execute();
  const page = rows.slice(0, f.perPage);
  const last = page.at(-1);
  const document = queryDocument(page.map(toEvent));
  return rows.length > f.perPage && last
    ? { document, nextPageToken: encodeToken(Number(last.event_time), Number(last.id), fp) }
    : { document };
}
