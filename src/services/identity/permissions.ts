/**
 * RBAC atoms and built-in roles. The atoms are spec 001's permission list plus those the other
 * families need; every guard (procedure meta, batch-check) evaluates through `hasPermission`.
 */
export const PERMISSIONS = [
  'user_read',
  'user_create',
  'user_update',
  'user_delete',
  'material_read',
  'material_create',
  'material_update',
  'material_delete',
  'customer_read',
  'customer_create',
  'customer_update',
  'customer_delete',
  'department_read',
  'department_create',
  'department_update',
  'department_delete',
  'contract_read',
  'contract_create',
  'contract_update',
  'contract_delete',
  'assay_data_read',
  'assay_data_create',
  'assay_data_update',
  'assay_data_delete',
  'attachment_read',
  'attachment_create',
  'metal_price_read',
  'metal_price_create',
  'metal_price_update',
  'metal_price_delete',
  // issue 15: the smelter's weighing → assay → settlement work and its audit trail
  'receipt_read',
  'receipt_create',
  'receipt_update',
  'receipt_delete',
  'settlement_read',
  'settlement_create',
  'audit_read',
  'whitelist_manage',
  'user_activate',
  'trace_read',
  'trace_write',
  'bi_read',
  'ai_analysis',
  'platform_factories',
  'platform_monitoring',
  'platform_oauth_clients',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const PLATFORM_ROLES = ['developer', 'platform_admin'] as const;
/** Factory roles from highest to lowest (spec 002 "角色权限说明"). */
export const FACTORY_ROLES = ['factory_super_admin', 'permission_admin', 'department_admin', 'operator', 'viewer', 'unactivated'] as const;
export const ROLES = [...PLATFORM_ROLES, ...FACTORY_ROLES, 'wechat_customer'] as const;
export type Role = (typeof ROLES)[number];

const READS: Permission[] = PERMISSIONS.filter((p) => p.endsWith('_read'));
/** Reads of the business data; users and the audit trail are for administrators. */
const DATA_READS: Permission[] = READS.filter((p) => p !== 'user_read' && p !== 'audit_read');
const ALL: Permission[] = [...PERMISSIONS];
const FACTORY_ALL = ALL.filter((p) => !p.startsWith('platform_'));
const FACTORY_DATA_WRITE: Permission[] = FACTORY_ALL.filter((p) => !p.startsWith('user_') && p !== 'whitelist_manage');

export const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  developer: new Set(ALL),
  platform_admin: new Set(ALL),
  factory_super_admin: new Set(FACTORY_ALL),
  permission_admin: new Set(FACTORY_ALL),
  department_admin: new Set([...FACTORY_DATA_WRITE, 'user_read']),
  // operators run the weighbridge and the lab; settling money is for department admins and up
  operator: new Set([
    ...DATA_READS,
    'receipt_create',
    'receipt_update',
    'material_create',
    'material_update',
    'assay_data_create',
    'assay_data_update',
    'attachment_create',
    'trace_write',
    'ai_analysis',
  ]),
  viewer: new Set(DATA_READS),
  unactivated: new Set(),
  wechat_customer: new Set(),
};

/** Rank for "no higher than your own" checks: lower index is higher. Unknown roles rank last. */
export function roleRank(role: string): number {
  const i = (ROLES as readonly string[]).indexOf(role);
  return i === -1 ? ROLES.length : i;
}

/** Whether a role is one of PLATFORM_ROLES (`developer`, `platform_admin`). */
export function isPlatformRole(role: string): boolean {
  return (PLATFORM_ROLES as readonly string[]).includes(role);
}

/** The effective permission set of a role plus per-user extra grants. */
export function effectivePermissions(role: string, extra: readonly string[]): Set<Permission> {
  const base = ROLE_PERMISSIONS[role as Role] ?? new Set<Permission>();
  const set = new Set<Permission>(base);
  for (const p of extra) if ((PERMISSIONS as readonly string[]).includes(p)) set.add(p as Permission);
  return set;
}

/** A user's effective permissions: the role's plus the extra grants stored in `users.permissions` (a JSON array). */
export function userPermissions(user: { role: string; permissions: string }): Set<Permission> {
  return effectivePermissions(user.role, parseStringList(user.permissions));
}

/**
 * A JSON array of strings stored as text (`users.permissions`, `department_codes.aliases`): the
 * strings it holds; anything that is not such an array reads as empty.
 */
export function parseStringList(text: string): string[] {
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/** THE permission test: every guard (procedure meta, Hono routes, batch-check) calls this. */
export function hasPermission(granted: ReadonlySet<Permission>, needed: string): boolean {
  return granted.has(needed as Permission);
}

/** Whether `role` may be given by someone holding `grantorRole`: a factory role no higher than theirs. */
export function canGrantRole(grantorRole: string, role: string): boolean {
  return (FACTORY_ROLES as readonly string[]).includes(role) && role !== 'unactivated' && roleRank(role) >= roleRank(grantorRole);
}
