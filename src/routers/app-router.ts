import { router } from '../edge/trpc.ts';
import { adminRouter } from './admin/router.ts';
import { authRouter } from './auth/router.ts';
import { biRouter } from './bi/router.ts';
import { ordersRouter } from './orders/router.ts';
import { wechatRouter } from './wechat/router.ts';

/** The whole API: five routers, one procedure per REST operation (DESIGN.md). */
export const appRouter = router({
  auth: authRouter,
  orders: ordersRouter,
  wechat: wechatRouter,
  admin: adminRouter,
  bi: biRouter,
});

export type AppRouter = typeof appRouter;
