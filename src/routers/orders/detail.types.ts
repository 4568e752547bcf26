import { z } from 'zod';

const text = (example: string) => z.string().nullable().meta({ example });

const deliveryOrder = z
  .object({
    delivery_no: z.string().meta({ example: 'FY0000121' }),
    delivery_date: z.string().meta({ description: 'YYYY-MM-DD', example: '2026-11-18' }),
    logistics_company: text('顺丰速运'),
    logistics_code: text('SF123456789012').describe('the waybill number'),
    address: text('浙江省杭州市余杭区五常街道文一西路 998 号'),
    remark: text('分批发货'),
    attachments: z.array(z.string().meta({ example: 'https://static.example.com/erp/deliveries/D1-1.jpg' })).describe('photo URLs'),
    products: z.array(
      z.object({
        productName: z.string().meta({ example: '轴承零件' }),
        spec: z.string().nullable().meta({ example: 'BR-005-3' }),
        quantity: z.number().meta({ example: 120 }),
      }),
    ),
  })
  .meta({ id: 'DeliveryOrder' });

export const orderDetail = z
  .object({
    order_id: z.string().meta({ example: 'CODE001-ORD00012' }),
    order_no: z.string().meta({ example: 'SO202611090012' }),
    customer_name: z.string().meta({ example: '杭州零件制造有限公司' }),
    rmb_amount: z.number().meta({ description: 'yuan, exact to the cent', example: 12345.6 }),
    created_at: z.string().meta({ description: 'ISO 8601', example: '2026-11-09T03:00:00Z' }),
    order_date: z.string().meta({ description: 'ISO 8601', example: '2026-11-09T03:00:00Z' }),
    status: z.string().meta({ description: 'pending | producing | shipped | completed | cancelled', example: 'shipped' }),
    status_text: z.string().meta({ example: '已发货' }),
    delivery_date: z.string().nullable().meta({ description: 'promised delivery date, YYYY-MM-DD', example: '2026-11-29' }),
    remark: z.string().nullable().meta({ example: null }),
    delivery_orders: z.array(deliveryOrder).describe('shipments (发运单), first shipped first'),
  })
  .meta({ id: 'OrderDetail' });
