import { router } from '../../trpc/init.ts';
import { bindCompanyProcedure } from './bind-company.ts';
import { profileProcedure } from './profile.ts';
import { v1AuthRouter } from './v1.ts';
import { wxLoginProcedure } from './wx-login.ts';

export const authRouter = router({
  wxLogin: wxLoginProcedure,
  bindCompany: bindCompanyProcedure,
  profile: profileProcedure,
  v1: v1AuthRouter,
});
