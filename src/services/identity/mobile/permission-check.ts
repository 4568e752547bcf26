import { hasPermission, type Permission, roleRank } from '../permissions.ts';

export interface PermissionCheck {
  type: 'permission' | 'role' | 'level';
  values: string[];
  operator: 'AND' | 'OR';
}

/**
 * `POST /api/mobile/permissions/batch-check` (spec 002 §6.1), evaluated with the guards' own
 * functions: `permission` → hasPermission; `role` → the caller's role is the value; `level` → the
 * caller's role ranks at or above the value's role (roleRank). AND needs every value, OR one.
 */
export function batchCheck(
  principal: { role: string; permissions: ReadonlySet<Permission> },
  checks: PermissionCheck[],
): { results: (PermissionCheck & { passed: boolean; details: Record<string, boolean> })[]; allPassed: boolean } {
  const test = (type: PermissionCheck['type'], value: string): boolean => {
    switch (type) {
      case 'permission':
        return hasPermission(principal.permissions, value);
      case 'role':
        return principal.role === value;
      case 'level':
        return roleRank(principal.role) <= roleRank(value);
    }
  };
  const results = checks.map((c) => {
    const details = Object.fromEntries(c.values.map((v) => [v, test(c.type, v)]));
    const outcomes = Object.values(details);
    const passed = c.operator === 'AND' ? outcomes.every(Boolean) : outcomes.some(Boolean);
    return { ...c, passed, details };
  });
  return { results, allPassed: results.every((r) => r.passed) };
}
