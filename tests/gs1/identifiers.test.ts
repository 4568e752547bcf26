import { describe, expect, it } from 'vitest';
import { digitalLinkUri, parseLotPath } from '../../src/services/traces/gs1/digital-link.ts';
import {
  checkBatchIdentity,
  classSpellings,
  isValidGln,
  isValidLot,
  lotOfClass,
  normalizeGtin,
} from '../../src/services/traces/gs1/identifiers.ts';

// Check digits from GS1's check digit calculator: 9520123456788 is GS1's own example GTIN-13.
describe('GS1 identifiers', () => {
  it('normalises GTIN-8/12/13/14 with a valid check digit to GTIN-14, and refuses the rest', () => {
    expect(normalizeGtin('9520123456788')).toBe('09520123456788');
    expect(normalizeGtin('09520123456788')).toBe('09520123456788');
    expect(normalizeGtin('96385074')).toBe('00000096385074');
    expect(normalizeGtin('036000291452')).toBe('00036000291452');
    expect(normalizeGtin('9520123456781')).toBeUndefined(); // wrong check digit
    expect(normalizeGtin('952012345678')).toBeUndefined(); // 12 digits, wrong check digit
    expect(normalizeGtin('95201234567')).toBeUndefined(); // 11 digits
    expect(normalizeGtin('95201234567a8')).toBeUndefined();
  });

  it('checks GLNs and lots', () => {
    expect(isValidGln('9520123456788')).toBe(true);
    expect(isValidGln('9520123456781')).toBe(false);
    expect(isValidGln('952012345678')).toBe(false);
    expect(isValidLot('LOT-2026/11.A')).toBe(true);
    expect(isValidLot('')).toBe(false);
    expect(isValidLot('x'.repeat(21))).toBe(false);
    expect(isValidLot('批次1')).toBe(false);
    expect(isValidLot('A B')).toBe(false);
  });

  it('takes both identifiers or neither, naming the bad field', () => {
    expect(checkBatchIdentity({})).toEqual({ gtin: null, lot: null });
    expect(checkBatchIdentity({ gtin: '9520123456788', lot: 'L1' })).toEqual({ gtin: '09520123456788', lot: 'L1' });
    const fieldOf = (input: { gtin?: string; lot?: string }) => {
      try {
        checkBatchIdentity(input);
      } catch (e) {
        return (e as { code: string; details: { field: string }[] }).details[0]?.field;
      }
      throw new Error('accepted');
    };
    expect(fieldOf({ gtin: '9520123456788' })).toBe('lot');
    expect(fieldOf({ lot: 'L1' })).toBe('gtin');
    expect(fieldOf({ gtin: '9520123456781', lot: 'L1' })).toBe('gtin');
    expect(fieldOf({ gtin: '9520123456788', lot: 'L 1' })).toBe('lot');
  });
});

describe('GS1 Digital Link', () => {
  it('builds the lot URI on the resolver origin and reads it back', () => {
    const uri = digitalLinkUri('https://trace.example.com/', '09520123456788', 'LOT-7');
    expect(uri).toBe('https://trace.example.com/01/09520123456788/10/LOT-7');
    const path = new URL(uri).pathname;
    expect(parseLotPath('https://trace.example.com', path)).toEqual({ gtin: '09520123456788', lot: 'LOT-7' });
  });

  it('percent-encodes lots with reserved characters and decodes them', () => {
    const uri = digitalLinkUri('https://t.example', '09520123456788', 'A/B');
    expect(uri).toBe('https://t.example/01/09520123456788/10/A%2FB');
    expect(parseLotPath('https://t.example', new URL(uri).pathname)).toEqual({ gtin: '09520123456788', lot: 'A/B' });
  });

  it('reads a scanned GTIN-13 as its GTIN-14 and refuses mistyped codes', () => {
    expect(parseLotPath('https://t.example', '/01/9520123456788/10/L1')).toEqual({ gtin: '09520123456788', lot: 'L1' });
    expect(parseLotPath('https://t.example', '/01/09520123456781/10/L1')).toBeUndefined();
    expect(parseLotPath('https://t.example', '/01/09520123456788')).toBeUndefined();
    expect(parseLotPath('https://t.example', '/01/09520123456788/10/%E0%A4%A')).toBeUndefined();
    expect(parseLotPath('https://t.example', `/01/09520123456788/10/${'x'.repeat(21)}`)).toBeUndefined();
  });
});

describe('EPC classes of a lot', () => {
  it('reads the GTIN-14 and lot of an LGTIN URN at any prefix length and of a Digital Link on any domain', () => {
    const named = { gtin: '09520123456788', lot: 'LOT/42' };
    expect(lotOfClass('urn:epc:class:lgtin:952012.0345678.LOT%2F42')).toEqual(named);
    expect(lotOfClass('urn:epc:class:lgtin:9520123.045678.LOT%2F42')).toEqual(named);
    expect(lotOfClass('https://id.gs1.org/01/09520123456788/10/LOT%2F42')).toEqual(named);
    expect(lotOfClass('https://trace.example.com/01/9520123456788/10/LOT%2F42')).toEqual(named);
  });

  it('names nothing for instance EPCs, private URLs, bad lengths, bad check digits or bad lots', () => {
    for (const bad of [
      'urn:epc:id:sgtin:952012.0345678.1',
      'https://trace.example.com/t/ABC123',
      'urn:epc:class:lgtin:952012.034567.X',
      'https://id.gs1.org/01/09520123456789/10/X',
      'https://id.gs1.org/01/09520123456788/10/%E0%A4%A',
    ]) {
      expect(lotOfClass(bad), bad).toBeUndefined();
    }
  });

  it('lists every spelling of the named lot, the given one first', () => {
    const spellings = classSpellings('https://trace.example.com/01/09520123456788/10/A1');
    expect(spellings[0]).toBe('https://trace.example.com/01/09520123456788/10/A1');
    expect(spellings).toContain('urn:epc:class:lgtin:952012.0345678.A1');
    expect(spellings).toContain('urn:epc:class:lgtin:952012345678.0.A1');
    expect(spellings).toContain('https://id.gs1.org/01/09520123456788/10/A1');
    expect(classSpellings('urn:epc:id:sgtin:952012.0345678.1')).toEqual(['urn:epc:id:sgtin:952012.0345678.1']);
  });
});
