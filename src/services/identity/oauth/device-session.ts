/** The /device page's session: a signed cookie and the CSRF token of its forms. */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** The /device session cookie (RFC 6265 name), a value signed by DeviceSessionCodec. */
export const DEVICE_COOKIE = 'tracehub_device';

/** A /device page session lives 30 minutes. */
export const DEVICE_SESSION_TTL_MS = 30 * 60_000;

/** A /device page session, carried in the signed cookie. */
export interface DeviceSession {
  /** Random session id: keys the CSRF token and the wrong-code counter; renewed at sign-in. */
  sid: string;
  /** Signed-in user, once the password was checked. */
  uid?: number;
  uname?: string;
  /** Epoch ms. */
  exp: number;
}

/**
 * The /device session as a signed cookie value (HMAC-SHA256 under a key derived from
 * JWT_SECRET) and its CSRF token: a synchronizer token bound to the session id, checked in
 * constant time on each POST (OWASP CSRF cheat sheet, "signed double-submit").
 */
export class DeviceSessionCodec {
  readonly #key: Buffer;
  constructor(secret: string) {
    this.#key = createHmac('sha256', secret).update('tracehub /device session').digest();
  }
  #mac(text: string): string {
    return createHmac('sha256', this.#key).update(text).digest('base64url');
  }
  encode(s: DeviceSession): string {
    const body = Buffer.from(JSON.stringify(s)).toString('base64url');
    return `${body}.${this.#mac(body)}`;
  }
  decode(value: string | undefined, now: number): DeviceSession | undefined {
    const [body, mac] = (value ?? '').split('.');
    if (!body || !mac || !safeEqual(mac, this.#mac(body))) return undefined;
    try {
      const s = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as DeviceSession;
      return typeof s.sid === 'string' && typeof s.exp === 'number' && s.exp > now ? s : undefined;
    } catch {
      return undefined;
    }
  }
  /** The CSRF token of a session's forms. */
  csrf(s: DeviceSession): string {
    return this.#mac(`csrf:${s.sid}`);
  }
  /** Whether a posted CSRF token is the session's (constant time). */
  csrfMatches(s: DeviceSession, token: string): boolean {
    return safeEqual(token, this.csrf(s));
  }
}

/** Constant-time string comparison (different lengths are unequal at once). */
function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A new anonymous session: a fresh random id, valid DEVICE_SESSION_TTL_MS from `now` (epoch ms). */
export const newDeviceSession = (now: number): DeviceSession => ({
  sid: randomBytes(18).toString('base64url'),
  exp: now + DEVICE_SESSION_TTL_MS,
});
