import digitalLink from 'digital-link.js';
import { AI, isValidLot, normalizeGtin } from './identifiers.ts';

/**
 * The GS1 Digital Link URI of a lot (GS1 Digital Link standard 1.2 §4):
 * `${baseUrl}/01/{GTIN-14}/10/{lot}`, built and checked by digital-link.js.
 * @param baseUrl the resolver's origin (PUBLIC_BASE_URL), no trailing path.
 * @throws Error when the identifiers do not form a valid Digital Link (a GTIN that was not checked).
 */
export function digitalLinkUri(baseUrl: string, gtin: string, lot: string): string {
  // the standard's URI syntax percent-encodes reserved characters of values (§4.4)
  const dl = digitalLink.DigitalLink({
    domain: baseUrl.replace(/\/+$/, ''),
    identifier: { [AI.gtin]: gtin },
    keyQualifiers: { [AI.lot]: encodeURIComponent(lot) },
  });
  if (!dl.isValid()) throw new Error(`not a valid GS1 Digital Link: ${gtin} / ${lot}`);
  return dl.toWebUriString();
}

/** What a scanned Digital Link names: a GTIN-14 and a lot. */
export interface ScannedLot {
  gtin: string;
  lot: string;
}

/**
 * Reads the path of a resolver request (`/01/{gtin}/10/{lot}`, percent-encoded lot allowed).
 * @returns the GTIN-14 and lot, or undefined when the path is not a valid Digital Link to a lot
 *   (wrong shape, bad check digit, lot outside AI 10's syntax).
 */
export function parseLotPath(origin: string, path: string): ScannedLot | undefined {
  const m = /^\/01\/(\d{8,14})\/10\/([^/]+)$/.exec(path);
  const gtin = m && normalizeGtin(m[1] as string);
  if (!m || !gtin) return undefined;
  const encoded = m[2] as string;
  let lot: string;
  try {
    lot = decodeURIComponent(encoded);
  } catch {
    return undefined;
  }
  if (!isValidLot(lot)) return undefined;
  const dl = digitalLink.DigitalLink({ domain: origin, identifier: { [AI.gtin]: gtin }, keyQualifiers: { [AI.lot]: encoded } });
  return dl.isValid() ? { gtin, lot } : undefined;
}
