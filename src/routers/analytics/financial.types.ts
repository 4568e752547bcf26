import { z } from 'zod';
import { merchantId, money, month } from './schemas.ts';

export const financialInput = z.object({ month, merchant_id: merchantId });

export const financialOutput = z.object({
  gross_revenue: money,
  platform_fee: money,
  net_revenue: money,
  pending_transfers: money,
  completed_transfers: money,
  transfer_count: z.number().int(),
});
