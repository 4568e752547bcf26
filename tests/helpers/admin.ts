import { hashPassword } from '../../src/services/identity/passwords.ts';
import type { TestApp } from './app.ts';

export const FACTORY_A = 'FACT_A';
export const FACTORY_B = 'FACT_B';

/** Creates a factory row (idempotent per test database). */
export async function makeFactory(t: TestApp, id: string, name = `工厂 ${id}`): Promise<void> {
  const exists = await t.deps.db.selectFrom('factories').select('id').where('id', '=', id).executeTakeFirst();
  if (!exists) await t.deps.db.insertInto('factories').values({ id, name, created_at: Date.now() }).execute();
}

export interface TestUser {
  id: number;
  token: string;
  username: string;
  password: string;
}

let seq = 0;
// One hash per password for the whole run: argon2id is deliberately slow.
const hashes = new Map<string, Promise<string>>();

/**
 * A factory user written directly to the database, with an access token.
 * @param opts.role default `factory_super_admin`; `factoryId` default FACTORY_A (created if missing).
 */
export async function makeFactoryUser(
  t: TestApp,
  opts: { role?: string; factoryId?: string | null; username?: string; password?: string; department?: string } = {},
): Promise<TestUser> {
  const factoryId = opts.factoryId === undefined ? FACTORY_A : opts.factoryId;
  if (factoryId) await makeFactory(t, factoryId);
  const username = opts.username ?? `user${++seq}_${Math.random().toString(36).slice(2, 8)}`;
  const password = opts.password ?? 'Passw0rd!';
  if (!hashes.has(password)) hashes.set(password, hashPassword(password));
  const now = Date.now();
  const row = await t.deps.db
    .insertInto('users')
    .values({
      user_type: 'factory',
      factory_id: factoryId,
      role: opts.role ?? 'factory_super_admin',
      username,
      email: `${username}@example.com`,
      name: `测试${username}`,
      password_hash: await hashes.get(password)!,
      department: opts.department ?? null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const role = opts.role ?? 'factory_super_admin';
  const { token } = await t.deps.tokens.issue(
    { sub: String(row.id), role, family: 'admin', tep: 0, ...(factoryId ? { fid: factoryId } : {}) },
    3600,
  );
  return { id: row.id, token, username, password };
}
