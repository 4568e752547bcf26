import type { Generated, Selectable } from 'kysely';

/** GS1 EPCIS 2.0 (issue 14): captured events and the EPCs they name. */

/** One captured EPCIS 2.0 event (issue 14), immutable; `event_json` is the event as captured. */
export interface EpcisEventsTable {
  id: Generated<number>;
  factory_id: string;
  /** The eventID, or the CBV 2.0 event hash when the document had none; unique per factory. */
  event_id: string;
  /** The CBV 2.0 event hash (`ni:///sha-256;…?ver=CBV2.0`), always computed. */
  event_hash: string;
  event_type: string;
  /** eventTime, epoch ms. */
  event_time: number;
  biz_step: string | null;
  disposition: string | null;
  read_point: string | null;
  biz_location: string | null;
  /** 1 for an error declaration (a correction of the event with the same event_id), else 0. */
  error_declared: Generated<number>;
  event_json: string;
  recorded_at: number;
}
export type EpcisEventRow = Selectable<EpcisEventsTable>;

/** An EPC or EPC class an EPCIS event names, with its role in the event. */
export type EpcisEpcRole = 'epc' | 'input' | 'output' | 'child' | 'parent' | 'quantity';
export interface EpcisEventEpcsTable {
  event_row_id: number;
  factory_id: string;
  epc: string;
  /** 1 for an EPC class (a quantity element's epcClass), 0 for an instance EPC. */
  is_class: number;
  role: EpcisEpcRole;
}

/** A recall (issue 14 §5): the lot, why, who and when, and the answer as given (`result_json`). */
export interface RecallsTable {
  id: Generated<number>;
  /** The factory that started it; null for a platform-wide recall. */
  factory_id: string | null;
  lot: string;
  reason: string;
  created_by: number | null;
  result_json: string;
  created_at: number;
}

/** A key tracehub generated (issue 14 §4): `trace-record` signs public trace records under HS256. */
export interface SigningKeysTable {
  name: string;
  kid: string;
  /** The private JWK, JSON (with `d`); never published. */
  private_jwk: string;
  /** The public JWK, JSON, as `/.well-known/jwks.json` lists it. */
  public_jwk: string;
  created_at: number;
}
