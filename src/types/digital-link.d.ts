/** The part of digital-link.js (GS1 Digital Link SDK by Digimarc, untyped) that tracehub uses. */
declare module 'digital-link.js' {
  export interface DigitalLinkInput {
    domain: string;
    identifier: Record<string, string>;
    keyQualifiers?: Record<string, string>;
    attributes?: Record<string, string>;
  }
  export interface DigitalLinkObject {
    isValid(): boolean;
    toWebUriString(): string;
    getDomain(): string;
    getIdentifier(): Record<string, string>;
    getKeyQualifiers(): Record<string, string>;
  }
  export function DigitalLink(input: string | DigitalLinkInput): DigitalLinkObject;
  export const CheckDigit: {
    validateIdentifierCheckDigit(dl: { identifier: Record<string, string> }): boolean;
  };
  /** The CommonJS exports object: node's ESM loader finds `DigitalLink` as a named export, not `CheckDigit`. */
  const digitalLink: { DigitalLink: typeof DigitalLink; CheckDigit: typeof CheckDigit };
  export default digitalLink;
}
