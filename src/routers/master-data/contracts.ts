import { z } from 'zod';
import { factoryProcedure, router } from '../../edge/trpc.ts';
import { CONTRACT_STATUSES, CONTRACT_TYPES, getContract, listContracts, PRICING_METHODS } from '../../services/master-data/contracts.ts';
import {
  archiveContract,
  createContractAudited,
  deleteContractAudited,
  updateContractAudited,
} from '../../services/smelter/audited-master-data.ts';
import { termsOutput, termsWrite } from '../smelter/schemas.ts';
import { adminMeta, id, isoDate, isoTime } from './schemas.ts';

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
    ...termsOutput,
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
  ...termsWrite,
});
const byId = z.object({ contract_id: id });

/** `admin.contracts`: spec 001 contracts of the caller's factory, with issue 15's pricing terms and audit trail. */
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
    .mutation(({ ctx, input }) => createContractAudited(ctx.deps.db, ctx.user, input)),
  get: factoryProcedure
    .meta(adminMeta('GET', '/api/contracts/{contract_id}', tag, 'One contract', 'contract_read'))
    .input(byId)
    .output(contract)
    .query(({ ctx, input }) => getContract(ctx.deps.db, ctx.user.factoryId, input.contract_id)),
  update: factoryProcedure
    .meta(adminMeta('PUT', '/api/contracts/{contract_id}', tag, 'Update a contract', 'contract_update', '合同更新成功'))
    .input(byId.extend(write.partial().shape))
    .output(contract)
    .mutation(({ ctx, input: { contract_id, ...patch } }) => updateContractAudited(ctx.deps.db, ctx.user, contract_id, patch)),
  delete: factoryProcedure
    .meta(adminMeta('DELETE', '/api/contracts/{contract_id}', tag, 'Delete a contract', 'contract_delete', '合同删除成功'))
    .input(byId)
    .output(z.void())
    .mutation(({ ctx, input }) => deleteContractAudited(ctx.deps.db, ctx.user, input.contract_id)),
  archive: factoryProcedure
    .meta({
      ...adminMeta(
        'POST',
        '/api/contracts/{contract_id}/archive',
        tag,
        'Archive a contract (status 归档)',
        'contract_update',
        '合同已归档',
      ),
      successStatus: 200,
    })
    .input(byId)
    .output(contract)
    .mutation(({ ctx, input }) => archiveContract(ctx.deps.db, ctx.user, input.contract_id)),
});
