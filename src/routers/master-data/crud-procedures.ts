import { z } from 'zod';
import type { Db } from '../../db/connect.ts';
import { factoryProcedure } from '../../edge/trpc.ts';
import type { Permission } from '../../services/identity/permissions.ts';
import type { Tenant } from '../../services/master-data/tenant-crud.ts';
import { adminMeta, id } from './schemas.ts';

/** `material` when `material_read`, `material_create`, `material_update` and `material_delete` are all permissions. */
type CrudPermission = {
  [P in Permission]: P extends `${infer X}_read` ? (`${X}_${'create' | 'update' | 'delete'}` extends Permission ? X : never) : never;
}[Permission];

/** The service verbs the procedures call (src/services/master-data/tenant-crud.ts TenantCrud). */
interface CrudService<Query, Write, Dto, ListOut> {
  list(db: Db, tenant: Tenant, query: Query): Promise<ListOut>;
  get(db: Db, tenant: Tenant, id: number): Promise<Dto>;
  create(db: Db, tenant: Tenant, input: Write): Promise<Dto>;
  update(db: Db, tenant: Tenant, id: number, input: Partial<Write>): Promise<Dto>;
  delete(db: Db, tenant: Tenant, id: number): Promise<void>;
}

type Verb = 'list' | 'create' | 'get' | 'update' | 'delete';

/**
 * The REST face of a tenant-scoped entity: `path` is the item's (`/api/materials/{material_id}`),
 * which serves get, update and delete, and its collection (`/api/materials`) list and create; `permission` prefixes `_read`, `_create`, `_update`,
 * `_delete`; `dto` is the answer (its `.meta({id})` names the document's schema), `write` the
 * create body (every field optional on update, unless `update` says otherwise); the list takes
 * `listInput` (default none) and answers `listOutput` (default an array of `dto`). The document's
 * summaries follow `noun` (`Create a material`, `One material`…; `summaries` overrides any);
 * spec 001's success messages follow `zh` (`物料创建成功`, `物料更新成功`, `物料删除成功`).
 */
export interface CrudRoutes<K extends string, Dto, Write, ListIn, ListOut, Update> {
  path: `/api/${string}/{${K}}`;
  permission: CrudPermission;
  noun: string;
  zh: string;
  dto: Dto;
  write: Write;
  listInput?: ListIn;
  listOutput?: ListOut;
  /** The update body, when it is not `write` with every field optional. */
  update?: Update;
  summaries?: Partial<Record<Verb, string>>;
}

/** The document's summary of each verb, from the entity's English noun. */
function summariesOf(noun: string, given: Partial<Record<Verb, string>> = {}): Record<Verb, string> {
  return {
    list: `The factory's ${noun}s`,
    create: `Create a ${noun}`,
    get: `One ${noun}`,
    update: `Update a ${noun}`,
    delete: `Delete a ${noun}`,
    ...given,
  };
}

/**
 * The five procedures (list, create, get, update, delete) of a tenant-scoped entity: admin
 * family, factory users holding the permission, the caller's factory as the tenant (and the
 * caller as the author of audited writes).
 */
export function crudProcedures<
  K extends string,
  Dto extends z.ZodType,
  Write extends z.ZodObject,
  ListIn extends z.ZodType = z.ZodVoid,
  ListOut extends z.ZodType = z.ZodArray<Dto>,
  Update extends z.ZodObject = ReturnType<Write['partial']>,
>(
  service: CrudService<z.output<ListIn>, z.output<Write>, z.input<Dto>, z.input<ListOut>>,
  r: CrudRoutes<K, Dto, Write, ListIn, ListOut, Update>,
) {
  const one = r.path;
  const collection = one.slice(0, one.lastIndexOf('/')) as `/api/${string}`;
  const idParam = one.slice(collection.length + 2, -1) as K;
  const byId = z.object({ [idParam]: id } as Record<K, typeof id>);
  const patch = (r.update ?? r.write.partial()) as Update;
  // The schemas type each procedure for clients; `service`'s parameter type ties them to the
  // service verbs, so the resolvers below pass inputs and answers through untyped.
  const s = service as CrudService<any, any, any, any>;
  const idOf = (input: unknown): number => (input as Record<K, number>)[idParam];
  const summaries = summariesOf(r.noun, r.summaries);
  const done = (action: string) => `${r.zh}${action}成功`;
  return {
    list: factoryProcedure
      .meta(adminMeta(`GET ${collection}`, summaries.list, `${r.permission}_read`))
      .input((r.listInput ?? z.void()) as ListIn)
      .output((r.listOutput ?? z.array(r.dto)) as ListOut)
      .query(({ ctx, input }) => s.list(ctx.deps.db, ctx.user, input)),
    create: factoryProcedure
      .meta(adminMeta(`POST ${collection}`, summaries.create, `${r.permission}_create`, done('创建')))
      .input(r.write)
      .output(r.dto)
      .mutation(({ ctx, input }) => s.create(ctx.deps.db, ctx.user, input)),
    get: factoryProcedure
      .meta(adminMeta(`GET ${one}`, summaries.get, `${r.permission}_read`))
      .input(byId)
      .output(r.dto)
      .query(({ ctx, input }) => s.get(ctx.deps.db, ctx.user, idOf(input))),
    update: factoryProcedure
      .meta(adminMeta(`PUT ${one}`, summaries.update, `${r.permission}_update`, done('更新')))
      .input(byId.extend(patch.shape))
      .output(r.dto)
      .mutation(({ ctx, input }) => {
        const { [idParam]: _id, ...patch } = input as Record<string, unknown>;
        return s.update(ctx.deps.db, ctx.user, idOf(input), patch);
      }),
    delete: factoryProcedure
      .meta(adminMeta(`DELETE ${one}`, summaries.delete, `${r.permission}_delete`, done('删除')))
      .input(byId)
      .output(z.void())
      .mutation(({ ctx, input }) => s.delete(ctx.deps.db, ctx.user, idOf(input))),
  };
}
