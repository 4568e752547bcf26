import { createHash, createPrivateKey, createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';

/** A public key as `GET /.well-known/jwks.json` publishes it (RFC 7517 §4, RFC 7518 §6.2.1): never a private part. */
export interface PublicJwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
  kid: string;
  alg: 'ES256';
  use: 'sig';
}

/** The ES256 keys of the configuration: the signing key and every public key tokens may be verified with. */
export interface Es256Keys {
  /** The `kid` put in the header of every token signed. */
  kid: string;
  privateJwk: JsonWebKey;
  /** The signing key's public half first, then JWT_PUBLIC_KEYS (keys being rotated in or out). */
  publicJwks: PublicJwk[];
}

/** A configuration value that does not hold a usable key; `variable` names it. */
export class KeyConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
  }
}

/** Environment values may carry PEM newlines as `\n` escapes (one-line variables). */
const pemLines = (v: string) => v.trim().replace(/\\n/g, '\n');

function assertP256(key: KeyObject, variable: string): void {
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new KeyConfigError(variable, 'must be an EC P-256 key (ES256)');
  }
}

/** RFC 7638 JWK thumbprint (SHA-256, base64url) of an EC public key: the default `kid`. */
export function jwkThumbprint(jwk: { crv?: string; kty?: string; x?: string; y?: string }): string {
  const canonical = JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y });
  return createHash('sha256').update(canonical).digest('base64url');
}

function toPublicJwk(key: KeyObject, kid: string | undefined): PublicJwk {
  const jwk = (key.type === 'public' ? key : createPublicKey(key)).export({ format: 'jwk' });
  return { kty: 'EC', crv: 'P-256', x: jwk.x as string, y: jwk.y as string, kid: kid ?? jwkThumbprint(jwk), alg: 'ES256', use: 'sig' };
}

function parseJson(text: string, variable: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new KeyConfigError(variable, 'is neither PEM nor JSON');
  }
}

function privateKeyOf(text: string): { key: KeyObject; kid: string | undefined } {
  const variable = 'JWT_PRIVATE_KEY';
  try {
    if (text.startsWith('{')) {
      const jwk = parseJson(text, variable) as JsonWebKey & { kid?: unknown };
      if (typeof jwk.d !== 'string') throw new KeyConfigError(variable, 'a JWK without its private part `d`');
      return { key: createPrivateKey({ key: jwk, format: 'jwk' }), kid: typeof jwk.kid === 'string' ? jwk.kid : undefined };
    }
    return { key: createPrivateKey(text), kid: undefined };
  } catch (err) {
    if (err instanceof KeyConfigError) throw err;
    throw new KeyConfigError(variable, 'is not a private key (PKCS#8 or SEC1 PEM, or a JWK with `d`)');
  }
}

/** JWT_PUBLIC_KEYS: a JWKS (`{"keys":[…]}`), a JSON array of JWKs, one JWK, or SPKI PEM blocks. */
function publicKeysOf(text: string): { key: KeyObject; kid: string | undefined }[] {
  const variable = 'JWT_PUBLIC_KEYS';
  if (text.startsWith('{') || text.startsWith('[')) {
    const doc = parseJson(text, variable) as { keys?: unknown } | unknown[];
    const list = Array.isArray(doc) ? doc : Array.isArray((doc as { keys?: unknown }).keys) ? (doc as { keys: unknown[] }).keys : [doc];
    return list.map((raw) => {
      const jwk = raw as JsonWebKey & { kid?: unknown };
      if (typeof jwk !== 'object' || jwk === null) throw new KeyConfigError(variable, 'every entry must be a JWK object');
      if ('d' in jwk) throw new KeyConfigError(variable, 'holds a private key (`d`): only public keys belong here');
      try {
        return { key: createPublicKey({ key: jwk, format: 'jwk' }), kid: typeof jwk.kid === 'string' ? jwk.kid : undefined };
      } catch {
        throw new KeyConfigError(variable, 'holds an entry that is not a public JWK');
      }
    });
  }
  const blocks = text.match(/-----BEGIN PUBLIC KEY-----[\s\S]+?-----END PUBLIC KEY-----/g);
  if (!blocks) throw new KeyConfigError(variable, 'is neither a JWKS nor SPKI PEM (`-----BEGIN PUBLIC KEY-----`)');
  return blocks.map((pem) => {
    try {
      return { key: createPublicKey(pem), kid: undefined };
    } catch {
      throw new KeyConfigError(variable, 'holds a PEM block that is not a public key');
    }
  });
}

/**
 * Reads the ES256 configuration (synchronous: config validation and TokenService share it).
 * @param env JWT_PRIVATE_KEY (PKCS#8/SEC1 PEM or a private JWK; `\n` escapes allowed), JWT_KEY_ID
 *   (default: the JWK's own `kid`, else its RFC 7638 thumbprint), JWT_PUBLIC_KEYS (extra public
 *   keys verified too, each with its `kid` or its thumbprint).
 * @returns null when JWT_PRIVATE_KEY is unset (HS256 with JWT_SECRET).
 * @throws KeyConfigError naming the variable: not P-256, unreadable, private parts among the
 *   public keys, two keys with one kid.
 */
export function readEs256Keys(env: {
  JWT_PRIVATE_KEY?: string | undefined;
  JWT_KEY_ID?: string | undefined;
  JWT_PUBLIC_KEYS?: string | undefined;
}): Es256Keys | null {
  if (!env.JWT_PRIVATE_KEY) return null;
  const signing = privateKeyOf(pemLines(env.JWT_PRIVATE_KEY));
  assertP256(signing.key, 'JWT_PRIVATE_KEY');
  const own = toPublicJwk(signing.key, env.JWT_KEY_ID || signing.kid);
  const extra = (env.JWT_PUBLIC_KEYS ? publicKeysOf(pemLines(env.JWT_PUBLIC_KEYS)) : []).map(({ key, kid }) => {
    assertP256(key, 'JWT_PUBLIC_KEYS');
    return toPublicJwk(key, kid);
  });
  const publicJwks = [own, ...extra.filter((k) => !(k.x === own.x && k.y === own.y))];
  const kids = new Set(publicJwks.map((k) => k.kid));
  if (kids.size !== publicJwks.length) throw new KeyConfigError('JWT_PUBLIC_KEYS', 'two different keys share one kid');
  return { kid: own.kid, privateJwk: signing.key.export({ format: 'jwk' }), publicJwks };
}
