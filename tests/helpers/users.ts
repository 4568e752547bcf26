import { hashPassword } from '../../src/services/identity/passwords.ts';
import type { TokenFamily } from '../../src/services/identity/tokens.ts';
import type { TestApp } from './app.ts';

// One hash per password for the whole run: argon2id is deliberately slow.
const hashes = new Map<string, Promise<string>>();

/**
 * Inserts a user directly and returns it with a signed access token (1 h).
 * @param opts.password stored as an argon2id hash, for password logins (none by default).
 */
export async function createUserWithToken(
  t: TestApp,
  opts: {
    userType: 'platform' | 'factory' | 'wechat';
    role: string;
    factoryId?: string | null;
    username?: string;
    openid?: string;
    password?: string;
    /** Default: `mini` for WeChat users, `admin` (a staff token) otherwise. */
    family?: TokenFamily;
  },
): Promise<{ id: number; token: string }> {
  const now = Date.now();
  let passwordHash: string | null = null;
  if (opts.password !== undefined) {
    if (!hashes.has(opts.password)) hashes.set(opts.password, hashPassword(opts.password));
    passwordHash = (await hashes.get(opts.password)) ?? null;
  }
  const row = await t.deps.db
    .insertInto('users')
    .values({
      user_type: opts.userType,
      role: opts.role,
      factory_id: opts.factoryId ?? null,
      username: opts.username ?? `${opts.role}_${Math.random().toString(36).slice(2, 10)}`,
      openid: opts.openid ?? null,
      password_hash: passwordHash,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const { token } = await t.deps.tokens.issue(
    {
      sub: String(row.id),
      role: opts.role,
      family: opts.family ?? (opts.userType === 'wechat' ? 'mini' : 'admin'),
      tep: 0,
      ...(opts.factoryId ? { fid: opts.factoryId } : {}),
    },
    3600,
  );
  return { id: row.id, token };
}
