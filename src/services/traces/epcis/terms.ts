/**
 * What tracehub reads out of one EPCIS 2.0 event (JSON-LD, EPCIS 2.0 §7 / CBV 2.0): the columns the
 * REST bindings' query parameters filter on, the EPCs and EPC classes it names by role, and its
 * CBV 2.0 event hash (computed by epcis2.js's implementation of the CBV 2.0 §8.9 algorithm).
 */
import epcis2 from 'epcis2.js';
import type { EpcisEpcRole } from '../../../../db/database.ts';

export type EpcisEvent = Record<string, unknown>;

/** One EPC or EPC class an event names. */
export interface EpcTerm {
  epc: string;
  isClass: boolean;
  role: EpcisEpcRole;
}

const CBV_PREFIXES: Record<'bizStep' | 'disposition', RegExp> = {
  bizStep: /^(?:https:\/\/ref\.gs1\.org\/cbv\/BizStep-|urn:epcglobal:cbv:bizstep:|cbv:BizStep-)/,
  disposition: /^(?:https:\/\/ref\.gs1\.org\/cbv\/Disp-|urn:epcglobal:cbv:disp:|cbv:Disp-)/,
};

/**
 * A CBV business step or disposition in its bare JSON-LD form (`shipping`), whichever of the three
 * spellings (`shipping`, `https://ref.gs1.org/cbv/BizStep-shipping`, `urn:epcglobal:cbv:bizstep:shipping`)
 * it came in; a non-CBV (extension) URI is kept as it is.
 */
export function cbvTerm(kind: 'bizStep' | 'disposition', value: string): string {
  return value.replace(CBV_PREFIXES[kind], '');
}

const idOf = (v: unknown): string | null => {
  const id = (v as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' ? id : null;
};

/** The filterable columns of one event: type, eventTime (epoch ms), CBV step/disposition, readPoint and bizLocation ids. */
export function eventColumns(event: EpcisEvent) {
  const step = typeof event.bizStep === 'string' ? cbvTerm('bizStep', event.bizStep) : null;
  const disposition = typeof event.disposition === 'string' ? cbvTerm('disposition', event.disposition) : null;
  return {
    event_type: String(event.type),
    event_time: Date.parse(String(event.eventTime)),
    biz_step: step,
    disposition,
    read_point: idOf(event.readPoint),
    biz_location: idOf(event.bizLocation),
  };
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const classes = (v: unknown): string[] =>
  Array.isArray(v) ? v.map((q) => (q as { epcClass?: unknown }).epcClass).filter((x): x is string => typeof x === 'string') : [];

/**
 * The EPCs (epcList, childEPCs, inputEPCList, outputEPCList, parentID) and EPC classes (the
 * quantity lists' epcClass) of one event, by role, without duplicates.
 */
export function eventTerms(event: EpcisEvent): EpcTerm[] {
  const out = new Map<string, EpcTerm>();
  const add = (list: string[], isClass: boolean, role: EpcisEpcRole) => {
    for (const epc of list) out.set(`${role} ${epc}`, { epc, isClass, role });
  };
  add(strings(event.epcList), false, 'epc');
  add(strings(event.childEPCs), false, 'child');
  add(strings(event.inputEPCList), false, 'input');
  add(strings(event.outputEPCList), false, 'output');
  if (typeof event.parentID === 'string') add([event.parentID], false, 'parent');
  add(classes(event.quantityList), true, 'quantity');
  add(classes(event.childQuantityList), true, 'child');
  add(classes(event.inputQuantityList), true, 'input');
  add(classes(event.outputQuantityList), true, 'output');
  return [...out.values()];
}

/** The JSON-LD prefix → namespace map of a document's or event's `@context` (its object entries). */
export function contextPrefixes(...contexts: unknown[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const ctx of contexts) {
    for (const entry of Array.isArray(ctx) ? ctx : [ctx]) {
      if (!entry || typeof entry !== 'object') continue;
      for (const [k, v] of Object.entries(entry)) if (typeof v === 'string') map[k] = v;
    }
  }
  return map;
}

/** GS1 mod-10 check digit of a key's digits (GS1 General Specifications §7.9.1). */
function gs1CheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) sum += Number(digits[digits.length - 1 - i]) * (i % 2 === 0 ? 3 : 1);
  return (10 - (sum % 10)) % 10;
}

/**
 * An SSCC EPC URI as its canonical Digital Link (`urn:epc:id:sscc:4012345.0000000111` →
 * `https://id.gs1.org/00/040123450000001112`, TDS 2.0 §6.3.2): epcis2.js 2.7.3 keeps the extension
 * digit in place and appends a 19th digit, so the hash would differ from GS1's reference generator.
 */
function ssccToDigitalLink(value: unknown): unknown {
  if (typeof value === 'string') {
    const m = /^urn:epc:id:sscc:(\d+)\.(\d)(\d*)$/.exec(value);
    if (!m || `${m[1]}${m[2]}${m[3]}`.length !== 17) return value;
    const key = `${m[2]}${m[1]}${m[3]}`;
    return `https://id.gs1.org/00/${key}${gs1CheckDigit(key)}`;
  }
  if (Array.isArray(value)) return value.map(ssccToDigitalLink);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, ssccToDigitalLink(v)]));
  return value;
}

/**
 * The CBV 2.0 event hash of `event` (`ni:///sha-256;<64 hex>?ver=CBV2.0`, CBV 2.0 §8.9), the same
 * for every serialisation of the same event: eventID, recordTime, field order and empty lists do not count.
 * `prefixes` resolves extension fields' JSON-LD prefixes (see contextPrefixes).
 */
export function eventHash(event: EpcisEvent, prefixes: Record<string, string>): string {
  const { eventID: _id, recordTime: _recorded, '@context': _ctx, ...content } = event;
  // an empty list adds nothing to the pre-hash string, and epcis2.js 2.7.3 throws on one (`epcList: []`)
  const nonEmpty = Object.fromEntries(Object.entries(content).filter(([, v]) => !(Array.isArray(v) && v.length === 0)));
  return epcis2.eventToHashedId(ssccToDigitalLink(nonEmpty) as EpcisEvent, prefixes, false);
}
