import { z } from 'zod';
import { router } from '../../edge/trpc.ts';
import { CUSTOMER_TYPES, customers } from '../../services/master-data/customers.ts';
import { crudProcedures } from './crud-procedures.ts';
import { isoTime, optionalText, phone } from './schemas.ts';

const customer = z
  .object({
    id: z.number().int(),
    name: z.string(),
    code: z.string(),
    full_name: z.string().nullable(),
    customer_type: z.string(),
    phone: z.string().nullable(),
    address: z.string().nullable(),
    created_at: isoTime,
    updated_at: isoTime,
  })
  .meta({ id: 'Customer' });

/** `admin.customers`: spec 001 customer CRUD in the caller's factory. */
export const customersRouter = router(
  crudProcedures(customers, {
    path: '/api/customers',
    idParam: 'customer_id',
    permission: 'customer',
    dto: customer,
    write: z.object({
      name: z.string().trim().min(1).max(100),
      code: z.string().trim().min(1).max(50),
      full_name: optionalText(200),
      customer_type: z.enum(CUSTOMER_TYPES),
      phone,
      address: optionalText(200),
    }),
    listInput: z.void(),
    listOutput: z.array(customer),
    summaries: {
      list: "The factory's customers",
      create: 'Create a customer',
      get: 'One customer',
      update: 'Update a customer',
      delete: 'Delete a customer',
    },
    messages: { create: '客户创建成功', update: '客户更新成功', delete: '客户删除成功' },
  }),
);
