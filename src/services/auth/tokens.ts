import { randomUUID, webcrypto } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import type { Config } from '../../config.ts';
import { AppError } from '../../errors.ts';

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
   * it, and the edge refuses tokens of an older epoch (src/services/auth/principal.ts).
   */
  tep: number;
}

export interface VerifiedToken extends AccessClaims {
  jti: string;
  /** Expiry, epoch ms. */
  exp: number;
}

/**
 * Issues and verifies HS256 JWT access tokens with jose. The algorithm is pinned, `iss`, `aud`,
 * `exp` and `jti` are required; the HMAC key is imported once as a WebCrypto CryptoKey (jose
 * re-imports a KeyObject or byte array on every call: 2-3x slower, STACK-NOTES).
 */
export class TokenService {
  readonly #key: Promise<CryptoKey>;
  readonly #issuer: string;
  readonly #audience: string;

  constructor(config: Pick<Config, 'JWT_SECRET' | 'JWT_ISSUER' | 'JWT_AUDIENCE'>) {
    this.#key = webcrypto.subtle.importKey('raw', Buffer.from(config.JWT_SECRET, 'utf8'), { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
      'verify',
    ]) as Promise<CryptoKey>;
    this.#issuer = config.JWT_ISSUER;
    this.#audience = config.JWT_AUDIENCE;
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
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(this.#issuer)
      .setAudience(this.#audience)
      .setSubject(claims.sub)
      .setJti(jti)
      .setIssuedAt(now)
      .setExpirationTime(now + ttlSeconds)
      .sign(await this.#key);
    return { token, jti, expiresAt: (now + ttlSeconds) * 1000 };
  }

  /**
   * Verifies signature (HS256 only: `alg:none` and other algorithms are refused), issuer, audience
   * and expiry.
   * @throws AppError INVALID_TOKEN with message `Token expired` or `Invalid token` (spec 004 §1's strings).
   */
  async verify(token: string): Promise<VerifiedToken> {
    try {
      const { payload } = await jwtVerify(token, await this.#key, {
        algorithms: ['HS256'],
        issuer: this.#issuer,
        audience: this.#audience,
        requiredClaims: ['exp', 'jti', 'sub'],
      });
      if (typeof payload.role !== 'string') throw new errors.JWTClaimValidationFailed('role missing', payload);
      const family = payload.family as TokenFamily;
      if (!TOKEN_FAMILIES.includes(family)) throw new errors.JWTClaimValidationFailed('family missing', payload);
      return {
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
      };
    } catch (cause) {
      const expired = cause instanceof errors.JWTExpired;
      throw new AppError('INVALID_TOKEN', expired ? 'Token expired' : 'Invalid token', [], { cause });
    }
  }
}
