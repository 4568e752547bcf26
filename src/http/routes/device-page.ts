import type { Context } from 'hono';
import { Hono } from 'hono';
import { setCookie } from 'hono/cookie';
import type { AppDeps } from '../../deps.ts';
import type { createRestHandler } from '../../edge/rest.ts';
import type { DeviceStep, DeviceView } from '../../services/identity/oauth/device-page.ts';
import { DEVICE_COOKIE, DEVICE_SESSION_TTL_MS } from '../../services/identity/oauth/device-session.ts';
import type { HttpVariables } from '../variables.ts';

type C = Context<{ Variables: HttpVariables }>;

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

/** The HTML of a view model (src/services/identity/oauth/device-page.ts); forms carry the step's CSRF token. */
function renderView(view: DeviceView, csrf: string): { title: string; body: string } {
  const hidden = (step: string) =>
    `<input type="hidden" name="csrf_token" value="${esc(csrf)}"><input type="hidden" name="step" value="${step}">`;
  switch (view.kind) {
    case 'login':
      return {
        title: view.expired ? 'Session expired' : 'Sign in to connect a device',
        body: `${errorLine(view.error)}<form method="post" action="/device">${hidden('login')}
<label for="username">Username or email</label><input id="username" name="username" autocomplete="username" required>
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<label for="user_code">Code shown by your device</label><input id="user_code" name="user_code" value="${esc(view.userCode)}" autocomplete="off" placeholder="XXXX-XXXX">
<button type="submit">Sign in</button></form>`,
      };
    case 'code':
      return {
        title: 'Connect a device',
        body: `<p>Signed in as <strong>${esc(view.userName)}</strong>.</p>${errorLine(view.error)}<form method="post" action="/device">${hidden('code')}
<label for="user_code">Code shown by your device</label><input id="user_code" name="user_code" value="${esc(view.userCode)}" autocomplete="off" placeholder="XXXX-XXXX" required>
<button type="submit">Continue</button></form>`,
      };
    case 'confirm': {
      const decide = (step: 'approve' | 'deny', label: string) =>
        `<form method="post" action="/device">${hidden(step)}<input type="hidden" name="user_code" value="${esc(view.userCode)}"><button type="submit">${label}</button></form>`;
      return {
        title: 'Allow access?',
        body: `<p><strong>${esc(view.clientId)}</strong> asks to access your tracehub account (signed in as <strong>${esc(view.userName)}</strong>)${
          view.scope ? ` with scope <code>${esc(view.scope)}</code>` : ''
        }.</p><p>Code: <span class="code">${esc(view.userCode)}</span> — check that your device shows the same code.</p>
<div class="row">${decide('approve', 'Allow')}${decide('deny', 'Deny')}</div>`,
      };
    }
    case 'done':
      return view.approved
        ? { title: 'Device connected', body: '<p>Access granted. You can return to your device.</p>' }
        : { title: 'Access denied', body: '<p>The request was denied. Your device will not get access.</p>' };
    case 'locked':
      return { title: 'Too many wrong codes', body: `<p class="err">${esc(view.error)}</p>` };
  }
}

/**
 * GET/POST /device: the RFC 8628 §3.3 verification page. The route only moves the transport
 * (cookie, form) in and renders HTML out; the steps are the `auth.oauth.devicePage` /
 * `deviceSubmit` operations, run through the edge's pipeline (rate limits, errors).
 */
export function devicePageRoutes(deps: AppDeps, edge: ReturnType<typeof createRestHandler>): Hono<{ Variables: HttpVariables }> {
  const app = new Hono<{ Variables: HttpVariables }>();
  const secure = deps.config.NODE_ENV === 'production' || deps.config.PUBLIC_BASE_URL.startsWith('https:');

  const respond = (c: C, s: DeviceStep): Response => {
    setCookie(c, DEVICE_COOKIE, s.session, {
      path: '/device',
      httpOnly: true,
      sameSite: 'Strict',
      secure,
      maxAge: DEVICE_SESSION_TTL_MS / 1000,
    });
    c.header('Cache-Control', 'no-store');
    c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'");
    c.header('X-Frame-Options', 'DENY');
    const { title, body } = renderView(s.view, s.csrfToken);
    return c.html(page(title, body), s.status);
  };

  app.get('/device', async (c) => {
    const r = await edge.invoke(c, 'auth.oauth.devicePage');
    return r.ok ? respond(c, r.output as DeviceStep) : r.response;
  });
  app.post('/device', async (c) => {
    const r = await edge.invoke(c, 'auth.oauth.deviceSubmit');
    return r.ok ? respond(c, r.output as DeviceStep) : r.response;
  });
  return app;
}
