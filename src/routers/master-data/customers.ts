import { z } from 'zod';
import { factoryProcedure, router } from '../../edge/trpc.ts';
import {
  CUSTOMER_TYPES,
  createCustomer,
  deleteCustomer,
  getCustomer,
  listCustomers,
  updateCustomer,
} from '../../services/master-data/customers.ts';
import { adminMeta, id, isoTime, optionalText, phone } from './schemas.ts';

const tag = 'admin-customers';
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
const write = z.object({
  name: z.string().trim().min(1).max(100),
  code: z.string().trim().min(1).max(50),
  full_name: optionalText(200),
  customer_type: z.enum(CUSTOMER_TYPES),
  phone,
  address: optionalText(200),
});
const byId = z.object({ customer_id: id });

/** `admin.customers`: spec 001 customer CRUD in the caller's factory. */
export const customersRouter = router({
  list: factoryProcedure
    .meta(adminMeta('GET', '/api/customers', tag, "The factory's customers", 'customer_read'))
    .input(z.void())
    .output(z.array(customer))
    .query(({ ctx }) => listCustomers(ctx.deps.db, ctx.user.factoryId)),
  create: factoryProcedure
    .meta(adminMeta('POST', '/api/customers', tag, 'Create a customer', 'customer_create', '客户创建成功'))
    .input(write)
    .output(customer)
    .mutation(({ ctx, input }) => createCustomer(ctx.deps.db, ctx.user.factoryId, input)),
  get: factoryProcedure
    .meta(adminMeta('GET', '/api/customers/{customer_id}', tag, 'One customer', 'customer_read'))
    .input(byId)
    .output(customer)
    .query(({ ctx, input }) => getCustomer(ctx.deps.db, ctx.user.factoryId, input.customer_id)),
  update: factoryProcedure
    .meta(adminMeta('PUT', '/api/customers/{customer_id}', tag, 'Update a customer', 'customer_update', '客户更新成功'))
    .input(byId.extend(write.partial().shape))
    .output(customer)
    .mutation(({ ctx, input: { customer_id, ...patch } }) => updateCustomer(ctx.deps.db, ctx.user.factoryId, customer_id, patch)),
  delete: factoryProcedure
    .meta(adminMeta('DELETE', '/api/customers/{customer_id}', tag, 'Delete a customer', 'customer_delete', '客户删除成功'))
    .input(byId)
    .output(z.void())
    .mutation(({ ctx, input }) => deleteCustomer(ctx.deps.db, ctx.user.factoryId, input.customer_id)),
});
