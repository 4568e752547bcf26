import { SignJWT } from 'jose';
import type { Db } from '../../db/connect.ts';
import { type BatchIdentity, batchIdentity, type Gs1Settings } from './gs1/batch-identity.ts';
import { getPublicTraceView, type PublicTraceView } from './public-view.ts';
import { publicTraceUrl } from './qrcode.ts';
import type { RecordSigningKeys } from './record-keys.ts';

/** The JWS `typ` of a signed trace record (RFC 8725 §3.11 explicit typing; media type `application/trace-record+jwt`). */
export const TRACE_RECORD_TYP = 'trace-record+jwt';

/**
 * The claims of a signed trace record: the public view as `GET /v1/public/traces/{code}` answers
 * it, the batch's GS1 identity when it has a GTIN and lot, and `iss` (PUBLIC_BASE_URL), `sub`
 * (the record's public URL) and `iat` (epoch seconds). No `exp`: a record states what was known
 * at `iat`; a verifier wanting fresher data fetches it again.
 */
export type TraceRecordClaims = PublicTraceView & BatchIdentity & { iss: string; sub: string; iat: number };

/**
 * Signs the public record of the batch `code` as a compact JWS (RFC 7515 §7.1), ES256, with
 * protected header `{ alg: 'ES256', kid, typ: 'trace-record+jwt' }`; the key is published at
 * `/.well-known/jwks.json`, so a retailer verifies it offline (issue 14 §4).
 * @param gs1 PUBLIC_BASE_URL (the `iss`, the `sub` URL's origin) and the GS1 Company Prefix length.
 * @returns the compact serialisation (ASCII, three base64url parts).
 * @throws AppError NOT_FOUND for an unknown code (as the JSON view).
 */
export async function signPublicRecord(db: Db, keys: RecordSigningKeys, gs1: Gs1Settings, code: string): Promise<string> {
  const view = await getPublicTraceView(db, code);
  const ids = await db.selectFrom('trace_batches').select(['gtin', 'lot']).where('code', '=', view.code).executeTakeFirstOrThrow();
  const { kid, key } = await keys.signingKey();
  return new SignJWT({ ...view, ...batchIdentity(ids, gs1) })
    .setProtectedHeader({ alg: 'ES256', kid, typ: TRACE_RECORD_TYP })
    .setIssuer(gs1.baseUrl.replace(/\/+$/, ''))
    .setSubject(publicTraceUrl(gs1.baseUrl, view.code))
    .setIssuedAt()
    .sign(key);
}
