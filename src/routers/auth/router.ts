import { router } from '../../edge/trpc.ts';
import { activationRouter, permissionsRouter } from './activation.ts';
import { loginProcedure, logoutProcedure, meProcedure, refreshTokenProcedure, registerProcedure } from './admin-session.ts';
import { bindCompanyProcedure } from './bind-company.ts';
import { jwksProcedure } from './jwks.ts';
import { factoryLoginProcedure, platformLoginProcedure } from './mobile/login.ts';
import { mobileAuthRouter } from './mobile/router.ts';
import { changePasswordProcedure } from './mobile/session.ts';
import { oauthRouter } from './oauth.ts';
import { profileProcedure } from './profile.ts';
import { userInfoProcedure } from './user-info.ts';
import { v1AuthRouter } from './v1.ts';
import { verifyTokenProcedure } from './verify-token.ts';
import { wxLoginProcedure } from './wx-login.ts';

export const authRouter = router({
  wxLogin: wxLoginProcedure,
  bindCompany: bindCompanyProcedure,
  profile: profileProcedure,
  // spec 002
  mobile: mobileAuthRouter,
  activation: activationRouter,
  permissions: permissionsRouter,
  factoryLogin: factoryLoginProcedure,
  platformLogin: platformLoginProcedure,
  changePassword: changePasswordProcedure,
  v1: v1AuthRouter,
  login: loginProcedure,
  refreshToken: refreshTokenProcedure,
  register: registerProcedure,
  logout: logoutProcedure,
  me: meProcedure,
  verifyToken: verifyTokenProcedure,
  jwks: jwksProcedure,
  userInfo: userInfoProcedure,
  oauth: oauthRouter,
});
