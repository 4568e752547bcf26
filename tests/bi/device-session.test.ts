import { afterEach, describe, expect, it } from 'vitest';
import { biCast, PASSWORD } from '../factories.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { PRODUCTION } from '../helpers/env.ts';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const form = (o: Record<string, string>) => new URLSearchParams(o).toString();

/** The session cookie's value, its attributes (lower-cased names), and the page's CSRF token. */
function sessionOf(res: { headers: Headers; text: string }) {
  const [pair, ...attrs] = (res.headers.get('set-cookie') ?? '').split(';').map((s) => s.trim());
  const value = (pair as string).slice((pair as string).indexOf('=') + 1);
  const sid = JSON.parse(Buffer.from(value.split('.')[0] as string, 'base64url').toString()).sid as string;
  return {
    cookie: pair as string,
    sid,
    attributes: attrs.map((a) => a.toLowerCase()),
    csrf: /name="csrf_token" value="([^"]+)"/.exec(res.text)?.[1] as string,
  };
}

/** Issue 13 item 5: the /device page's session (RFC 6265 attributes, OWASP session management). */
describe.each(DIALECTS)('/device session on %s', (dialect) => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });
  const app = async (env: Record<string, string> = {}) => {
    await t?.close();
    t = undefined;
    t = await createTestApp(dialect, { env });
    return t;
  };

  const post = (t: TestApp, cookie: string, fields: Record<string, string>) =>
    t.call('POST', '/device', { body: form(fields), headers: { ...FORM, cookie } });

  it('issues a new session id and CSRF token at sign-in; the pre-sign-in token no longer works', async () => {
    const t = await app();
    await biCast(t);
    const anonymous = sessionOf(await t.call('GET', '/device'));
    const signedIn = await post(t, anonymous.cookie, {
      csrf_token: anonymous.csrf,
      step: 'login',
      username: 'm1owner',
      password: PASSWORD,
    });
    expect(signedIn.status, signedIn.text).toBe(200);
    const after = sessionOf(signedIn);
    expect(after.sid).not.toBe(anonymous.sid);
    expect(after.csrf).not.toBe(anonymous.csrf);
    expect(after.cookie).not.toBe(anonymous.cookie);
    // the CSRF token of the anonymous page is refused with the signed-in session
    const stale = await post(t, after.cookie, { csrf_token: anonymous.csrf, step: 'code', user_code: 'BCDF-GHJK' });
    expect(stale.status).toBe(403);
    const fresh = await post(t, after.cookie, { csrf_token: after.csrf, step: 'code', user_code: 'BCDF-GHJK' });
    expect(fresh.status).toBe(400); // accepted as a form; the code is just wrong
    // a failed sign-in keeps the anonymous session (nothing to fix on the attacker's side)
    const failed = await post(t, anonymous.cookie, { csrf_token: anonymous.csrf, step: 'login', username: 'm1owner', password: 'nope' });
    expect(failed.status).toBe(401);
    expect(sessionOf(failed).sid).toBe(anonymous.sid);
  });

  it('sets HttpOnly, SameSite=Strict and Path=/device; Secure only over https or in production', async () => {
    const dev = sessionOf(await (await app()).call('GET', '/device'));
    expect(dev.attributes).toEqual(expect.arrayContaining(['httponly', 'samesite=strict', 'path=/device']));
    expect(dev.attributes.some((a) => a.startsWith('max-age='))).toBe(true);
    expect(dev.attributes).not.toContain('secure');
    const https = await (await app({ PUBLIC_BASE_URL: 'https://auth.example.test' })).call('GET', '/device');
    expect(sessionOf(https).attributes).toContain('secure');
    const prod = await (await app(PRODUCTION)).call('GET', '/device');
    expect(prod.status).toBe(200);
    expect(sessionOf(prod).attributes).toEqual(expect.arrayContaining(['secure', 'httponly', 'samesite=strict']));
    // the answer is never cached, nor framed
    expect(prod.headers.get('cache-control')).toBe('no-store');
    expect(prod.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });
});
