import { router } from '../../trpc/init.ts';
import { bindCompanyProcedure } from './bind-company.ts';
import { profileProcedure } from './profile.ts';
import { userInfoProcedure } from './user-info.ts';
import { verifyTokenProcedure } from './verify-token.ts';
import { wxLoginProcedure } from './wx-login.ts';

export const authRouter = router({
  wxLogin: wxLoginProcedure,
  bindCompany: bindCompanyProcedure,
  profile: profileProcedure,
  verifyToken: verifyTokenProcedure,
  userInfo: userInfoProcedure,
});
