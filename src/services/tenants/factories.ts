import type { FactoriesTable } from '../../../db/database.ts';
import type { Db } from '../../db/connect.ts';
import { isUniqueViolation } from '../../db/sql.ts';
import { AppError } from '../../errors.ts';
import { hashPassword } from '../identity/passwords.ts';

export interface FactoryView {
  id: string;
  name: string;
  industry: string | null;
  address: string | null;
  contactName: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  isActive: boolean;
  userCount: number;
  createdAt: number;
}

/** `GET /api/platform/factories` (spec 002 §4.1): every factory with its user count. */
export async function listFactories(db: Db): Promise<FactoryView[]> {
  const rows = await db
    .selectFrom('factories as f')
    .selectAll('f')
    .select((eb) =>
      eb.selectFrom('users as u').select(eb.fn.countAll<number>().as('n')).whereRef('u.factory_id', '=', 'f.id').as('user_count'),
    )
    .orderBy('f.created_at')
    .orderBy('f.id')
    .execute();
  return rows.map((r) => view(r, Number(r.user_count ?? 0)));
}

function view(r: Omit<FactoriesTable, 'is_active'> & { is_active: number }, userCount: number): FactoryView {
  return {
    id: r.id,
    name: r.name,
    industry: r.industry,
    address: r.address,
    contactName: r.contact_name,
    contactPhone: r.contact_phone,
    contactEmail: r.contact_email,
    isActive: r.is_active === 1,
    userCount,
    createdAt: r.created_at,
  };
}

export interface NewFactory {
  name: string;
  industry?: string | undefined;
  address?: string | undefined;
  contactName?: string | undefined;
  contactPhone?: string | undefined;
  contactEmail?: string | undefined;
  /** Upper-case prefix of the id (`TEST` → `TEST_2026_001`); default `FACTORY`. */
  idPrefix?: string | undefined;
}

/**
 * `POST /api/platform/factories` (spec 002 §4.2). Ids read `<PREFIX>_<year>_<seq>` like the demo
 * `TEST_2024_001`, the sequence 3 digits or more, counted per prefix and year (retried on a race).
 */
export async function createFactory(db: Db, input: NewFactory, now = Date.now()): Promise<FactoryView> {
  const prefix = `${input.idPrefix ?? 'FACTORY'}_${new Date(now).getUTCFullYear()}_`;
  const taken = await db.selectFrom('factories').select('id').where('id', 'like', `${prefix}%`).execute();
  let seq = Math.max(0, ...taken.map((r) => Number(r.id.slice(prefix.length))).filter(Number.isSafeInteger)) + 1;
  for (let attempt = 0; attempt < 5; attempt++, seq++) {
    const row = {
      id: `${prefix}${String(seq).padStart(3, '0')}`,
      name: input.name,
      industry: input.industry ?? null,
      address: input.address ?? null,
      contact_name: input.contactName ?? null,
      contact_phone: input.contactPhone ?? null,
      contact_email: input.contactEmail ?? null,
      created_at: now,
    };
    try {
      await db.insertInto('factories').values(row).execute();
      return view({ ...row, is_active: 1 }, 0);
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
    }
  }
  throw new AppError('CONFLICT', '工厂编号生成冲突，请重试');
}

/**
 * `POST /api/platform/factories/{factoryId}/admin` (spec 002 §4.3): creates the factory's
 * `factory_super_admin`.
 * @throws AppError NOT_FOUND (factory), CONFLICT (username or email taken).
 */
export async function createFactorySuperAdmin(
  db: Db,
  factoryId: string,
  input: { username: string; password: string; email?: string | undefined; fullName: string },
): Promise<{ id: number; username: string; factoryId: string; role: 'factory_super_admin' }> {
  const factory = await db.selectFrom('factories').select('id').where('id', '=', factoryId).executeTakeFirst();
  if (!factory) throw new AppError('NOT_FOUND', '工厂不存在');
  const now = Date.now();
  try {
    const row = await db
      .insertInto('users')
      .values({
        user_type: 'factory',
        factory_id: factoryId,
        username: input.username,
        email: input.email?.toLowerCase() ?? null,
        password_hash: await hashPassword(input.password),
        name: input.fullName,
        role: 'factory_super_admin',
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id: row.id, username: input.username, factoryId, role: 'factory_super_admin' };
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('CONFLICT', '用户名或邮箱已被使用', [], { cause: err });
    throw err;
  }
}
