/** RFC 8628 §3.1–3.2: a client starts a device authorization. */
import { randomBytes } from 'node:crypto';
import type { Config } from '../../../config.ts';
import type { Db } from '../../../db/connect.ts';
import { DEVICE_CODE_TTL_S, formatUserCode, hashDeviceCode, newUserCode, POLL_INTERVAL_S, requireActiveClient } from './device-codes.ts';

/** The RFC 8628 §3.2 device authorization response. */
export interface DeviceAuthorization {
  device_code: string;
  user_code: string;
  verification_uri: string;
  verification_uri_complete: string;
  /** Seconds. */
  expires_in: number;
  /** Seconds between polls. */
  interval: number;
}

/**
 * RFC 8628 §3.1–3.2 device authorization request (spec 004 §2).
 * @param input.clientId an active client of the `oauth_clients` table.
 * @param input.scope optional, space-separated; kept and narrowed to the user's scopes on approval.
 * @returns the device_code (256 random bits, base64url; only its hash is stored), the user_code
 *   shown as `XXXX-XXXX`, the verification URIs under PUBLIC_BASE_URL, expires_in 600, interval 5.
 * @throws AppError OAUTH_INVALID_REQUEST (no client_id), OAUTH_INVALID_CLIENT (unknown or disabled client, 401).
 */
export async function startDeviceAuthorization(
  deps: { db: Db; config: Pick<Config, 'PUBLIC_BASE_URL'> },
  input: { clientId?: string | undefined; scope?: string | undefined },
  now = Date.now(),
): Promise<DeviceAuthorization> {
  const clientId = await requireActiveClient(deps.db, input.clientId);
  const deviceCode = randomBytes(32).toString('base64url');
  // A user_code collision with a live one is retried; expired ones are cleared first.
  await deps.db
    .deleteFrom('oauth_device_codes')
    .where('expires_at', '<', now - 86_400_000)
    .execute();
  for (let attempt = 0; ; attempt++) {
    const userCode = newUserCode();
    try {
      await deps.db
        .insertInto('oauth_device_codes')
        .values({
          device_code_hash: hashDeviceCode(deviceCode),
          user_code: userCode,
          client_id: clientId,
          scope: input.scope?.trim() || null,
          status: 'pending',
          user_id: null,
          interval_s: POLL_INTERVAL_S,
          last_polled_at: null,
          expires_at: now + DEVICE_CODE_TTL_S * 1000,
          created_at: now,
          decided_at: null,
        })
        .execute();
      const base = deps.config.PUBLIC_BASE_URL.replace(/\/$/, '');
      const shown = formatUserCode(userCode);
      return {
        device_code: deviceCode,
        user_code: shown,
        verification_uri: `${base}/device`,
        verification_uri_complete: `${base}/device?user_code=${shown}`,
        expires_in: DEVICE_CODE_TTL_S,
        interval: POLL_INTERVAL_S,
      };
    } catch (err) {
      if (attempt >= 4) throw err;
    }
  }
}
