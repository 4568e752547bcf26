import { deviceAuthorization } from './device-authorization.ts';
import { FORM, JSON_BODY } from './schemas.ts';

/** POST /api/v1/oauth/device/authorize: the device authorization at the BI CLI's path (REAL-CLIENTS.md), JSON or form. */
export const cliDeviceAuthorizationProcedure = deviceAuthorization(
  'POST /api/v1/oauth/device/authorize',
  'Start a device authorization (the BI CLI’s path)',
  [JSON_BODY, FORM],
);
