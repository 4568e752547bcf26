import { FORM, JSON_BODY } from './schemas.ts';
import { tokenEndpoint } from './token.ts';

/** POST /api/v1/oauth/device/token: the token endpoint at the BI CLI's path (REAL-CLIENTS.md), form or JSON. */
export const cliTokenProcedure = tokenEndpoint('POST /api/v1/oauth/device/token', 'Token endpoint (the BI CLI’s path)', [FORM, JSON_BODY]);
