import type { Kysely } from 'kysely';
import { notNull } from './helpers.ts';

/**
 * Stable department codes of the factory mobile app (REAL-CLIENTS.md: the Cretas app and its
 * backend's Prisma enum `Department`): each code with its display name and the free-text names
 * that mean it. `users.department_code` names one; `users.department` keeps the text a user or
 * administrator typed (a name no code matches stays there, uncoded). Existing rows are mapped.
 */
const CODES: [code: string, displayName: string, aliases: string[]][] = [
  ['farming', '养殖部门', ['养殖', '养殖部']],
  ['processing', '加工部门', ['加工', '加工部']],
  ['logistics', '物流部门', ['物流', '物流部']],
  ['quality', '质量部门', ['质量', '质量部', '质检', '质检部', '质检部门']],
  ['management', '管理部门', ['管理', '管理部']],
];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('department_codes')
    .addColumn('code', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('display_name', 'varchar(64)', notNull)
    .addColumn('aliases', 'text', (c) => c.notNull().defaultTo('[]')) // JSON array of other names
    .addColumn('sort_order', 'integer', notNull)
    .execute();
  await db
    .insertInto('department_codes')
    .values(CODES.map(([code, display_name, aliases], i) => ({ code, display_name, aliases: JSON.stringify(aliases), sort_order: i + 1 })))
    .execute();
  await db.schema
    .alterTable('users')
    .addColumn('department_code', 'varchar(32)', (c) => c.references('department_codes.code'))
    .execute();
  const names = await db.selectFrom('users').select('department').distinct().where('department', 'is not', null).execute();
  for (const { department } of names as { department: string }[]) {
    const text = department.trim();
    const hit = CODES.find(([code, name, aliases]) => code === text.toLowerCase() || name === text || aliases.includes(text));
    if (hit) {
      await db.updateTable('users').set({ department_code: hit[0] }).where('department', '=', department).execute();
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('department_code').execute();
  await db.schema.dropTable('department_codes').execute();
}
