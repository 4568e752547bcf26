import type { Db } from '../../db/connect.ts';
import { parseStringList } from './permissions.ts';

/** A user's department as the mobile app reads it (REAL-CLIENTS.md "factory mobile app"). */
export interface DepartmentView {
  /** Stable code (`farming`, `processing`, `logistics`, `quality`, `management`), null when uncoded. */
  department: string | null;
  /** The code's display name (`养殖部门`), or the free text of an uncoded department. */
  departmentDisplayName: string | null;
}

/** What a user row stores for a department given as a code, a name or free text. */
export interface DepartmentColumns {
  department_code: string | null;
  department: string | null;
}

/**
 * Maps a department given by a client (spec 002 register-phase-two and activation take free
 * text; the Cretas app sends codes) to the columns of `users`: the code when the text is a
 * code (any case), a display name or one of its aliases, and the text itself as typed.
 * @param text undefined: not given (the caller keeps what it has); blank: no department.
 */
export async function resolveDepartment(db: Db, text: string | undefined): Promise<DepartmentColumns | undefined> {
  if (text === undefined) return undefined;
  const given = text.trim();
  if (!given) return { department_code: null, department: null };
  const rows = await db.selectFrom('department_codes').select(['code', 'display_name', 'aliases']).execute();
  const hit = rows.find((r) => r.code === given.toLowerCase() || r.display_name === given || parseStringList(r.aliases).includes(given));
  return { department_code: hit?.code ?? null, department: given };
}

/**
 * The department of users as the mobile app reads it: code and display name (the code's
 * display name, else the stored free text).
 */
export async function departmentViews(
  db: Db,
  users: readonly { department_code: string | null; department: string | null }[],
): Promise<DepartmentView[]> {
  const codes = [...new Set(users.map((u) => u.department_code).filter((c): c is string => c !== null))];
  const names = new Map<string, string>();
  if (codes.length) {
    const rows = await db.selectFrom('department_codes').select(['code', 'display_name']).where('code', 'in', codes).execute();
    for (const r of rows) names.set(r.code, r.display_name);
  }
  return users.map((u) => ({
    department: u.department_code,
    departmentDisplayName: (u.department_code ? names.get(u.department_code) : undefined) ?? u.department,
  }));
}

/** One user's department view (see departmentViews). */
export async function departmentView(db: Db, user: { department_code: string | null; department: string | null }): Promise<DepartmentView> {
  const [view] = await departmentViews(db, [user]);
  return view!;
}
