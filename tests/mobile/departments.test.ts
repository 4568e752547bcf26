import { Migrator, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrations } from '../../db/migrations/index.ts';
import { migrateToLatest } from '../../src/db/connect.ts';
import { resolveDepartment } from '../../src/services/identity/departments.ts';
import { makeFactory, makeUser, mobileLogin } from '../factories.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';

describe.each(DIALECTS)('department codes on %s', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(dialect);
    await makeFactory(t, 'F1');
  });
  afterEach(() => t.close());

  it('maps codes, display names and aliases to a code; keeps unknown text uncoded', async () => {
    const db = t.deps.db;
    expect(await resolveDepartment(db, 'farming')).toEqual({ department_code: 'farming', department: 'farming' });
    expect(await resolveDepartment(db, ' Processing ')).toEqual({ department_code: 'processing', department: 'Processing' });
    expect(await resolveDepartment(db, '物流部门')).toEqual({ department_code: 'logistics', department: '物流部门' });
    expect(await resolveDepartment(db, '质检')).toEqual({ department_code: 'quality', department: '质检' });
    expect(await resolveDepartment(db, '管理')).toEqual({ department_code: 'management', department: '管理' });
    expect(await resolveDepartment(db, '研发中心')).toEqual({ department_code: null, department: '研发中心' });
    expect(await resolveDepartment(db, '  ')).toEqual({ department_code: null, department: null });
    expect(await resolveDepartment(db, undefined)).toBeUndefined();
  });

  it('activation stores the code; the pending list and the login show code and display name', async () => {
    await makeUser(t, { username: 'sa', role: 'factory_super_admin', factoryId: 'F1' });
    const w = (await makeUser(t, { username: 'w1', role: 'unactivated', factoryId: 'F1' })).id;
    await t.deps.db.updateTable('users').set({ department: '质检' }).where('id', '=', w).execute();
    const admin = await mobileLogin(t, 'sa');
    const pending = await t.call('GET', '/api/users/pending', { token: admin.token });
    // typed before codes existed: shown as typed until a code is given
    expect(pending.body.users[0]).toMatchObject({ username: 'w1', department: null, departmentDisplayName: '质检' });
    const act = await t.call('PUT', `/api/users/${w}/activate`, {
      token: admin.token,
      body: { roleCode: 'operator', department: 'quality' },
    });
    expect(act.status).toBe(200);
    const row = await t.deps.db.selectFrom('users').select(['department_code', 'department']).where('id', '=', w).executeTakeFirstOrThrow();
    expect(row).toEqual({ department_code: 'quality', department: 'quality' });
    const session = await t.call('POST', '/api/mobile/auth/unified-login', { body: { username: 'w1', password: 'Passw0rd!x' } });
    expect(session.body.user).toMatchObject({ department: 'quality', departmentDisplayName: '质量部门' });
    // the back office (spec 001) lists the department by its name
    const me = await t.call('GET', '/api/users/me', { token: session.body.token });
    expect(me.body.data.departments).toEqual(['质量部门']);
  });

  it('the migration maps the free text users already have, and goes back down', async () => {
    const db = t.deps.db;
    const schema = dialect === 'postgres' ? (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]!.s : undefined;
    const migrator = new Migrator({
      db,
      provider: { getMigrations: async () => migrations },
      ...(schema ? { migrationTableSchema: schema } : {}),
    });
    const down = await migrator.migrateTo('2026-12-03-002-order-notifications');
    expect(down.error).toBeUndefined();
    // later migrations (2026-12-11-…) go down first
    expect(down.results?.map((r) => [r.migrationName, r.direction]).slice(-2)).toEqual([
      ['2026-12-10-002-department-codes', 'Down'],
      ['2026-12-10-001-oauth-clients', 'Down'],
    ]);
    const names = ['养殖', '质检部门', 'LOGISTICS', '研发中心', null];
    const now = Date.now();
    for (const [i, department] of names.entries()) {
      await sql`insert into users (factory_id, user_type, username, role, department, created_at, updated_at)
                values ('F1', 'factory', ${`u${i}`}, 'operator', ${department}, ${now}, ${now})`.execute(db);
    }
    await migrateToLatest(db, schema ? { schema } : {});
    const rows = await db.selectFrom('users').select(['username', 'department', 'department_code']).orderBy('username').execute();
    expect(rows.map((r) => [r.department, r.department_code])).toEqual([
      ['养殖', 'farming'],
      ['质检部门', 'quality'],
      ['LOGISTICS', 'logistics'],
      ['研发中心', null],
      [null, null],
    ]);
    // the bootstrap client is gone with its table: only start registers it again
    expect(await db.selectFrom('oauth_clients').selectAll().execute()).toEqual([]);
  });
});
