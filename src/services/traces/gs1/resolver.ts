import type { Db } from '../../../db/connect.ts';
import { AppError, notFound } from '../../../errors.ts';
import { ASSAY_UNITS, ASSAY_VALUES } from '../../master-data/assay-data.ts';
import { getPublicTraceView, type PublicTraceView } from '../public-view.ts';
import { digitalLinkUri, parseLotPath, type ScannedLot } from './digital-link.ts';

/** GS1 Web Vocabulary link types a resolver answers with (GS1-Conformant Resolver standard 1.1 §6.4). */
export const GS1_LINK_TYPES = {
  pip: 'https://gs1.org/voc/pip',
  traceability: 'https://gs1.org/voc/traceability',
  defaultLink: 'https://gs1.org/voc/defaultLink',
} as const;

/** One published assay of a lot: the sample, when it was recorded (ISO 8601 UTC) and its measured values with units. */
export interface LabResult {
  sample: string;
  recordedAt: string;
  values: { name: string; value: number; unit: string }[];
}

/** A scanned lot, resolved: the consumer view of its batch, its factory's GLN, its Digital Link and published lab results. */
export interface ResolvedLot extends PublicTraceView {
  gtin: string;
  lot: string;
  gln: string | null;
  digitalLink: string;
  labResults: LabResult[];
}

/** `zinc_content` → `Zinc content`. */
const label = (column: string) => column.charAt(0).toUpperCase() + column.slice(1).replaceAll('_', ' ');

/** The assays the factory marked public for a batch (issue 14 §3), oldest first, measured values only. */
async function publicAssays(db: Db, batchId: number): Promise<LabResult[]> {
  const rows = await db
    .selectFrom('assay_data')
    .selectAll()
    .where((eb) => eb.and({ trace_batch_id: batchId, is_public: 1 }))
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    sample: r.sample_name,
    recordedAt: new Date(Number(r.created_at)).toISOString(),
    values: ASSAY_VALUES.flatMap((k) => (r[k] === null ? [] : [{ name: label(k), value: Number(r[k]), unit: ASSAY_UNITS[k] }])),
  }));
}

/**
 * Finds the trace batch a Digital Link names (any factory: the GTIN + lot pair is unique).
 * @param baseUrl the resolver's origin (PUBLIC_BASE_URL).
 * @returns the public view of the batch (no internal ids, tenants or staff) with its GS1 identity and
 *   the assay results its factory published.
 * @throws AppError NOT_FOUND when no batch carries that GTIN and lot.
 */
export async function resolveLot(db: Db, baseUrl: string, scanned: ScannedLot): Promise<ResolvedLot> {
  const row = await db
    .selectFrom('trace_batches as b')
    .innerJoin('factories as f', 'f.id', 'b.factory_id')
    .select(['b.id', 'b.code', 'f.gln'])
    .where((eb) => eb.and({ 'b.gtin': scanned.gtin, 'b.lot': scanned.lot }))
    .executeTakeFirst();
  if (!row) throw notFound('Lot', `${scanned.gtin}/${scanned.lot}`);
  const view = await getPublicTraceView(db, row.code);
  const labResults = await publicAssays(db, Number(row.id));
  return { ...view, ...scanned, gln: row.gln ?? null, digitalLink: digitalLinkUri(baseUrl, scanned.gtin, scanned.lot), labResults };
}

/** One target of an RFC 9264 link set (§4.2.4 target attributes). */
export interface LinkTarget {
  href: string;
  type?: string;
  title?: string;
  hreflang?: string[];
}

/** RFC 9264 `application/linkset+json`: link context objects, relation type → targets. */
export interface Linkset {
  linkset: ({ anchor: string } & Record<string, LinkTarget[] | string>)[];
}

/**
 * The links a resolver offers for a lot (RFC 9264 §4.2, GS1-Conformant Resolver §6.4): the
 * product information page (this resolver's HTML page), the machine-readable trace record
 * (spec 003's public view, as JSON and as a signed JWS), and the default link.
 * @param baseUrl the resolver's origin (PUBLIC_BASE_URL).
 */
export function linksetOf(baseUrl: string, lot: ResolvedLot): Linkset {
  const origin = baseUrl.replace(/\/+$/, '');
  const page: LinkTarget = { href: lot.digitalLink, type: 'text/html', title: `${lot.product.name} · lot ${lot.lot}` };
  const recordUrl = `${origin}/v1/public/traces/${encodeURIComponent(lot.code)}`;
  const record: LinkTarget = { href: recordUrl, type: 'application/json', title: 'Trace record' };
  const signed: LinkTarget = { href: `${recordUrl}/record.jws`, type: 'application/jose', title: 'Signed trace record (JWS, ES256)' };
  return {
    linkset: [
      {
        anchor: lot.digitalLink,
        [GS1_LINK_TYPES.pip]: [page],
        [GS1_LINK_TYPES.traceability]: [record, signed],
        [GS1_LINK_TYPES.defaultLink]: [page],
      },
    ],
  };
}

/** What a scan resolves to: the lot with its links, or why there is none (a mistyped code, an unknown lot). */
export type ScanResult = { kind: 'lot'; lot: ResolvedLot; linkset: Linkset } | { kind: 'invalid' } | { kind: 'unknown' };

/**
 * Resolves a scanned `/01/{gtin}/10/{lot}` (path segments as sent, percent-encoded) for the
 * resolver route: the page's view model and its RFC 9264 link set, or the reason for a 404.
 * @param baseUrl the resolver's origin (PUBLIC_BASE_URL).
 */
export async function resolveScan(db: Db, baseUrl: string, gtin: string, lot: string): Promise<ScanResult> {
  const scanned = parseLotPath(baseUrl, `/01/${gtin}/10/${encodeURIComponent(lot)}`);
  if (!scanned) return { kind: 'invalid' };
  try {
    const resolved = await resolveLot(db, baseUrl, scanned);
    return { kind: 'lot', lot: resolved, linkset: linksetOf(baseUrl, resolved) };
  } catch (err) {
    if (err instanceof AppError && err.code === 'NOT_FOUND') return { kind: 'unknown' };
    throw err;
  }
}
