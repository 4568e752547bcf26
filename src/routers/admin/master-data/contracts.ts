import { z } from 'zod';
import { factoryProcedure, router } from '../../../edge/trpc.ts';
import {
  CONTRACT_STATUSES,
  CONTRACT_TYPES,
  createContract,
  deleteContract,
  getContract,
  listContracts,
  PRICING_METHODS,
  updateContract,
} from '../../../services/admin/contracts.ts';
import { adminMeta, id, isoDate, isoTime } from './shared.ts';

const tag = 'admin-contracts';
const contract = z
  .object({
    id: z.number().int(),
    contract_type: z.string(),
    contract_number: z.string(),
    customer_id: z.number().int().nullable(),
    material_id: z.number().int().nullable(),
    factory_id: z.number().int().nullable().describe('branch factory (分厂, a level-1 department)'),
    responsible_id: z.number().int().nullable(),
    sign_date: z.string().nullable(),
    expiry_date: z.string().nullable(),
    tax_rate: z.number(),
    pricing_method: z.string(),
    coefficient: z.number().nullable(),
    status: z.string(),
    created_at: isoTime,
    updated_at: isoTime,
  })
  .meta({ id: 'Contract' });
const write = z.object({
  contract_type: z.enum(CONTRACT_TYPES),
  contract_number: z.string().trim().min(1).max(50),
  customer_id: id.nullable().optional(),
  material_id: id.nullable().optional(),
  factory_id: id.nullable().optional().describe('branch factory (分厂, a level-1 department)'),
  responsible_id: id.nullable().optional(),
  sign_date: isoDate.nullable().optional(),
  expiry_date: isoDate.nullable().optional(),
  tax_rate: z.number().min(0).max(1).optional().describe('fraction: 0.13 = 13 %'),
  pricing_method: z.enum(PRICING_METHODS),
  coefficient: z.number().min(0).max(1000).nullable().optional(),
  status: z.enum(CONTRACT_STATUSES).optional(),
});
const byId = z.object({ contract_id: id });

/** `admin.contracts`: spec 001 contracts of the caller's factory. */
export const contractsRouter = router({
  list: factoryProcedure
    .meta(adminMeta('GET', '/api/contracts', tag, "The factory's contracts", 'contract_read'))
    .input(z.object({ status: z.enum(CONTRACT_STATUSES).optional() }))
    .output(z.array(contract))
    .query(({ ctx, input }) => listContracts(ctx.deps.db, ctx.user.factoryId, input)),
  create: factoryProcedure
    .meta(adminMeta('POST', '/api/contracts', tag, 'Create a contract', 'contract_create', '合同创建成功'))
    .input(write)
    .output(contract)
    .mutation(({ ctx, input }) => createContract(ctx.deps.db, ctx.user.factoryId, input)),
  get: factoryProcedure
    .meta(adminMeta('GET', '/api/contracts/{contract_id}', tag, 'One contract', 'contract_read'))
    .input(byId)
    .output(contract)
    .query(({ ctx, input }) => getContract(ctx.deps.db, ctx.user.factoryId, input.contract_id)),
  update: factoryProcedure
    .meta(adminMeta('PUT', '/api/contracts/{contract_id}', tag, 'Update a contract', 'contract_update', '合同更新成功'))
    .input(byId.extend(write.partial().shape))
    .output(contract)
    .mutation(({ ctx, input: { contract_id, ...patch } }) => updateContract(ctx.deps.db, ctx.user.factoryId, contract_id, patch)),
  delete: factoryProcedure
    .meta(adminMeta('DELETE', '/api/contracts/{contract_id}', tag, 'Delete a contract', 'contract_delete', '合同删除成功'))
    .input(byId)
    .output(z.void())
    .mutation(({ ctx, input }) => deleteContract(ctx.deps.db, ctx.user.factoryId, input.contract_id)),
});
