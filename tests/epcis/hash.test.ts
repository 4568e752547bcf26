import { describe, expect, it } from 'vitest';
import { contextPrefixes, eventHash } from '../../src/services/traces/epcis/terms.ts';

/**
 * Test vectors of GS1's reference implementation of the CBV 2.0 event hash algorithm
 * (epcis-event-hash-generator, tests/examples: epcisDocWithSingleEvent, ReferenceEventHashAlgorithm).
 */
describe('CBV 2.0 event hash', () => {
  it('matches the reference for an ObjectEvent with SGTINs, SGLN and a business transaction', () => {
    const event = {
      type: 'ObjectEvent',
      action: 'OBSERVE',
      bizStep: 'shipping',
      disposition: 'in_transit',
      epcList: ['urn:epc:id:sgtin:0614141.107346.2017', 'urn:epc:id:sgtin:0614141.107346.2018'],
      eventTime: '2022-02-16T20:33:31.116000-06:00',
      eventTimeZoneOffset: '-06:00',
      readPoint: { id: 'urn:epc:id:sgln:0614141.07346.1234' },
      bizTransactionList: [{ type: 'po', bizTransaction: 'http://transaction.acme.com/po/12345678' }],
    };
    expect(eventHash(event, {})).toBe('ni:///sha-256;ffa491b16867e34a7791a8d5389d826afc24e63a121026b6a4004ace38631b4b?ver=CBV2.0');
  });

  it('matches the reference for SSCCs and nested user extensions (recordTime and eventID ignored)', () => {
    const context = [{ gs1: 'https://gs1.org/voc/' }, { example: 'https://ns.example.com/epcis/' }];
    const event = {
      type: 'ObjectEvent',
      eventID: 'urn:uuid:00000000-0000-4000-8000-000000000000',
      eventTime: '2020-03-04T11:00:30.000+01:00',
      eventTimeZoneOffset: '+01:00',
      recordTime: '2020-03-04T11:00:30.999+01:00',
      epcList: ['urn:epc:id:sscc:4012345.0000000333', 'urn:epc:id:sscc:4012345.0000000111', 'urn:epc:id:sscc:4012345.0000000222'],
      action: 'OBSERVE',
      bizStep: 'departing',
      readPoint: { id: 'urn:epc:id:sgln:4012345.00011.987' },
      'example:myField1': { 'example:mySubField1': '2', 'example:mySubField2': '5' },
      'example:myField2': '0',
      'example:myField3': { 'example:mySubField3': ['3', '1'] },
    };
    expect(eventHash(event, contextPrefixes(context))).toBe(
      'ni:///sha-256;6ae96341e0acc6d7a261364751f60e68278a81cdf51da0abb6b4e617014e39d7?ver=CBV2.0',
    );
  });
});
