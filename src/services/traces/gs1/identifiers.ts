import digitalLink from 'digital-link.js';
import { AppError } from '../../../errors.ts';

// a CommonJS package: node's ESM loader sees `DigitalLink` as a named export but not `CheckDigit`
const { CheckDigit } = digitalLink;

/** GS1 Application Identifiers tracehub uses (GS1 General Specifications §3.2). */
export const AI = { gtin: '01', lot: '10', gln: '414' } as const;

/** AI 10's character set: GS1 AI encodable character set 82, up to 20 characters. */
const LOT = /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]{1,20}$/;

const checkDigitOk = (ai: string, digits: string) => CheckDigit.validateIdentifierCheckDigit({ identifier: { [ai]: digits } });

/**
 * A GTIN-8, -12, -13 or -14 as its GTIN-14 form (left-padded with zeros, GS1 General
 * Specifications §3.3.2), when it has a valid mod-10 check digit (digital-link.js).
 * @returns the 14 digits, or undefined for anything else.
 */
export function normalizeGtin(text: string): string | undefined {
  if (!/^(\d{8}|\d{12}|\d{13}|\d{14})$/.test(text)) return undefined;
  const gtin14 = text.padStart(14, '0');
  return checkDigitOk(AI.gtin, gtin14) ? gtin14 : undefined;
}

/** A 13-digit GLN with a valid check digit (GS1 General Specifications §3.4.2). */
export function isValidGln(text: string): boolean {
  return /^\d{13}$/.test(text) && checkDigitOk(AI.gln, text);
}

/** A lot (AI 10): 1–20 characters of GS1's character set 82. */
export function isValidLot(text: string): boolean {
  return LOT.test(text);
}

/**
 * Checks a batch's GS1 identity as written by a client.
 * @param input `gtin` (8/12/13/14 digits) and `lot`, both or neither.
 * @returns the stored form `{ gtin: GTIN-14, lot }`, or nulls when neither is given.
 * @throws AppError VALIDATION_FAILED naming the field: bad check digit, bad lot, one without the other.
 */
export function checkBatchIdentity(input: { gtin?: string | null; lot?: string | null }): { gtin: string | null; lot: string | null } {
  const { gtin, lot } = input;
  if (!gtin && !lot) return { gtin: null, lot: null };
  const invalid = (field: string, message: string) => new AppError('VALIDATION_FAILED', message, [{ field, message }]);
  if (!gtin || !lot) throw invalid(gtin ? 'lot' : 'gtin', 'A GS1 identity needs both gtin and lot');
  const gtin14 = normalizeGtin(gtin);
  if (!gtin14) throw invalid('gtin', 'gtin must be a GTIN-8, -12, -13 or -14 with a valid check digit');
  if (!isValidLot(lot)) throw invalid('lot', 'lot must be 1-20 characters of the GS1 character set 82');
  return { gtin: gtin14, lot };
}

/** TDS 2.0 §7.3 (Table I.3.1-1): lot characters an EPC URN must percent-encode. */
const URN_ESCAPE = /["%&/<>?]/g;

/**
 * The EPC class URN of a lot (LGTIN, EPC Tag Data Standard 2.0 §6.3.11):
 * `urn:epc:class:lgtin:{company prefix}.{indicator}{item reference}.{lot}`.
 * @param gtin14 a checked GTIN-14; `prefixLength` the GS1 Company Prefix's digits (6-12).
 */
export function lgtinUrn(gtin14: string, lot: string, prefixLength: number): string {
  const prefix = gtin14.slice(1, 1 + prefixLength);
  const itemRef = `${gtin14[0]}${gtin14.slice(1 + prefixLength, 13)}`;
  const escaped = lot.replace(URN_ESCAPE, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `urn:epc:class:lgtin:${prefix}.${itemRef}.${escaped}`;
}

/** Every spelling an event may use for a lot's class: the LGTIN URN at each prefix length, and GS1's canonical Digital Link. */
export function lotClassSpellings(gtin14: string, lot: string): string[] {
  const urns = [6, 7, 8, 9, 10, 11, 12].map((n) => lgtinUrn(gtin14, lot, n));
  return [...urns, `https://id.gs1.org/01/${gtin14}/10/${encodeURIComponent(lot)}`];
}

/**
 * The GTIN-14 and lot an EPC class names: an LGTIN URN (`urn:epc:class:lgtin:CP.IR.LOT`, TDS 2.0
 * §6.3.11) or a Digital Link URI on any domain (`…/01/{gtin}/10/{lot}`). The LGTIN's check digit
 * is the one digit digital-link.js accepts.
 * @returns undefined for anything else (an instance EPC, a private URL, a malformed class).
 */
export function lotOfClass(epcClass: string): { gtin: string; lot: string } | undefined {
  const decode = (text: string) => {
    try {
      return decodeURIComponent(text);
    } catch {
      return undefined;
    }
  };
  const urn = /^urn:epc:class:lgtin:(\d{6,12})\.(\d{1,7})\.(.+)$/.exec(epcClass);
  if (urn && (urn[1] as string).length + (urn[2] as string).length === 13) {
    const [, prefix, itemRef, encoded] = urn as unknown as [string, string, string, string];
    const body = `${itemRef[0]}${prefix}${itemRef.slice(1)}`;
    const gtin = [...'0123456789'].map((d) => normalizeGtin(body + d)).find(Boolean);
    const lot = decode(encoded);
    return gtin && lot && isValidLot(lot) ? { gtin, lot } : undefined;
  }
  const link = /^https?:\/\/[^/]+(?:\/[^/]+)*?\/01\/(\d{8,14})\/10\/([^/?#]+)$/.exec(epcClass);
  const gtin = link && normalizeGtin(link[1] as string);
  const lot = link && decode(link[2] as string);
  return gtin && lot && isValidLot(lot) ? { gtin, lot } : undefined;
}

/** Every spelling of the lot an EPC class names (lotClassSpellings), `epcClass` first; just `[epcClass]` when it names none. */
export function classSpellings(epcClass: string): string[] {
  const named = lotOfClass(epcClass);
  return named ? [...new Set([epcClass, ...lotClassSpellings(named.gtin, named.lot)])] : [epcClass];
}
