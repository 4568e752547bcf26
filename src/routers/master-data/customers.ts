import { z } from 'zod';
import { router } from '../../edge/trpc.ts';
import { CUSTOMER_TYPES, customers } from '../../services/master-data/contract-parties.ts';
import { crudProcedures } from './crud-procedures.ts';
import { coded, codedWrite, optionalText, phone, recordSchema } from './schemas.ts';

const customer = recordSchema('Customer', {
  ...coded,
  customer_type: z.string(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
});

const write = z.object({
  ...codedWrite,
  customer_type: z.enum(CUSTOMER_TYPES),
  phone,
  address: optionalText(200),
});

/** `admin.customers`: spec 001 customer CRUD in the caller's factory. */
export const customersRouter = router(
  crudProcedures(customers, {
    path: '/api/customers/{customer_id}',
    permission: 'customer',
    dto: customer,
    write,
    noun: 'customer',
    zh: '客户',
  }),
);
