import type { Selectable } from 'kysely';
import type { CompanyBindingsTable } from '../../../../db/database.ts';
import type { Db } from '../../../db/connect.ts';
import { prepared } from '../../../db/prepared.ts';
import type { AppDeps } from '../../../deps.ts';
import { AppError } from '../../../errors.ts';
import { ErpUnavailableError } from '../../../integrations/erp/types.ts';
import type { Principal } from '../principal.ts';
import { assertOwnUserId } from './own-user.ts';

export type CompanyBinding = Selectable<CompanyBindingsTable>;

export interface CompanyInfo {
  companyId: string;
  companyName: string;
  customerId: string;
}

/**
 * The user's company binding, or null when unbound.
 * @returns the binding row (bound_at in epoch ms).
 */
export async function findBinding(db: Db, userId: number): Promise<CompanyBinding | null> {
  const [row] = await bindingOf(db, userId);
  return row ?? null;
}

// compiled once: every order request reads it
const bindingOf = prepared(1, (db: Db, userId: number) => db.selectFrom('company_bindings').selectAll().where('user_id', '=', userId));

/**
 * The company order endpoints require: the caller's binding, loaded with the caller
 * (Principal.companyId).
 * @returns the ERP company id.
 * @throws AppError COMPANY_NOT_BOUND ("未绑定企业").
 */
export function requireCompany(caller: Pick<Principal, 'companyId'>): string {
  if (!caller.companyId) throw new AppError('COMPANY_NOT_BOUND', '未绑定企业');
  return caller.companyId;
}

/**
 * Spec 000 `POST /api/auth/bind-company`: binds the user to the ERP company whose WeChat invite
 * code is `inviteCode`. An existing binding is returned unchanged with `alreadyBound: true`.
 * @throws AppError VALIDATION_FAILED (userId differs from the token's), COMPANY_NOT_FOUND,
 *   INVITE_CODE_MISMATCH (the ERP's 微信邀请码 differs from the input), SERVICE_UNAVAILABLE (ERP down).
 */
export async function bindCompany(
  deps: Pick<AppDeps, 'db' | 'erp'>,
  userId: number,
  input: { inviteCode: string; userId?: string | undefined },
): Promise<{ alreadyBound: boolean; companyInfo: CompanyInfo }> {
  assertOwnUserId(userId, input.userId);
  const existing = await findBinding(deps.db, userId);
  if (existing) return { alreadyBound: true, companyInfo: infoOf(existing) };

  const inviteCode = input.inviteCode.trim();
  let company: Awaited<ReturnType<AppDeps['erp']['findCompanyByInviteCode']>>;
  try {
    company = await deps.erp.findCompanyByInviteCode(inviteCode);
  } catch (err) {
    if (err instanceof ErpUnavailableError) throw new AppError('SERVICE_UNAVAILABLE', 'ERP 服务暂不可用，请稍后再试', [], { cause: err });
    throw err;
  }
  if (!company) throw new AppError('COMPANY_NOT_FOUND', '邀请码无效: 未找到对应企业');
  if (company.inviteCode !== inviteCode) throw new AppError('INVITE_CODE_MISMATCH', '邀请码不匹配');

  const row: CompanyBinding = {
    user_id: userId,
    company_id: company.companyId,
    company_name: company.companyName,
    customer_id: company.customerId,
    bound_at: Date.now(),
  };
  await deps.db
    .insertInto('company_bindings')
    .values(row)
    .onConflict((oc) => oc.column('user_id').doNothing())
    .execute();
  // A concurrent bind may have won: answer with what is stored.
  const stored = await findBinding(deps.db, userId);
  if (!stored) throw new Error(`company binding of user ${userId} vanished after its insert`);
  return { alreadyBound: stored.company_id !== row.company_id || stored.bound_at !== row.bound_at, companyInfo: infoOf(stored) };
}

function infoOf(b: CompanyBinding): CompanyInfo {
  return { companyId: b.company_id, companyName: b.company_name, customerId: b.customer_id };
}
