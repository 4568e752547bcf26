import type { Kysely } from 'kysely';
import type { Database } from '../database.ts';

/**
 * Spec 002 "测试账号" in the demo factory, and the activation codes it lists (demo data only).
 * `department` is a department code (migration 2026-12-10-002), as the Cretas app expects.
 */
export const MOBILE_DEMO_ACCOUNTS = [
  { username: 'factory_admin', password: 'SuperAdmin@123', role: 'factory_super_admin', name: '工厂超级管理员', department: null },
  { username: 'farming_admin', password: 'DeptAdmin@123', role: 'department_admin', name: '养殖部门管理员', department: 'farming' },
  { username: 'processing_admin', password: 'DeptAdmin@123', role: 'department_admin', name: '加工部门管理员', department: 'processing' },
  { username: 'logistics_admin', password: 'DeptAdmin@123', role: 'department_admin', name: '物流部门管理员', department: 'logistics' },
] as const;
export const DEMO_ACTIVATION_CODES = ['DEV_TEST_2024', 'HEINIU_MOBILE_2024', 'PROD_ACTIVATION'] as const;

/**
 * The factory accounts and activation codes of spec 002, in the demo factory (which, with
 * `platform_admin`, seedDemo already created).
 * @param hashPassword the application's password KDF.
 */
export async function seedMobile(db: Kysely<Database>, factoryId: string, hashPassword: (pw: string) => Promise<string>): Promise<void> {
  const now = Date.now();
  for (const a of MOBILE_DEMO_ACCOUNTS) {
    await db
      .insertInto('users')
      .values({
        user_type: 'factory',
        factory_id: factoryId,
        username: a.username,
        email: `${a.username}@example.com`,
        name: a.name,
        role: a.role,
        department_code: a.department,
        password_hash: await hashPassword(a.password),
        created_at: now,
        updated_at: now,
      })
      .execute();
  }
  await db
    .insertInto('activation_codes')
    .values(
      DEMO_ACTIVATION_CODES.map((code) => ({ code, description: 'spec 002 demo code', max_uses: 1000, expires_at: null, created_at: now })),
    )
    .execute();
}
