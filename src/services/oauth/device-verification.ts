import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { verifyCredentials } from '../identity/credentials.ts';
import {
  decideAuthorization,
  findPendingAuthorization,
  formatUserCode,
  recordUserCodeFailure,
  userCodeEntryLocked,
} from './device-flow.ts';

/** A /device page session lives 30 minutes. */
export const DEVICE_SESSION_TTL_MS = 30 * 60_000;

interface Session {
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
  encode(s: Session): string {
    const body = Buffer.from(JSON.stringify(s)).toString('base64url');
    return `${body}.${this.#mac(body)}`;
  }
  decode(value: string | undefined, now: number): Session | undefined {
    const [body, mac] = (value ?? '').split('.');
    if (!body || !mac || !safeEqual(mac, this.#mac(body))) return undefined;
    try {
      const s = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Session;
      return typeof s.sid === 'string' && typeof s.exp === 'number' && s.exp > now ? s : undefined;
    } catch {
      return undefined;
    }
  }
  csrf(s: Session): string {
    return this.#mac(`csrf:${s.sid}`);
  }
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const newSession = (now: number): Session => ({ sid: randomBytes(18).toString('base64url'), exp: now + DEVICE_SESSION_TTL_MS });

/** What the page shows next; the HTML is the route's business (src/http/routes/device-page.ts). */
export type DeviceView =
  | { kind: 'login'; userCode: string; error?: string; expired?: boolean }
  | { kind: 'code'; userName: string; userCode: string; error?: string }
  | { kind: 'confirm'; userName: string; clientId: string; scope: string | null; userCode: string }
  | { kind: 'done'; approved: boolean }
  | { kind: 'locked'; error: string };

/** A step's outcome: the view, its HTTP status, the session cookie value to set, and the CSRF token for its forms. */
export interface DeviceStep {
  status: 200 | 400 | 401 | 403 | 429;
  view: DeviceView;
  session: string;
  csrfToken: string;
}

type Deps = { db: Db; codec: DeviceSessionCodec };

const step = (deps: Deps, s: Session, status: DeviceStep['status'], view: DeviceView): DeviceStep => ({
  status,
  view,
  session: deps.codec.encode(s),
  csrfToken: deps.codec.csrf(s),
});

/**
 * GET /device (RFC 8628 §3.3): the sign-in form, or the user-code form once signed in.
 * @param input.session the cookie value, if any; `userCode` from `verification_uri_complete`.
 */
export function showDevicePage(deps: Deps, input: { session?: string | undefined; userCode: string }, now = Date.now()): DeviceStep {
  const s = deps.codec.decode(input.session, now) ?? newSession(now);
  const userCode = input.userCode.slice(0, 16);
  return s.uid === undefined
    ? step(deps, s, 200, { kind: 'login', userCode })
    : step(deps, s, 200, { kind: 'code', userName: s.uname ?? '', userCode });
}

/** The fields the page's forms post. */
export interface DeviceForm {
  session?: string | undefined;
  csrf_token?: string | undefined;
  step?: string | undefined;
  username?: string | undefined;
  password?: string | undefined;
  user_code?: string | undefined;
}

/**
 * POST /device: one step of the verification (RFC 8628 §3.3): `login` (password through the
 * shared credential check and its lockout; the session id is renewed on success), `code` (find
 * the pending authorization), `approve` / `deny` (record the decision). Wrong user codes are
 * limited per session and per client IP (RFC 8628 §5.1).
 * @returns the next view with its status: 403 for a missing or foreign CSRF token, 401 for wrong
 *   credentials, 400 for a wrong code, 429 when locked.
 */
export async function submitDevicePage(deps: Deps, input: DeviceForm & { ip: string }, now = Date.now()): Promise<DeviceStep> {
  const field = (v: string | undefined) => (v ?? '').slice(0, 200);
  const userCode = field(input.user_code);
  let s = deps.codec.decode(input.session, now);
  if (!s || !safeEqual(field(input.csrf_token), deps.codec.csrf(s))) {
    return step(deps, newSession(now), 403, {
      kind: 'login',
      userCode,
      expired: true,
      error: 'Your session expired or the form was not sent from this page.',
    });
  }
  const action = field(input.step);
  if (action === 'login') {
    try {
      const user = await verifyCredentials(deps.db, { login: field(input.username), password: input.password ?? '', ip: input.ip });
      // a new session id (and so a new CSRF token) once signed in: no session fixation
      s = { ...newSession(now), uid: Number(user.id), uname: user.name ?? user.username ?? user.email ?? String(user.id) };
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const locked = err.code === 'RATE_LIMITED';
      return step(deps, s, locked ? 429 : 401, {
        kind: 'login',
        userCode,
        error: locked
          ? `Too many sign-in attempts; try again in ${err.retryAfterSeconds ?? 60} s.`
          : 'Wrong username or password, or the account is disabled.',
      });
    }
    if (!userCode) return step(deps, s, 200, { kind: 'code', userName: s.uname ?? '', userCode: '' });
  }
  if (s.uid === undefined) return step(deps, s, 401, { kind: 'login', userCode, error: 'Please sign in first.' });

  const keys = { sessionId: s.sid, ip: input.ip };
  if (await userCodeEntryLocked(deps.db, keys, now)) {
    return step(deps, s, 429, { kind: 'locked', error: 'Too many wrong codes were entered. Wait 15 minutes and try again.' });
  }
  if (action === 'login' || action === 'code') {
    const pending = await findPendingAuthorization(deps.db, userCode, now);
    if (!pending) {
      await recordUserCodeFailure(deps.db, keys, now);
      return step(deps, s, 400, { kind: 'code', userName: s.uname ?? '', userCode, error: 'That code is wrong or has expired.' });
    }
    return step(deps, s, 200, {
      kind: 'confirm',
      userName: s.uname ?? '',
      clientId: pending.clientId,
      scope: pending.scope,
      userCode: formatUserCode(pending.userCode),
    });
  }
  if (action === 'approve' || action === 'deny') {
    const done = await decideAuthorization(deps.db, { userCode, userId: s.uid, approve: action === 'approve' }, now);
    if (!done) {
      await recordUserCodeFailure(deps.db, keys, now);
      return step(deps, s, 400, {
        kind: 'code',
        userName: s.uname ?? '',
        userCode: '',
        error: 'That code is no longer waiting for approval.',
      });
    }
    return step(deps, s, 200, { kind: 'done', approved: action === 'approve' });
  }
  return step(deps, s, 400, { kind: 'code', userName: s.uname ?? '', userCode, error: 'Unknown action.' });
}
