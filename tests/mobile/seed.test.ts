import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_FACTORY_ID, seedDemo } from '../../db/seed/demo.ts';
import { hashPassword } from '../../src/services/identity/passwords.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';

describe.each(DIALECTS)('spec 002 demo data on %s', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(dialect);
    await seedDemo(t.deps.db, hashPassword);
  });
  afterEach(() => t.close());

  it('has the spec 002 test accounts and activation codes', async () => {
    const p = await t.call('POST', '/api/auth/platform-login', { body: { username: 'platform_admin', password: 'Admin@123456' } });
    expect(p.status).toBe(200);
    const f = await t.call('POST', '/api/auth/login', {
      body: { factoryId: DEMO_FACTORY_ID, username: 'factory_admin', password: 'SuperAdmin@123' },
    });
    expect(f.status).toBe(200);
    expect(f.body.user.role).toBe('factory_super_admin');
    for (const [u, department, departmentDisplayName] of [
      ['farming_admin', 'farming', '养殖部门'],
      ['processing_admin', 'processing', '加工部门'],
      ['logistics_admin', 'logistics', '物流部门'],
    ]) {
      const r = await t.call('POST', '/api/mobile/auth/unified-login', { body: { username: u, password: 'DeptAdmin@123' } });
      expect(r.status, u).toBe(200);
      // the Cretas backend's test-login-routes.js: role || roleCode, and the department code
      expect(r.body.user).toMatchObject({ role: 'department_admin', roleCode: 'department_admin', department, departmentDisplayName });
    }
    for (const code of ['DEV_TEST_2024', 'HEINIU_MOBILE_2024', 'PROD_ACTIVATION']) {
      const r = await t.call('POST', '/api/mobile/activation/activate', {
        body: { activationCode: code, deviceInfo: { deviceId: 'demo-device' } },
      });
      expect(r.status, code).toBe(200);
    }
  });
});
