/**
 * `Content-Disposition: attachment` for a file name (RFC 6266 §4.3): an ASCII `filename`
 * fallback for old clients and the exact name as RFC 8187/5987 `filename*=UTF-8''…`, so Chinese
 * names round-trip. (The `content-disposition` npm package is not installed; this is its core.)
 */
export function attachmentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  // RFC 8187 attr-char: ALPHA / DIGIT / "!#$&+-.^_`|~"; encodeURIComponent leaves ' ( ) * as is
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
