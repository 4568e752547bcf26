import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { AppDeps } from '../../deps.ts';
import { AppError } from '../../errors.ts';
import { verifyCredentials } from '../../services/identity/credentials.ts';
import {
  decideAuthorization,
  findPendingAuthorization,
  formatUserCode,
  recordUserCodeFailure,
  userCodeEntryLocked,
} from '../../services/oauth/device-flow.ts';
import type { HttpVariables } from '../variables.ts';

type C = Context<{ Variables: HttpVariables }>;

const COOKIE = 'tracehub_device';
const SESSION_TTL_MS = 30 * 60_000;

interface Session {
  /** Random session id: keys the CSRF token and the wrong-code counter. */
  sid: string;
  /** Signed-in user, once the password was checked. */
  uid?: number;
  uname?: string;
  /** Epoch ms. */
  exp: number;
}

/**
 * Session and CSRF for the /device page: the session is a signed cookie (HMAC-SHA256 under a key
 * derived from JWT_SECRET, HttpOnly, SameSite=Strict); every form carries a token bound to the
 * session id (signed synchronizer token), checked in constant time on each POST.
 */
class SessionCodec {
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

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] as string);

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} · tracehub</title>
<style>
body{font-family:system-ui,sans-serif;max-width:26rem;margin:3rem auto;padding:0 1rem;color:#222}
h1{font-size:1.3rem}label{display:block;margin:.8rem 0 .2rem}input{width:100%;padding:.5rem;font-size:1rem;box-sizing:border-box}
button{margin-top:1rem;padding:.55rem 1.2rem;font-size:1rem}.err{color:#b00020}.code{font-family:monospace;font-size:1.4rem;letter-spacing:.15rem}
.row{display:flex;gap:.6rem}
</style></head><body><h1>${esc(title)}</h1>${body}</body></html>`;
}

const errorLine = (msg?: string) => (msg ? `<p class="err" role="alert">${esc(msg)}</p>` : '');

/**
 * GET/POST /device: the RFC 8628 §3.3 verification page. A person signs in with username and
 * password (the shared credential check), enters the user code (dashes and case forgiven), sees
 * which client asks and approves or denies. Wrong user codes are limited per session and per IP.
 */
export function devicePageRoutes(deps: AppDeps): Hono<{ Variables: HttpVariables }> {
  const app = new Hono<{ Variables: HttpVariables }>();
  const codec = new SessionCodec(deps.config.JWT_SECRET);
  const secure = deps.config.PUBLIC_BASE_URL.startsWith('https:');

  function save(c: C, s: Session): void {
    setCookie(c, COOKIE, codec.encode(s), { path: '/device', httpOnly: true, sameSite: 'Strict', secure, maxAge: SESSION_TTL_MS / 1000 });
  }
  function html(c: C, status: 200 | 400 | 401 | 403 | 429, title: string, body: string): Response {
    c.header('Cache-Control', 'no-store');
    c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'");
    c.header('X-Frame-Options', 'DENY');
    return c.html(page(title, body), status);
  }
  const hidden = (s: Session, step: string) =>
    `<input type="hidden" name="csrf_token" value="${codec.csrf(s)}"><input type="hidden" name="step" value="${step}">`;

  const loginForm = (s: Session, userCode: string, error?: string) =>
    `${errorLine(error)}<form method="post" action="/device">${hidden(s, 'login')}
<label for="username">Username or email</label><input id="username" name="username" autocomplete="username" required>
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<label for="user_code">Code shown by your device</label><input id="user_code" name="user_code" value="${esc(userCode)}" autocomplete="off" placeholder="XXXX-XXXX">
<button type="submit">Sign in</button></form>`;
  const codeForm = (s: Session, userCode: string, error?: string) =>
    `<p>Signed in as <strong>${esc(s.uname ?? '')}</strong>.</p>${errorLine(error)}<form method="post" action="/device">${hidden(s, 'code')}
<label for="user_code">Code shown by your device</label><input id="user_code" name="user_code" value="${esc(userCode)}" autocomplete="off" placeholder="XXXX-XXXX" required>
<button type="submit">Continue</button></form>`;

  function newSession(now: number): Session {
    return { sid: randomBytes(18).toString('base64url'), exp: now + SESSION_TTL_MS };
  }

  app.get('/device', (c) => {
    c.set('routePattern', '/device');
    const now = Date.now();
    let s = codec.decode(getCookie(c, COOKIE), now);
    if (!s) {
      s = newSession(now);
      save(c, s);
    }
    const userCode = (c.req.query('user_code') ?? '').slice(0, 16);
    return s.uid === undefined
      ? html(c, 200, 'Sign in to connect a device', loginForm(s, userCode))
      : html(c, 200, 'Connect a device', codeForm(s, userCode));
  });

  app.post('/device', async (c) => {
    c.set('routePattern', '/device');
    const now = Date.now();
    const form = new URLSearchParams(await c.req.text());
    const field = (k: string) => (form.get(k) ?? '').slice(0, 200);
    let s = codec.decode(getCookie(c, COOKIE), now);
    if (!s || !safeEqual(field('csrf_token'), codec.csrf(s))) {
      s = newSession(now);
      save(c, s);
      return html(
        c,
        403,
        'Session expired',
        `<p class="err">Your session expired or the form was not sent from this page.</p>${loginForm(s, field('user_code'))}`,
      );
    }
    const ip = c.get('clientIp');
    const step = field('step');

    if (step === 'login') {
      const limit = await deps.rateLimiter.hit('device.login', `ip:${ip}`, { limit: 10 });
      if (limit.retryAfterSeconds !== undefined) {
        c.header('Retry-After', String(limit.retryAfterSeconds));
        return html(
          c,
          429,
          'Too many attempts',
          `<p class="err">Too many sign-in attempts; try again in ${limit.retryAfterSeconds} s.</p>`,
        );
      }
      try {
        const user = await verifyCredentials(deps.db, { login: field('username'), password: form.get('password') ?? '', ip });
        s = { ...s, uid: Number(user.id), uname: user.name ?? user.username ?? user.email ?? String(user.id) };
        save(c, s);
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        return html(
          c,
          401,
          'Sign in to connect a device',
          loginForm(s, field('user_code'), 'Wrong username or password, or the account is disabled.'),
        );
      }
      if (!field('user_code')) return html(c, 200, 'Connect a device', codeForm(s, ''));
    }
    if (s.uid === undefined) return html(c, 401, 'Sign in to connect a device', loginForm(s, field('user_code'), 'Please sign in first.'));

    const keys = { sessionId: s.sid, ip };
    if (await userCodeEntryLocked(deps.db, keys, now)) {
      return html(c, 429, 'Too many wrong codes', '<p class="err">Too many wrong codes were entered. Wait 15 minutes and try again.</p>');
    }
    const userCode = field('user_code');
    if (step === 'login' || step === 'code') {
      const pending = await findPendingAuthorization(deps.db, userCode, now);
      if (!pending) {
        await recordUserCodeFailure(deps.db, keys, now);
        return html(c, 400, 'Connect a device', codeForm(s, userCode, 'That code is wrong or has expired.'));
      }
      const shown = formatUserCode(pending.userCode);
      const decide = (step: 'approve' | 'deny', label: string) =>
        `<form method="post" action="/device">${hidden(s as Session, step)}<input type="hidden" name="user_code" value="${shown}"><button type="submit">${label}</button></form>`;
      return html(
        c,
        200,
        'Allow access?',
        `<p><strong>${esc(pending.clientId)}</strong> asks to access your tracehub account (signed in as <strong>${esc(s.uname ?? '')}</strong>)${
          pending.scope ? ` with scope <code>${esc(pending.scope)}</code>` : ''
        }.</p><p>Code: <span class="code">${shown}</span> — check that your device shows the same code.</p>
<div class="row">${decide('approve', 'Allow')}${decide('deny', 'Deny')}</div>`,
      );
    }
    if (step === 'approve' || step === 'deny') {
      const done = await decideAuthorization(deps.db, { userCode, userId: s.uid, approve: step === 'approve' }, now);
      if (!done) {
        await recordUserCodeFailure(deps.db, keys, now);
        return html(c, 400, 'Connect a device', codeForm(s, '', 'That code is no longer waiting for approval.'));
      }
      return step === 'approve'
        ? html(c, 200, 'Device connected', '<p>Access granted. You can return to your device.</p>')
        : html(c, 200, 'Access denied', '<p>The request was denied. Your device will not get access.</p>');
    }
    return html(c, 400, 'Connect a device', codeForm(s, userCode, 'Unknown action.'));
  });

  return app;
}
