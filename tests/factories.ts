import type { UserType } from '../db/database.ts';
import { seedErp } from '../db/seed/erp.ts';
import { registerClient } from '../src/services/identity/oauth/clients.ts';
import { hashPassword } from '../src/services/identity/passwords.ts';
import { FACTORY_ROLES, PLATFORM_ROLES } from '../src/services/identity/permissions.ts';
import type { TokenFamily } from '../src/services/identity/tokens.ts';
import type { TraceBatch, TraceBatchInput } from '../src/services/traces/batch-fields.ts';
import { createTraceBatch } from '../src/services/traces/batch-writes.ts';
import type { TestApp } from './helpers/app.ts';

/**
 * The one place tests build tenants, users, tokens and demo records (README "Tests"). Users and
 * factories are rows; their rules (which roles a kind may hold, one hash per password) are checked
 * here as the app checks them; records go through the app's own services or REST routes.
 */
/** The two tenants most tests need: tenant A and tenant B. */
export const FACTORY_A = 'FACT_A';
export const FACTORY_B = 'FACT_B';
/** The password of every user built here unless one is given. */
export const PASSWORD = 'Passw0rd!x';

/** A factory row with a chosen id (idempotent per database); `createdAt` epoch ms. */
export async function makeFactory(t: TestApp, id: string = FACTORY_A, opts: { name?: string; createdAt?: number } = {}): Promise<void> {
  const exists = await t.deps.db.selectFrom('factories').select('id').where('id', '=', id).executeTakeFirst();
  if (exists) return;
  await t.deps.db
    .insertInto('factories')
    .values({ id, name: opts.name ?? `工厂 ${id}`, created_at: opts.createdAt ?? Date.now() })
    .execute();
}

export interface TestUser {
  id: number;
  /** A one-hour access token of the user's default family (see `makeUser`). */
  token: string;
  username: string;
  /** The plain password (`null` for WeChat users, who have none). */
  password: string | null;
  kind: UserType;
  role: string;
  factoryId: string | null;
}

export interface UserOptions extends Partial<Record<'email' | 'phone' | 'department', string | null>> {
  /** Default `factory` when `factoryId` is given, else `platform`. */
  kind?: UserType;
  /** Default `factory_super_admin`, `platform_admin` or `wechat_customer` by kind. */
  role?: string;
  /** The user's factory (created when missing); `null` for none. */
  factoryId?: string | null;
  username?: string;
  /** Default PASSWORD; `null` for an account without a password (always for WeChat users). */
  password?: string | null;
  name?: string;
  isActive?: boolean;
  /** Epoch ms of created_at/updated_at; default now. */
  createdAt?: number;
  /** Family of the returned token: default `mini` for WeChat users, `admin` otherwise. */
  family?: TokenFamily;
}

const ROLES_OF: Record<UserType, readonly string[]> = { platform: PLATFORM_ROLES, factory: FACTORY_ROLES, wechat: ['wechat_customer'] };
const DEFAULT_ROLE: Record<UserType, string> = { platform: 'platform_admin', factory: 'factory_super_admin', wechat: 'wechat_customer' };

// One hash per password for the whole run: argon2id is deliberately slow.
const hashes = new Map<string, Promise<string>>();
const hashOf = (password: string) => hashes.get(password) ?? hashes.set(password, hashPassword(password)).get(password)!;
let seq = 0;

/**
 * A user of any kind with a one-hour token. Throws for a role its kind cannot hold (as the
 * user-management routes refuse it).
 */
export async function makeUser(t: TestApp, opts: UserOptions = {}): Promise<TestUser> {
  const factoryId = opts.factoryId ?? null;
  const kind = opts.kind ?? (factoryId ? 'factory' : 'platform');
  const role = opts.role ?? DEFAULT_ROLE[kind];
  if (!ROLES_OF[kind].includes(role)) throw new Error(`a ${kind} user cannot be ${role}`);
  if (factoryId) await makeFactory(t, factoryId);
  const username = opts.username ?? `${role}_${++seq}_${Math.random().toString(36).slice(2, 8)}`;
  const password = kind === 'wechat' ? null : opts.password === undefined ? PASSWORD : opts.password;
  const now = opts.createdAt ?? Date.now();
  const row = await t.deps.db
    .insertInto('users')
    .values({
      user_type: kind,
      role,
      factory_id: factoryId,
      username,
      email: opts.email === undefined ? `${username}@example.com` : opts.email,
      name: opts.name ?? username,
      phone: opts.phone ?? null,
      department: opts.department ?? null,
      openid: kind === 'wechat' ? `openid-${username}` : null,
      password_hash: password === null ? null : await hashOf(password),
      is_active: opts.isActive === false ? 0 : 1,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const user = { id: Number(row.id), token: '', username, password, kind, role, factoryId };
  user.token = await tokenFor(t, user, opts.family ?? (kind === 'wechat' ? 'mini' : 'admin'));
  return user;
}

/** A factory user (default FACTORY_A's `factory_super_admin`). */
export const makeFactoryUser = (t: TestApp, opts: UserOptions = {}) =>
  makeUser(t, { ...opts, kind: 'factory', factoryId: opts.factoryId === undefined ? FACTORY_A : opts.factoryId });

/** A platform administrator. */
export const makePlatformAdmin = (t: TestApp, opts: UserOptions = {}) => makeUser(t, { ...opts, kind: 'platform' });

/**
 * A fresh one-hour access token of `family` for a user, as that family's login issues it;
 * `scope` and `clientId` make it a delegated (device-flow) token.
 */
export async function tokenFor(
  t: TestApp,
  user: Pick<TestUser, 'id' | 'role' | 'factoryId'>,
  family: TokenFamily,
  opts: { scope?: string; clientId?: string; ttlSeconds?: number } = {},
): Promise<string> {
  const claims = {
    sub: String(user.id),
    role: user.role,
    family,
    tep: 0,
    ...(user.factoryId ? { fid: user.factoryId } : {}),
    ...(opts.scope === undefined ? {} : { scope: opts.scope }),
    ...(opts.clientId === undefined ? {} : { client_id: opts.clientId }),
  };
  return (await t.deps.tokens.issue(claims, opts.ttlSeconds ?? 3600)).token;
}

/** Logs in through the mobile app's unified-login; throws with the body when it fails. */
export async function mobileLogin(t: TestApp, username: string, password = PASSWORD) {
  const res = await t.call('POST', '/api/mobile/auth/unified-login', { body: { username, password } });
  if (res.status !== 200) throw new Error(`login ${username} failed: ${res.text}`);
  return res.body as {
    token: string;
    refreshToken: string;
    user: { id: number; role: string; permissions: string[]; department: string | null; departmentDisplayName: string | null };
  };
}

/** Two companies in the embedded ERP (A with invite code INV-A, B with INV-B), `orders` orders each. */
export async function seedCompanies(t: TestApp, orders = 5): Promise<void> {
  await seedErp(t.deps.db, {
    companies: [
      { company_id: 'COMPA', company_name: '甲公司', customer_id: 'C-A', invite_code: 'INV-A' },
      { company_id: 'COMPB', company_name: '乙公司', customer_id: 'C-B', invite_code: 'INV-B' },
    ],
    ordersPerCompany: orders,
  });
}

/** A mini-program user through wx-login (simulator or fake WeChat): its token and user id. */
export async function miniLogin(t: TestApp, code: string): Promise<{ token: string; userId: string }> {
  const res = await t.call('POST', '/api/auth/wx-login', { body: { code } });
  if (!res.body?.success) throw new Error(`wx-login failed: ${res.text}`);
  return { token: res.body.data.token, userId: res.body.data.userId };
}

/** A mini-program user bound to the company of an invite code (default company A's). */
export async function boundMiniUser(t: TestApp, code: string, invite = 'INV-A') {
  const user = await miniLogin(t, code);
  const res = await t.call('POST', '/api/auth/bind-company', { token: user.token, body: { inviteCode: invite } });
  if (!res.body?.success) throw new Error(`bind failed: ${res.text}`);
  return user;
}

/** Tenants A (甲工厂) and B (乙工厂) of the v1 API, each with an operator; A also with a viewer. v1 tokens. */
export async function v1Operators(t: TestApp) {
  await makeFactory(t, FACTORY_A, { name: '甲工厂' });
  await makeFactory(t, FACTORY_B, { name: '乙工厂' });
  const v1 = (factoryId: string, role: string, username: string) => makeUser(t, { factoryId, role, username, family: 'v1' });
  return {
    a: await v1(FACTORY_A, 'operator', 'op_a'),
    b: await v1(FACTORY_B, 'operator', 'op_b'),
    viewerA: await v1(FACTORY_A, 'viewer', 'viewer_a'),
  };
}

/** The BI cast: a platform admin, the owners of merchants M1 and M2, a WeChat customer. BI tokens. */
export async function biCast(t: TestApp) {
  await makeFactory(t, 'M1', { name: 'Factory M1', createdAt: Date.UTC(2023, 5, 1) });
  await makeFactory(t, 'M2', { name: 'Factory M2', createdAt: Date.UTC(2024, 0, 10) });
  const bi = (username: string, opts: UserOptions) =>
    makeUser(t, { username, name: username.toUpperCase(), createdAt: Date.UTC(2024, 0, 15, 10, 30), family: 'bi', ...opts });
  return {
    admin: await bi('padmin', { kind: 'platform' }),
    m1: await bi('m1owner', { factoryId: 'M1' }),
    m2: await bi('m2owner', { factoryId: 'M2' }),
    customer: await bi('wxuser', { kind: 'wechat', family: 'bi' }),
  };
}

/** A registered OAuth client (the BI CLI's kind), through the platform's service. */
export const makeOAuthClient = (t: TestApp, clientId: string, name = clientId) =>
  registerClient(t.deps.db, { clientId, name, createdBy: null });

/** A valid v1 trace batch body; `over` replaces fields (with invalid values too, for 422 tests). */
export const sampleBatch = (over: Record<string, unknown> = {}) => ({
  name: 'Apple Batch A123',
  productId: 'apple-01',
  quantity: 1000,
  unitWeight: 0.2,
  harvestDate: '2023-05-15T08:00:00Z',
  farmId: 'farm-123',
  ...over,
});

/** A trace batch of a factory through the traces service. */
export const makeBatch = (t: TestApp, factoryId: string, over: Partial<TraceBatchInput> = {}): Promise<TraceBatch> =>
  createTraceBatch(t.deps.db, factoryId, sampleBatch(over) as TraceBatchInput);

type BatchNumbers = Partial<Record<'quantity' | 'unitWeight' | 'harvestDate' | 'updatedAt', number>>;
/**
 * Trace batches straight into the table with chosen times (for sort and date filters, which the
 * service stamps with now). @returns their wire ids in insertion order.
 */
export async function insertBatches(
  t: TestApp,
  factoryId: string,
  rows: ({ name: string; status?: 'active' | 'archived'; createdAt: number } & BatchNumbers)[],
): Promise<string[]> {
  const ids: string[] = [];
  for (const [i, r] of rows.entries()) {
    const row = await t.deps.db
      .insertInto('trace_batches')
      .values({
        factory_id: factoryId,
        code: `C${factoryId}${String(i).padStart(4, '0')}`.slice(0, 32),
        name: r.name,
        product_id: `prod-${i % 3}`,
        quantity: r.quantity ?? 100 + i,
        unit_weight: r.unitWeight ?? 0.5,
        harvest_date: r.harvestDate ?? Date.UTC(2023, 4, 1),
        farm_id: `farm-${i % 2}`,
        status: r.status ?? 'active',
        created_at: r.createdAt,
        updated_at: r.updatedAt ?? r.createdAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.push(`trace-${row.id}`);
  }
  return ids;
}
