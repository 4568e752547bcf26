import { z } from 'zod';

export const message = z
  .object({
    messageId: z.string().meta({ example: '128' }),
    type: z.enum(['order_status', 'system']).meta({ example: 'order_status' }),
    title: z.string().meta({ example: '订单状态更新' }),
    content: z.string().meta({ example: '订单 SO202611090012 状态由「生产中」变为「已发货」' }),
    orderId: z.string().nullable().meta({ example: 'CODE001-ORD00012' }),
    orderNo: z.string().nullable().meta({ example: 'SO202611090012' }),
    status: z.string().nullable().meta({ description: "the order's new status", example: 'shipped' }),
    previousStatus: z.string().nullable().meta({ example: 'producing' }),
    isRead: z.boolean().meta({ example: false }),
    createTime: z.number().int().meta({ description: 'epoch ms', example: 1764230400000 }),
    readTime: z.number().int().nullable().meta({ description: 'epoch ms', example: null }),
    data: z.array(z.object({ key: z.string().meta({ example: '订单号' }), value: z.string().meta({ example: 'SO202611090012' }) })),
    action: z
      .object({
        type: z.literal('navigate'),
        text: z.string().meta({ example: '查看订单' }),
        url: z.string().meta({ example: '/pages/order-detail/order-detail?orderNo=SO202611090012' }),
        orderId: z.string().meta({ example: 'CODE001-ORD00012' }),
        orderNo: z.string().meta({ example: 'SO202611090012' }),
      })
      .nullable(),
  })
  .meta({ id: 'Message' });
