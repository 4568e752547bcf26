/**
 * The production rule for secrets tracehub itself chooses (JWT_SECRET, METRICS_TOKEN), used by
 * src/config.ts. A secret is refused when:
 * 1. it is shorter than 32 bytes (256 bits, UTF-8);
 * 2. its estimated entropy is below 128 bits. The estimate is the secret's shortest repeating
 *    unit (`abcabc…` counts as `abc`) times the lower of two Shannon entropies per byte: of its
 *    bytes, and of the differences between neighbouring bytes (so runs such as `abcdef…` or
 *    `0123…` count as one symbol). Random secrets pass with room: `openssl rand -hex 32` scores
 *    about 240 bits, `openssl rand -base64 32` about 215; a 32-character hex string (128 real
 *    bits) scores about 115 and is refused, `aaaa…` scores 0.
 * The estimate can only under-count a human-chosen secret, never prove one strong: it stops the
 * obvious mistakes (placeholders, keyboard runs, a word repeated), not a leaked secret.
 */
export const MIN_SECRET_BYTES = 32;
export const MIN_SECRET_BITS = 128;

/** Shannon entropy, bits per symbol, of the empirical distribution of `symbols`. */
function shannon(symbols: readonly number[]): number {
  if (symbols.length === 0) return 0;
  const counts = new Map<number, number>();
  for (const s of symbols) counts.set(s, (counts.get(s) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / symbols.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** Length of the shortest unit whose repetition (possibly cut short) spells `bytes` (KMP failure function). */
function period(bytes: Uint8Array): number {
  const fail = new Array<number>(bytes.length).fill(0);
  for (let i = 1, k = 0; i < bytes.length; i++) {
    while (k > 0 && bytes[i] !== bytes[k]) k = fail[k - 1] as number;
    if (bytes[i] === bytes[k]) k++;
    fail[i] = k;
  }
  return bytes.length - (fail[bytes.length - 1] ?? 0);
}

/**
 * Estimated entropy of a secret in bits (see the rule above).
 * @param secret the secret as configured (UTF-8).
 */
export function estimateSecretBits(secret: string): number {
  const all = Buffer.from(secret, 'utf8');
  const unit = all.subarray(0, period(all));
  const bytes = [...unit];
  const diffs = bytes.slice(1).map((b, i) => (b - (bytes[i] as number) + 256) % 256);
  return unit.length * Math.min(shannon(bytes), shannon(diffs));
}

/**
 * Why a secret is too weak for production, or null when it passes.
 * @param secret the value; the caller names the variable in its error.
 * @returns e.g. `is shorter than 32 bytes`, `has too little entropy (≈ 64 bits estimated, 128 required)`.
 */
export function secretWeakness(secret: string): string | null {
  const bytes = Buffer.byteLength(secret, 'utf8');
  if (bytes < MIN_SECRET_BYTES) return `is shorter than ${MIN_SECRET_BYTES} bytes (${bytes})`;
  const bits = estimateSecretBits(secret);
  if (bits < MIN_SECRET_BITS) {
    return `has too little entropy (≈ ${Math.floor(bits)} bits estimated, ${MIN_SECRET_BITS} required; use \`openssl rand -base64 32\`)`;
  }
  return null;
}
