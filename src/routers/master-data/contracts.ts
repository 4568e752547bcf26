import { z } from 'zod';
import { factoryProcedure, router } from '../../edge/trpc.ts';
import { archiveContract, CONTRACT_STATUSES, CONTRACT_TYPES, contracts, PRICING_METHODS } from '../../services/master-data/contracts.ts';
import { termsOutput, termsWrite } from '../smelter/schemas.ts';
import { crudProcedures } from './crud-procedures.ts';
import { adminMeta, id, isoDate, recordSchema } from './schemas.ts';

const contract = recordSchema('Contract', {
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
});
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
/** `admin.contracts`: spec 001 contracts of the caller's factory, with issue 15's pricing terms and audit trail. */
export const contractsRouter = router({
  ...crudProcedures(contracts, {
    path: '/api/contracts/{contract_id}',
    permission: 'contract',
    dto: contract,
    write,
    listInput: z.object({ status: z.enum(CONTRACT_STATUSES).optional() }),
    noun: 'contract',
    zh: '合同',
  }),
  archive: factoryProcedure
    .meta(
      adminMeta('POST /api/contracts/{contract_id}/archive', 'Archive a contract (status 归档)', 'contract_update', '合同已归档', {
        successStatus: 200,
      }),
    )
    .input(z.object({ contract_id: id }))
    .output(contract)
    .mutation(({ ctx, input }) => archiveContract(ctx.deps.db, ctx.user, input.contract_id)),
});
