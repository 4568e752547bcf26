import type { UserType } from '../../db/database.ts';
import { hashPassword } from '../../src/services/identity/passwords.ts';
import type { TestApp } from '../helpers/app.ts';

export const PASSWORD = 'Secret#2024';
let passwordHash: Promise<string> | undefined;

/** A factory (merchant); `createdAt` epoch ms. */
export async function addFactory(t: TestApp, id: string, createdAt = Date.now()): Promise<void> {
  await t.deps.db
    .insertInto('factories')
    .values({ id, name: `Factory ${id}`, created_at: createdAt })
    .execute();
}

/** A user of a kind with password PASSWORD; returns its id and a 1 h access token. */
export async function addUser(
  t: TestApp,
  opts: { username: string; userType: UserType; role: string; factoryId?: string; email?: string; isActive?: boolean },
): Promise<{ id: number; token: string }> {
  passwordHash ??= hashPassword(PASSWORD);
  const now = Date.UTC(2024, 0, 15, 10, 30);
  const row = await t.deps.db
    .insertInto('users')
    .values({
      user_type: opts.userType,
      role: opts.role,
      username: opts.username,
      email: opts.email ?? `${opts.username}@example.com`,
      name: opts.username.toUpperCase(),
      factory_id: opts.factoryId ?? null,
      openid: opts.userType === 'wechat' ? `openid-${opts.username}` : null,
      password_hash: opts.userType === 'wechat' ? null : await passwordHash,
      is_active: opts.isActive === false ? 0 : 1,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const id = Number(row.id);
  const { token } = await t.deps.tokens.issue({ sub: String(id), role: opts.role, fid: opts.factoryId, family: 'bi', tep: 0 }, 3600);
  return { id, token };
}

/** The usual cast: platform admin, merchants of factories M1 and M2, a WeChat customer. */
export async function cast(t: TestApp) {
  await addFactory(t, 'M1', Date.UTC(2023, 5, 1));
  await addFactory(t, 'M2', Date.UTC(2024, 0, 10));
  const admin = await addUser(t, { username: 'padmin', userType: 'platform', role: 'platform_admin' });
  const m1 = await addUser(t, { username: 'm1owner', userType: 'factory', role: 'factory_super_admin', factoryId: 'M1' });
  const m2 = await addUser(t, { username: 'm2owner', userType: 'factory', role: 'factory_super_admin', factoryId: 'M2' });
  const customer = await addUser(t, { username: 'wxuser', userType: 'wechat', role: 'wechat_customer' });
  return { admin, m1, m2, customer };
}
