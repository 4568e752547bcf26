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

/**
 * The REST face of a tenant-scoped entity: `path` (`/api/materials`) serves list and create,
 * `path/{idParam}` get, update and delete; `permission` prefixes `_read`, `_create`, `_update`,
 * `_delete`; `dto` is the answer (its `.meta({id})` names the document's schema), `write` the
 * create body (every field optional on update, unless `update` says otherwise); the list takes `listInput` and answers
 * `listOutput`. Summaries are the document's; messages are spec 001's Chinese success messages.
 */
export interface CrudRoutes<K extends string, Dto, Write, ListIn, ListOut, Update> {
  path: `/api/${string}`;
  idParam: K;
  permission: CrudPermission;
  dto: Dto;
  write: Write;
  listInput: ListIn;
  listOutput: ListOut;
  /** The update body, when it is not `write` with every field optional. */
  update?: Update;
  summaries: { list: string; create: string; get: string; update: string; delete: string };
  messages: { create: string; update: string; delete: string };
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
  ListIn extends z.ZodType,
  ListOut extends z.ZodType,
  Update extends z.ZodObject = ReturnType<Write['partial']>,
>(
  service: CrudService<z.output<ListIn>, z.output<Write>, z.input<Dto>, z.input<ListOut>>,
  r: CrudRoutes<K, Dto, Write, ListIn, ListOut, Update>,
) {
  const byId = z.object({ [r.idParam]: id } as Record<K, typeof id>);
  const one = `${r.path}/{${r.idParam}}` as const;
  const patch = (r.update ?? r.write.partial()) as Update;
  // The schemas type each procedure for clients; `service`'s parameter type ties them to the
  // service verbs, so the resolvers below pass inputs and answers through untyped.
  const s = service as CrudService<any, any, any, any>;
  const idOf = (input: unknown): number => (input as Record<K, number>)[r.idParam];
  return {
    list: factoryProcedure
      .meta(adminMeta(`GET ${r.path}`, r.summaries.list, `${r.permission}_read`))
      .input(r.listInput)
      .output(r.listOutput)
      .query(({ ctx, input }) => s.list(ctx.deps.db, ctx.user, input)),
    create: factoryProcedure
      .meta(adminMeta(`POST ${r.path}`, r.summaries.create, `${r.permission}_create`, r.messages.create))
      .input(r.write)
      .output(r.dto)
      .mutation(({ ctx, input }) => s.create(ctx.deps.db, ctx.user, input)),
    get: factoryProcedure
      .meta(adminMeta(`GET ${one}`, r.summaries.get, `${r.permission}_read`))
      .input(byId)
      .output(r.dto)
      .query(({ ctx, input }) => s.get(ctx.deps.db, ctx.user, idOf(input))),
    update: factoryProcedure
      .meta(adminMeta(`PUT ${one}`, r.summaries.update, `${r.permission}_update`, r.messages.update))
      .input(byId.extend(patch.shape))
      .output(r.dto)
      .mutation(({ ctx, input }) => {
        const { [r.idParam]: _id, ...patch } = input as Record<string, unknown>;
        return s.update(ctx.deps.db, ctx.user, idOf(input), patch);
      }),
    delete: factoryProcedure
      .meta(adminMeta(`DELETE ${one}`, r.summaries.delete, `${r.permission}_delete`, r.messages.delete))
      .input(byId)
      .output(z.void())
      .mutation(({ ctx, input }) => s.delete(ctx.deps.db, ctx.user, idOf(input))),
  };
}
