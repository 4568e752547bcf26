import { z } from 'zod';
import { router } from '../../edge/trpc.ts';
import { CUSTOMER_TYPES, customers } from '../../services/master-data/customers.ts';
import { crudProcedures } from './crud-procedures.ts';
import { coded, codedWrite, optionalText, phone, recordSchema } from './schemas.ts';

const customer = recordSchema('Customer', {
  ...coded,
  customer_type: z.string(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
});

/** `admin.customers`: spec 001 customer CRUD in the caller's factory. */
export const customersRouter = router(
  crudProcedures(customers, {
    path: '/api/customers',
    idParam: 'customer_id',
    permission: 'customer',
    dto: customer,
    write: z.object({
      ...codedWrite,
      customer_type: z.enum(CUSTOMER_TYPES),
      phone,
      address: optionalText(200),
    }),
    noun: 'customer',
    zh: '客户',
  }),
);
