import { hashPassword } from '../../src/services/identity/passwords.ts';
import type { TestApp } from '../helpers/app.ts';

export const PASSWORD = 'Passw0rd!x';

/** A factory row. */
export async function makeFactory(t: TestApp, id: string): Promise<void> {
  await t.deps.db
    .insertInto('factories')
    .values({
      id,
      name: `工厂 ${id}`,
      industry: null,
      address: null,
      contact_name: null,
      contact_phone: null,
      contact_email: null,
      created_at: Date.now(),
    })
    .execute();
}

/** A user straight in the database; returns its id. */
export async function makeUser(
  t: TestApp,
  u: { username: string; role: string; factoryId?: string | null; userType?: 'platform' | 'factory'; phone?: string; password?: string },
): Promise<number> {
  const now = Date.now();
  const row = await t.deps.db
    .insertInto('users')
    .values({
      user_type: u.userType ?? (u.factoryId ? 'factory' : 'platform'),
      factory_id: u.factoryId ?? null,
      username: u.username,
      email: null,
      phone: u.phone ?? null,
      name: u.username,
      role: u.role,
      password_hash: await hashPassword(u.password ?? PASSWORD),
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** unified-login; throws with the body when it fails. */
export async function login(t: TestApp, username: string, password = PASSWORD) {
  const res = await t.call('POST', '/api/mobile/auth/unified-login', { body: { username, password } });
  if (res.status !== 200) throw new Error(`login ${username} failed: ${res.text}`);
  return res.body as {
    token: string;
    refreshToken: string;
    user: { id: number; role: string; permissions: string[]; department: string | null; departmentDisplayName: string | null };
  };
}
