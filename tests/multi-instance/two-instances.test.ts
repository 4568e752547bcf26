import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_BACKOFFICE_ADMIN } from '../../db/seed/admin.ts';
import { type Answer, type Cluster, type Instance, startCluster } from './cluster.ts';

const databaseUrl = process.env.TEST_DATABASE_URL;
const redisUrl = process.env.TEST_REDIS_URL;
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
const form = (o: Record<string, string>) => new URLSearchParams(o).toString();
const { username, password } = DEMO_BACKOFFICE_ADMIN;

/**
 * Issue 13 item 8: what one instance does, the other sees. Needs Postgres and Redis (the
 * scale-out deployment); skipped in runs without TEST_DATABASE_URL and TEST_REDIS_URL.
 */
describe.skipIf(!databaseUrl || !redisUrl)('two instances on one Postgres, Redis and S3', () => {
  let c: Cluster;
  let a: Instance;
  let b: Instance;
  beforeAll(async () => {
    c = await startCluster(databaseUrl as string, redisUrl as string);
    ({ a, b } = c);
  }, 120_000);
  afterAll(() => c?.stop(), 30_000);

  const adminLogin = async (on: Instance) => {
    const res = await on.call('POST', '/api/login', { body: { username, password } });
    expect(res.status, res.text).toBe(200);
    return res.body.data as { token: string; refresh_token: string };
  };

  it('serves a file uploaded through one instance from the other', async () => {
    const { token } = await adminLogin(a);
    const contract = await a.call('POST', '/api/contracts', {
      token,
      body: { contract_type: '产品销售', contract_number: `MI-${randomBytes(3).toString('hex')}`, pricing_method: 'weight' },
    });
    expect(contract.status, contract.text).toBe(201);
    const content = new Uint8Array(randomBytes(256 * 1024));
    const upload = new FormData();
    upload.set('related_type', 'contract');
    upload.set('related_id', String(contract.body.data.id));
    upload.set('file', new Blob([content], { type: 'application/pdf' }), '检验报告.pdf');
    const up = await a.call('POST', '/api/attachments', { token, body: upload });
    expect(up.status, up.text).toBe(201);

    const dl = await fetch(`${b.base}/api/attachments/${up.body.data.id}/download`, { headers: { authorization: `Bearer ${token}` } });
    expect(dl.status).toBe(200);
    expect(dl.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await dl.arrayBuffer()).equals(Buffer.from(content))).toBe(true);
    expect(c.s3.requests.some((r) => r.method === 'GET' && r.path.startsWith(`/${c.s3.bucket}/attachments/`))).toBe(true);
  });

  it('completes on one instance a device flow started on the other', async () => {
    const started = await a.call('POST', '/oauth/device', { body: form({ client_id: 'bi-cli-prod' }), headers: FORM });
    expect(started.status, started.text).toBe(200);
    const { device_code, user_code } = started.body as { device_code: string; user_code: string };

    // the browser's requests land on either instance: page on A, sign-in on B, approval on A
    const browser = { cookie: '', csrf: '' };
    const remember = (res: Answer) => {
      const set = res.headers.getSetCookie()[0];
      if (set) browser.cookie = set.split(';')[0] as string;
      const m = /name="csrf_token" value="([^"]+)"/.exec(res.text);
      if (m?.[1]) browser.csrf = m[1];
      return res;
    };
    const post = (on: Instance, fields: Record<string, string>) =>
      on
        .call('POST', '/device', { body: form({ csrf_token: browser.csrf, ...fields }), headers: { ...FORM, cookie: browser.cookie } })
        .then(remember);
    expect(remember(await a.call('GET', `/device?user_code=${user_code}`)).status).toBe(200);
    const signedIn = await post(b, { step: 'login', username, password, user_code });
    expect(signedIn.status).toBe(200);
    expect(signedIn.text).toContain('bi-cli-prod');
    expect((await post(a, { step: 'approve', user_code })).status).toBe(200);

    const token = await b.call('POST', '/oauth/token', {
      body: form({ grant_type: DEVICE_GRANT, device_code, client_id: 'bi-cli-prod' }),
      headers: FORM,
    });
    expect(token.status, token.text).toBe(200);
    expect(token.body.access_token).toEqual(expect.any(String));
    const replay = await a.call('POST', '/oauth/token', {
      body: form({ grant_type: DEVICE_GRANT, device_code, client_id: 'bi-cli-prod' }),
      headers: FORM,
    });
    expect(replay.status).toBe(400);
  });

  it('counts a rate limit across both instances', async () => {
    // a client address of this run only: Redis keeps counters between runs
    const headers = { 'x-forwarded-for': `2001:db8::${randomBytes(2).toString('hex')}:${randomBytes(2).toString('hex')}` };
    const statuses: number[] = [];
    // POST /api/mobile/activation/activate: 10 per minute per client
    for (let i = 0; i < 11; i++) {
      const on = i % 2 === 0 ? a : b;
      const res = await on.call('POST', '/api/mobile/activation/activate', { body: {}, headers });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 10).every((s) => s !== 429)).toBe(true);
    expect(statuses[10]).toBe(429);
  });

  it('refuses on one instance a refresh token rotated on the other', async () => {
    const first = await adminLogin(a);
    const rotated = await a.call('POST', '/api/refresh-token', { body: { refresh_token: first.refresh_token } });
    expect(rotated.status, rotated.text).toBe(200);
    const reused = await b.call('POST', '/api/refresh-token', { body: { refresh_token: first.refresh_token } });
    expect(reused.status).toBe(401);
    // reuse of a spent token revokes its family: the new one is refused too
    const successor = await b.call('POST', '/api/refresh-token', { body: { refresh_token: rotated.body.data.refresh_token } });
    expect(successor.status).toBe(401);
  });

  // the per-user token epoch (issue 13 item 4)
  it('revokes on one instance the access tokens of a password changed on the other', async () => {
    const login = await a.call('POST', '/api/mobile/auth/unified-login', {
      body: { username: 'farming_admin', password: 'DeptAdmin@123' },
    });
    expect(login.status, login.text).toBe(200);
    const token = login.body.token as string;
    expect((await b.call('GET', '/api/mobile/auth/profile', { token })).status).toBe(200);
    const changed = await a.call('PUT', '/api/auth/password', {
      token,
      body: { oldPassword: 'DeptAdmin@123', newPassword: 'NewPassw0rd!x' },
    });
    expect(changed.status, changed.text).toBe(200);
    const after = await b.call('GET', '/api/mobile/auth/profile', { token });
    expect(after.status).toBe(401);
  });
});
