import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDeviceAuthorization } from '../../src/services/identity/oauth/device-authorization.ts';
import { type DeviceStep, showDevicePage, submitDevicePage } from '../../src/services/identity/oauth/device-page.ts';
import { DeviceSessionCodec } from '../../src/services/identity/oauth/device-session.ts';
import { biCast, PASSWORD } from '../factories.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';

/** The /device page's state machine as a service: each step answers a view model, no HTML (issue 10). */
describe.each(DIALECTS)('/device page steps on %s', (dialect) => {
  let t: TestApp;
  let m1: number;
  const codec = new DeviceSessionCodec('device page steps test secret');
  const ip = '203.0.113.7';
  beforeEach(async () => {
    t = await createTestApp(dialect);
    m1 = (await biCast(t)).m1.id;
  });
  afterEach(() => t.close());

  const deps = () => ({ db: t.deps.db, codec });
  /** Posts a form as the page would: with the session and the CSRF token of the previous step. */
  const post = (prev: DeviceStep, fields: Record<string, string>) =>
    submitDevicePage(deps(), { session: prev.session, csrf_token: prev.csrfToken, ip, ...fields });
  const signedIn = async () => post(showDevicePage(deps(), { userCode: '' }), { step: 'login', username: 'm1owner', password: PASSWORD });
  const pendingCode = async () => (await startDeviceAuthorization(t.deps, { clientId: 'bi-cli-prod', scope: 'read' })).user_code;

  it('shows the sign-in form first, the code form once signed in', async () => {
    const first = showDevicePage(deps(), { userCode: 'WDJB-MJHT-and-far-too-long' });
    expect(first).toMatchObject({ status: 200, view: { kind: 'login', userCode: 'WDJB-MJHT-and-fa' } });
    const after = await signedIn();
    expect(after).toMatchObject({ status: 200, view: { kind: 'code', userName: 'M1OWNER', userCode: '' } });
    expect(codec.decode(after.session, Date.now())?.sid).not.toBe(codec.decode(first.session, Date.now())?.sid);
    expect(showDevicePage(deps(), { session: after.session, userCode: 'X' }).view).toEqual({
      kind: 'code',
      userName: 'M1OWNER',
      userCode: 'X',
    });
  });

  it('refuses a foreign CSRF token, wrong credentials and steps before sign-in', async () => {
    const first = showDevicePage(deps(), { userCode: '' });
    const forged = await submitDevicePage(deps(), { session: first.session, csrf_token: 'forged', step: 'code', user_code: 'A', ip });
    expect(forged).toMatchObject({ status: 403, view: { kind: 'login', expired: true, userCode: 'A' } });
    expect(await post(first, { step: 'login', username: 'm1owner', password: 'wrong' })).toMatchObject({
      status: 401,
      view: { kind: 'login', error: 'Wrong username or password, or the account is disabled.' },
    });
    expect(await post(first, { step: 'code', user_code: 'A' })).toMatchObject({
      status: 401,
      view: { kind: 'login', error: 'Please sign in first.' },
    });
  });

  it('walks code → confirm → approve, and records the decision', async () => {
    const userCode = await pendingCode();
    const home = await signedIn();
    expect(await post(home, { step: 'code', user_code: 'BBBB-CCCC' })).toMatchObject({
      status: 400,
      view: { kind: 'code', userCode: 'BBBB-CCCC', error: 'That code is wrong or has expired.' },
    });
    const confirm = await post(home, { step: 'code', user_code: userCode.toLowerCase().replace('-', ' ') });
    expect(confirm).toMatchObject({
      status: 200,
      view: { kind: 'confirm', userName: 'M1OWNER', clientId: 'bi-cli-prod', scope: 'read', userCode },
    });
    expect(await post(confirm, { step: 'fly', user_code: userCode })).toMatchObject({ status: 400, view: { error: 'Unknown action.' } });
    expect(await post(confirm, { step: 'approve', user_code: userCode })).toMatchObject({
      status: 200,
      view: { kind: 'done', approved: true },
    });
    const row = await t.deps.db.selectFrom('oauth_device_codes').select(['status', 'user_id']).executeTakeFirstOrThrow();
    expect({ status: row.status, userId: Number(row.user_id) }).toEqual({ status: 'approved', userId: m1 });
    expect(await post(confirm, { step: 'deny', user_code: userCode })).toMatchObject({
      status: 400,
      view: { kind: 'code', userCode: '', error: 'That code is no longer waiting for approval.' },
    });
  });

  it('signs in and looks the code up in one step, then locks after five wrong codes', async () => {
    const userCode = await pendingCode();
    const first = showDevicePage(deps(), { userCode });
    const confirm = await post(first, { step: 'login', username: 'm1owner', password: PASSWORD, user_code: userCode });
    expect(confirm.view.kind).toBe('confirm');
    for (let i = 0; i < 5; i++) expect((await post(confirm, { step: 'code', user_code: 'DDDD-FFFF' })).status).toBe(400);
    expect(await post(confirm, { step: 'code', user_code: userCode })).toMatchObject({ status: 429, view: { kind: 'locked' } });
  });
});
