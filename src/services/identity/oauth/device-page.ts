/** The /device page's state machine (RFC 8628 §3.3): each step returns the view model the Hono route renders. */
import type { Db } from '../../../db/connect.ts';
import { AppError } from '../../../errors.ts';
import { verifyCredentials } from '../credentials.ts';
import { decideAuthorization, findPendingAuthorization, recordUserCodeFailure, userCodeEntryLocked } from './code-verification.ts';
import { formatUserCode } from './device-codes.ts';
import { type DeviceSession, type DeviceSessionCodec, newDeviceSession } from './device-session.ts';

/**
 * The /device page's view model: which screen comes next, with its fields and message. The HTML
 * is the route's business (src/http/routes/device-page.ts renders each kind).
 * - `login`: the sign-in form (`expired` when the session or CSRF token did not hold);
 * - `code`: the user-code form for a signed-in user;
 * - `confirm`: approve or deny the client's request;
 * - `done`: the decision is recorded;
 * - `locked`: too many wrong codes (RFC 8628 §5.1).
 */
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

const step = (deps: Deps, s: DeviceSession, status: DeviceStep['status'], view: DeviceView): DeviceStep => ({
  status,
  view,
  session: deps.codec.encode(s),
  csrfToken: deps.codec.csrf(s),
});

/** The user-code form of a signed-in session, with an error when the last entry failed. */
const codeView = (s: DeviceSession, userCode: string, error?: string): DeviceView => ({
  kind: 'code',
  userName: s.uname ?? '',
  userCode,
  ...(error === undefined ? {} : { error }),
});

/**
 * GET /device (RFC 8628 §3.3): the sign-in form, or the user-code form once signed in.
 * @param input.session the cookie value, if any; `userCode` from `verification_uri_complete`.
 */
export function showDevicePage(deps: Deps, input: { session?: string | undefined; userCode: string }, now = Date.now()): DeviceStep {
  const s = deps.codec.decode(input.session, now) ?? newDeviceSession(now);
  const userCode = input.userCode.slice(0, 16);
  return s.uid === undefined ? step(deps, s, 200, { kind: 'login', userCode }) : step(deps, s, 200, codeView(s, userCode));
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

/** A posted field, cut to 200 characters. */
const field = (v: string | undefined) => (v ?? '').slice(0, 200);

/**
 * POST /device: one step of the verification (RFC 8628 §3.3): `login` (password through the
 * shared credential check and its lockout; the session id is renewed on success), `code` (find
 * the pending authorization), `approve` / `deny` (record the decision). Wrong user codes are
 * limited per session and per client IP (RFC 8628 §5.1).
 * @param input the form fields, the session cookie value and the client IP.
 * @returns the next view with its status: 403 for a missing or foreign CSRF token, 401 for wrong
 *   credentials or no sign-in yet, 400 for a wrong code or unknown step, 429 when locked.
 * @throws only unexpected faults (database down).
 */
export async function submitDevicePage(deps: Deps, input: DeviceForm & { ip: string }, now = Date.now()): Promise<DeviceStep> {
  const userCode = field(input.user_code);
  const s = deps.codec.decode(input.session, now);
  if (!s || !deps.codec.csrfMatches(s, field(input.csrf_token))) {
    return step(deps, newDeviceSession(now), 403, {
      kind: 'login',
      userCode,
      expired: true,
      error: 'Your session expired or the form was not sent from this page.',
    });
  }
  const action = field(input.step);
  if (action === 'login') return signIn(deps, s, input, userCode, now);
  return signedInStep(deps, s, action, { userCode, ip: input.ip }, now);
}

/**
 * The `login` step: checks the password (verifyCredentials, with its lockout), renews the
 * session id (no session fixation), then goes on to the code the form carried, if any.
 */
async function signIn(
  deps: Deps,
  s: DeviceSession,
  input: DeviceForm & { ip: string },
  userCode: string,
  now: number,
): Promise<DeviceStep> {
  let signedIn: DeviceSession;
  try {
    const user = await verifyCredentials(deps.db, { login: field(input.username), password: input.password ?? '', ip: input.ip });
    signedIn = { ...newDeviceSession(now), uid: Number(user.id), uname: user.name ?? user.username ?? user.email ?? String(user.id) };
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
  if (!userCode) return step(deps, signedIn, 200, codeView(signedIn, ''));
  return signedInStep(deps, signedIn, 'login', { userCode, ip: input.ip }, now);
}

/** The steps that need a signed-in, not locked-out session: `code` (and `login` with a code), `approve`, `deny`. */
async function signedInStep(
  deps: Deps,
  s: DeviceSession,
  action: string,
  input: { userCode: string; ip: string },
  now: number,
): Promise<DeviceStep> {
  const { userCode } = input;
  if (s.uid === undefined) return step(deps, s, 401, { kind: 'login', userCode, error: 'Please sign in first.' });
  const keys = { sessionId: s.sid, ip: input.ip };
  if (await userCodeEntryLocked(deps.db, keys, now)) {
    return step(deps, s, 429, { kind: 'locked', error: 'Too many wrong codes were entered. Wait 15 minutes and try again.' });
  }
  if (action === 'login' || action === 'code') {
    const pending = await findPendingAuthorization(deps.db, userCode, now);
    if (!pending) {
      await recordUserCodeFailure(deps.db, keys, now);
      return step(deps, s, 400, codeView(s, userCode, 'That code is wrong or has expired.'));
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
      return step(deps, s, 400, codeView(s, '', 'That code is no longer waiting for approval.'));
    }
    return step(deps, s, 200, { kind: 'done', approved: action === 'approve' });
  }
  return step(deps, s, 400, codeView(s, userCode, 'Unknown action.'));
}
