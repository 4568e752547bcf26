import { router } from '../../trpc/init.ts';

/** BI analytics (spec 004); procedures arrive with the BI issue. */
export const biRouter = router({});
