import { router } from '../../../trpc/init.ts';
import { bindDeviceProcedure, deviceLoginProcedure, devicesProcedure } from './devices.ts';
import { unifiedLoginProcedure } from './login.ts';
import { logoutProcedure, mobileProfileProcedure, refreshTokenProcedure } from './session.ts';

/** `auth.mobile`: spec 002's /api/mobile/auth/* operations. */
export const mobileAuthRouter = router({
  unifiedLogin: unifiedLoginProcedure,
  refreshToken: refreshTokenProcedure,
  logout: logoutProcedure,
  profile: mobileProfileProcedure,
  bindDevice: bindDeviceProcedure,
  deviceLogin: deviceLoginProcedure,
  devices: devicesProcedure,
});
