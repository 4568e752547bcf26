/** The part of epcis2.js (EVRYTHNG's EPCIS 2.0 SDK, untyped) that tracehub uses. */
declare module 'epcis2.js' {
  const epcis2: {
    /**
     * The CBV 2.0 event hash of one event (`ni:///sha-256;<hex>?ver=CBV2.0`); `context` maps the
     * JSON-LD prefixes of extension fields to their namespaces. Throws on malformed events when
     * `throwError` is true.
     */
    eventToHashedId(event: Record<string, unknown>, context: Record<string, string>, throwError?: boolean): string;
    /** CBV 2.0 vocabularies (bare JSON-LD terms) and the EPCIS actions. */
    cbv: {
      bizSteps: Record<string, string>;
      dispositions: Record<string, string>;
      actionTypes: { observe: 'OBSERVE'; add: 'ADD'; delete: 'DELETE' };
    };
  };
  export default epcis2;
}
