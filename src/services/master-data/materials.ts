import type { Selectable } from 'kysely';
import type { MaterialsTable } from '../../../db/database.ts';
import type { Db } from '../../db/connect.ts';
import { notFound } from '../../errors.ts';
import { defined, inUse, isoSeconds, uniqueOr409 } from './common.ts';

/** Spec 001 Material.purpose. */
export const MATERIAL_PURPOSES = ['原料', '辅料', '产品', '其他'] as const;

export interface MaterialWrite {
  name: string;
  code: string;
  full_name?: string | null | undefined;
  purpose: (typeof MATERIAL_PURPOSES)[number];
}

export interface Material {
  id: number;
  name: string;
  code: string;
  full_name: string | null;
  purpose: string;
  created_at: string;
  updated_at: string;
}

function toMaterial(r: Selectable<MaterialsTable>): Material {
  return {
    id: r.id,
    name: r.name,
    code: r.code,
    full_name: r.full_name,
    purpose: r.purpose,
    created_at: isoSeconds(r.created_at),
    updated_at: isoSeconds(r.updated_at),
  };
}

const DUPLICATE = '物料代码已存在';

/** Spec 001 `GET /api/materials`: the factory's materials by id. */
export async function listMaterials(db: Db, factoryId: string): Promise<Material[]> {
  const rows = await db.selectFrom('materials').selectAll().where('factory_id', '=', factoryId).orderBy('id').execute();
  return rows.map(toMaterial);
}

/**
 * Spec 001 `GET /api/materials/{material_id}`.
 * @throws AppError NOT_FOUND, also for another factory's material.
 */
export async function getMaterial(db: Db, factoryId: string, id: number): Promise<Material> {
  const row = await db.selectFrom('materials').selectAll().where('id', '=', id).where('factory_id', '=', factoryId).executeTakeFirst();
  if (!row) throw notFound('Material', id);
  return toMaterial(row);
}

/**
 * Spec 001 `POST /api/materials`.
 * @throws AppError DUPLICATE_RESOURCE when the code exists in the factory.
 */
export async function createMaterial(db: Db, factoryId: string, input: MaterialWrite): Promise<Material> {
  const now = Date.now();
  const row = await uniqueOr409(
    () =>
      db
        .insertInto('materials')
        .values({ factory_id: factoryId, ...input, full_name: input.full_name ?? null, created_at: now, updated_at: now })
        .returningAll()
        .executeTakeFirstOrThrow(),
    DUPLICATE,
    'code',
  );
  return toMaterial(row);
}

/**
 * Spec 001 `PUT /api/materials/{material_id}`: only the fields sent change.
 * @throws AppError NOT_FOUND, DUPLICATE_RESOURCE.
 */
export async function updateMaterial(db: Db, factoryId: string, id: number, input: Partial<MaterialWrite>): Promise<Material> {
  const row = await uniqueOr409(
    () =>
      db
        .updateTable('materials')
        .set({ ...defined(input), updated_at: Date.now() })
        .where('id', '=', id)
        .where('factory_id', '=', factoryId)
        .returningAll()
        .executeTakeFirst(),
    DUPLICATE,
    'code',
  );
  if (!row) throw notFound('Material', id);
  return toMaterial(row);
}

/**
 * Spec 001 `DELETE /api/materials/{material_id}`.
 * @throws AppError NOT_FOUND, CONFLICT while a contract names the material.
 */
export async function deleteMaterial(db: Db, factoryId: string, id: number): Promise<void> {
  await getMaterial(db, factoryId, id);
  const used = await db.selectFrom('contracts').select('id').where('material_id', '=', id).executeTakeFirst();
  if (used) throw inUse('物料已被合同引用，不能删除');
  await db.deleteFrom('materials').where('id', '=', id).where('factory_id', '=', factoryId).execute();
}
