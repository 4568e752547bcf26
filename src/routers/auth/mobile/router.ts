import { router } from '../../../edge/trpc.ts';
import { bindDeviceProcedure, deviceLoginProcedure, devicesProcedure } from './devices.ts';
import { unifiedLoginProcedure } from './login.ts';
import { registerPhaseOneProcedure, registerPhaseTwoProcedure, sendVerificationProcedure } from './registration.ts';
import { logoutProcedure, mobileProfileProcedure, refreshTokenProcedure } from './session.ts';

/** `auth.mobile`: spec 002's /api/mobile/auth/* operations. */
export const mobileAuthRouter = router({
  unifiedLogin: unifiedLoginProcedure,
  sendVerification: sendVerificationProcedure,
  registerPhaseOne: registerPhaseOneProcedure,
  registerPhaseTwo: registerPhaseTwoProcedure,
  refreshToken: refreshTokenProcedure,
  logout: logoutProcedure,
  profile: mobileProfileProcedure,
  bindDevice: bindDeviceProcedure,
  deviceLogin: deviceLoginProcedure,
  devices: devicesProcedure,
});
