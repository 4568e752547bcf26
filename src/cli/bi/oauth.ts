/** The OAuth side of `bi`: RFC 8628 device login, RFC 6749 §6 refresh, GETs with the stored token. */
import { type Credentials, loadCredentials, saveCredentials } from './credentials.ts';
import { CliError, type CliIo } from './io.ts';

const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

async function postForm(io: CliIo, url: string, form: Record<string, string>): Promise<{ status: number; body: any }> {
  const res = await io.fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams(form).toString(),
  });
  return { status: res.status, body: await res.json().catch(() => ({})) };
}

/** Credentials from a token response (`access_token`, `refresh_token`, `expires_in` seconds). */
const fromToken = (server: string, clientId: string, body: any): Credentials => ({
  server,
  client_id: clientId,
  access_token: body.access_token,
  refresh_token: body.refresh_token,
  expires_at: Date.now() + Number(body.expires_in) * 1000,
});

/**
 * RFC 8628 §3.1–3.5 from the device side: show the code, poll at the interval, back off on slow_down.
 * @throws CliError when the request is denied, the code expires or the server refuses.
 */
export async function login(io: CliIo, server: string, clientId: string): Promise<Credentials> {
  const start = await postForm(io, `${server}/oauth/device`, { client_id: clientId });
  if (start.status !== 200)
    throw new CliError(`device authorization failed: ${start.body.error ?? start.status} ${start.body.error_description ?? ''}`);
  const { device_code, user_code, verification_uri, verification_uri_complete, expires_in } = start.body;
  let interval = Number(start.body.interval ?? 5);
  io.out(`Open ${verification_uri} and enter the code ${user_code}`);
  io.out(`(or open ${verification_uri_complete})`);
  const deadline = Date.now() + Number(expires_in) * 1000;
  while (Date.now() < deadline) {
    await io.sleep(interval * 1000);
    const r = await postForm(io, `${server}/oauth/token`, { grant_type: DEVICE_GRANT, device_code, client_id: clientId });
    if (r.status === 200) return fromToken(server, clientId, r.body);
    switch (r.body.error) {
      case 'authorization_pending':
        continue;
      case 'slow_down':
        interval += 5;
        continue;
      case 'access_denied':
        throw new CliError('the request was denied in the browser');
      case 'expired_token':
        throw new CliError('the code expired; run `bi login` again');
      default:
        throw new CliError(`login failed: ${r.body.error ?? r.status} ${r.body.error_description ?? ''}`);
    }
  }
  throw new CliError('the code expired; run `bi login` again');
}

/** Trades the refresh token for new tokens and stores them. @throws CliError when refused. */
async function refresh(io: CliIo, c: Credentials): Promise<Credentials> {
  const r = await postForm(io, `${c.server}/oauth/token`, {
    grant_type: 'refresh_token',
    refresh_token: c.refresh_token,
    client_id: c.client_id,
  });
  if (r.status !== 200) throw new CliError('session expired; run `bi login`');
  const next = fromToken(c.server, c.client_id, r.body);
  await saveCredentials(io, next);
  return next;
}

/**
 * GET `path?query` (undefined values left out) on the stored server with the stored access token:
 * refreshed a minute before expiry, and once more on a 401. Returns the parsed JSON body.
 * @throws CliError when not logged in or the answer is not 2xx (status and the body's message).
 */
export async function apiGet(io: CliIo, path: string, query: Record<string, string | undefined>): Promise<any> {
  let c = await loadCredentials(io);
  if (!c) throw new CliError('not logged in; run `bi login`');
  if (c.expires_at - 60_000 < Date.now()) c = await refresh(io, c);
  const qs = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined)).toString();
  const url = `${c.server}${path}${qs ? `?${qs}` : ''}`;
  const get = (token: string) => io.fetch(url, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
  let res = await get(c.access_token);
  if (res.status === 401) {
    c = await refresh(io, c);
    res = await get(c.access_token);
  }
  const body: any = await res.json().catch(() => ({}));
  if (!res.ok) throw new CliError(`${res.status} ${body.message ?? body.error_description ?? body.error ?? ''}`.trim());
  return body;
}
