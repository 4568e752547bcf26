import type { Selectable } from 'kysely';
import type { OrderStatusEventsTable } from '../../../db/database.ts';
import type { AppDeps } from '../../deps.ts';
import { type ErpOrderStatus, ORDER_STATUS_TEXT } from '../../integrations/erp/types.ts';

/** What the order-status job uses: the database, the ERP it polls, WeChat it pushes to. */
export type NotifierDeps = Pick<AppDeps, 'db' | 'erp' | 'wechat' | 'config' | 'logger'>;

/** One recorded status change (`order_status_events`): by the poll, or the embedded ERP's trigger. */
export type StatusEvent = Selectable<OrderStatusEventsTable>;

/** A status's Chinese label (`shipped` → 已发货); an unknown status as it is. */
export const statusText = (s: string) => ORDER_STATUS_TEXT[s as ErpOrderStatus] ?? s;
