import { router } from '../../trpc/init.ts';
import { loginProcedure, logoutProcedure, meProcedure, registerProcedure } from './admin-session.ts';
import { bindCompanyProcedure } from './bind-company.ts';
import { profileProcedure } from './profile.ts';
import { wxLoginProcedure } from './wx-login.ts';

export const authRouter = router({
  wxLogin: wxLoginProcedure,
  bindCompany: bindCompanyProcedure,
  profile: profileProcedure,
  login: loginProcedure,
  register: registerProcedure,
  logout: logoutProcedure,
  me: meProcedure,
});
