import { randomUUID, webcrypto } from 'node:crypto';
import { createLocalJWKSet, errors, importJWK, type JWK, type JWTVerifyGetKey, jwtVerify, SignJWT } from 'jose';
import { LRUCache } from 'lru-cache';
import type { Config } from '../../config.ts';
import { AppError } from '../../errors.ts';
import { type PublicJwk, readEs256Keys } from './signing-keys.ts';

/**
 * Which login issued a token, and so which client family it was meant for: the mini-program
 * (`mini`), the mobile app (`mobile`), the back office (`admin`), the public v1 API (`v1`) or an
 * OAuth client through the device flow (`bi`). The edge accepts a token only where its family is
 * listed (src/edge/meta.ts).
 */
export const TOKEN_FAMILIES = ['mini', 'mobile', 'admin', 'v1', 'bi'] as const;
export type TokenFamily = (typeof TOKEN_FAMILIES)[number];

/** Claims tracehub puts in an access token (RFC 7519), beyond iss/aud/exp/iat/jti/sub. */
export interface AccessClaims {
  sub: string;
  role: string;
  /** Tenant: the factory id, absent for platform and WeChat users. */
  fid?: string;
  /** The token family: who the token was issued to. */
  family: TokenFamily;
  /** RFC 8693 §4.2 space-separated scopes; absent on first-party tokens, which hold every scope of their role. */
  scope?: string;
  /** The OAuth client the user delegated to (RFC 9068 §2.2 `client_id`), for device-flow tokens. */
  client_id?: string;
  /**
   * The user's token epoch at issue (`users.token_epoch`): a password change or reset increments
   * it, and the edge refuses tokens of an older epoch (src/services/identity/principal.ts).
   */
  tep: number;
}

export interface VerifiedToken extends AccessClaims {
  jti: string;
  /** Expiry, epoch ms. */
  exp: number;
}

type KeyConfig = Pick<Config, 'JWT_SECRET' | 'JWT_ISSUER' | 'JWT_AUDIENCE'> &
  Partial<Pick<Config, 'JWT_PRIVATE_KEY' | 'JWT_KEY_ID' | 'JWT_PUBLIC_KEYS'>>;

/**
 * Issues and verifies JWT access tokens with jose: the one place tokens are signed and checked.
 * HS256 with JWT_SECRET (the development default), or ES256 when JWT_PRIVATE_KEY is set: tokens
 * then carry the signing key's `kid` and are verified against the published key set
 * (`jwks()`, `GET /.well-known/jwks.json`), so other services need no shared secret. The
 * algorithm is pinned (one of the two, never both), `iss`, `aud`, `exp` and `jti` are required.
 * Keys are imported once as WebCrypto CryptoKeys (jose re-imports a KeyObject or byte array on
 * every call: 2-3x slower, STACK-NOTES). A token verified once is remembered, by its exact string,
 * until it expires (10k tokens at most): signature and claims cannot change under the same string,
 * and revocation is checked per request by the caller (src/services/identity/principal.ts).
 */
export class TokenService {
  readonly #verified = new LRUCache<string, VerifiedToken>({ max: 10_000 });
  readonly #alg: 'HS256' | 'ES256';
  readonly #kid: string | undefined;
  readonly #signKey: Promise<CryptoKey>;
  readonly #verifyKey: CryptoKey | Promise<CryptoKey> | JWTVerifyGetKey;
  readonly #publicJwks: readonly PublicJwk[];
  readonly #issuer: string;
  readonly #audience: string;

  /** @throws KeyConfigError for unusable ES256 keys (config validation refuses them first). */
  constructor(config: KeyConfig) {
    const es256 = readEs256Keys(config);
    if (es256) {
      this.#alg = 'ES256';
      this.#kid = es256.kid;
      this.#signKey = importJWK(es256.privateJwk as JWK, 'ES256') as Promise<CryptoKey>;
      this.#verifyKey = createLocalJWKSet({ keys: es256.publicJwks as unknown as JWK[] });
      this.#publicJwks = es256.publicJwks;
    } else {
      this.#alg = 'HS256';
      this.#kid = undefined;
      this.#signKey = webcrypto.subtle.importKey('raw', Buffer.from(config.JWT_SECRET, 'utf8'), { name: 'HMAC', hash: 'SHA-256' }, false, [
        'sign',
        'verify',
      ]) as Promise<CryptoKey>;
      this.#verifyKey = this.#signKey;
      this.#publicJwks = [];
    }
    this.#issuer = config.JWT_ISSUER;
    this.#audience = config.JWT_AUDIENCE;
  }

  /** The signing algorithm in use. */
  get algorithm(): 'HS256' | 'ES256' {
    return this.#alg;
  }

  /**
   * The public keys tokens are verified with, as an RFC 7517 §5 JWK Set: the ES256 signing key
   * and JWT_PUBLIC_KEYS, each with `kid`, `alg`, `use`; empty under HS256 (a shared secret is
   * never published).
   */
  jwks(): { keys: PublicJwk[] } {
    return { keys: this.#publicJwks.map((k) => ({ ...k })) };
  }

  /**
   * Signs an access token.
   * @param claims subject, role, tenant and optional scope
   * @param ttlSeconds lifetime in seconds
   * @returns the compact JWS, its jti and expiry (epoch ms)
   */
  async issue(claims: AccessClaims, ttlSeconds: number): Promise<{ token: string; jti: string; expiresAt: number }> {
    const jti = randomUUID();
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ ...claims })
      .setProtectedHeader({ alg: this.#alg, typ: 'JWT', ...(this.#kid ? { kid: this.#kid } : {}) })
      .setIssuer(this.#issuer)
      .setAudience(this.#audience)
      .setSubject(claims.sub)
      .setJti(jti)
      .setIssuedAt(now)
      .setExpirationTime(now + ttlSeconds)
      .sign(await this.#signKey);
    return { token, jti, expiresAt: (now + ttlSeconds) * 1000 };
  }

  /**
   * Verifies signature (the configured algorithm only: `alg:none`, the other algorithm and, under
   * ES256, unknown `kid`s are refused), issuer, audience and expiry.
   * @throws AppError INVALID_TOKEN with message `Token expired` or `Invalid token` (spec 004 §1's strings).
   */
  async verify(token: string): Promise<VerifiedToken> {
    const known = this.#verified.get(token);
    // jose's rule: expired once the current second reaches exp; past it, the full check below says so
    if (known && known.exp > Date.now()) return known;
    const verified = await this.#verifyJwt(token);
    this.#verified.set(token, verified);
    return verified;
  }

  async #verifyJwt(token: string): Promise<VerifiedToken> {
    try {
      const key = this.#verifyKey;
      const options = {
        algorithms: [this.#alg],
        issuer: this.#issuer,
        audience: this.#audience,
        requiredClaims: ['exp', 'jti', 'sub'],
      };
      const { payload } = typeof key === 'function' ? await jwtVerify(token, key, options) : await jwtVerify(token, await key, options);
      if (typeof payload.role !== 'string') throw new errors.JWTClaimValidationFailed('role missing', payload);
      const family = payload.family as TokenFamily;
      if (!TOKEN_FAMILIES.includes(family)) throw new errors.JWTClaimValidationFailed('family missing', payload);
      return Object.freeze({
        sub: payload.sub as string,
        role: payload.role,
        fid: typeof payload.fid === 'string' ? payload.fid : undefined,
        family,
        scope: typeof payload.scope === 'string' ? payload.scope : undefined,
        client_id: typeof payload.client_id === 'string' ? payload.client_id : undefined,
        // tokens issued before the epoch existed count as epoch 0
        tep: typeof payload.tep === 'number' && Number.isSafeInteger(payload.tep) ? payload.tep : 0,
        jti: payload.jti as string,
        exp: (payload.exp as number) * 1000,
      });
    } catch (cause) {
      const expired = cause instanceof errors.JWTExpired;
      throw new AppError('INVALID_TOKEN', expired ? 'Token expired' : 'Invalid token', [], { cause });
    }
  }
}

/** A user as `issueUserToken` reads it: a `users` row's columns. */
export interface TokenSubject {
  id: number;
  role: string;
  factory_id: string | null;
  /** `users.token_epoch` (a bigint column: a string from some drivers). */
  token_epoch: number | string;
}

/**
 * Issues a first-party access token for a user: subject, role, tenant (`fid`, when the user has a
 * factory), token family and the user's current token epoch. Every login of the four first-party
 * families (mini, admin, mobile, v1) issues its tokens through this.
 * @param ttlSeconds lifetime in seconds.
 * @returns the compact JWS, its jti and expiry (epoch ms).
 */
export function issueUserToken(
  tokens: Pick<TokenService, 'issue'>,
  user: TokenSubject,
  family: TokenFamily,
  ttlSeconds: number,
): Promise<{ token: string; jti: string; expiresAt: number }> {
  return tokens.issue(
    { sub: String(user.id), role: user.role, ...(user.factory_id ? { fid: user.factory_id } : {}), family, tep: Number(user.token_epoch) },
    ttlSeconds,
  );
}
