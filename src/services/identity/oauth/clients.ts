import type { Db } from '../../../db/connect.ts';
import { isUniqueViolation } from '../../../db/sql.ts';
import { AppError } from '../../../errors.ts';

/** An OAuth public client of the device flow (RFC 8628 §3.1 `client_id`), as platform admins see it. */
export interface OAuthClientView {
  clientId: string;
  name: string;
  isActive: boolean;
  /** Epoch ms. */
  createdAt: number;
  /** Epoch ms. */
  updatedAt: number;
}

/** RFC 6749 §2.2 leaves client ids to the server: 3–100 letters, digits, `.`, `_`, `-`. */
export const CLIENT_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{2,99}$/;

const view = (r: { client_id: string; name: string; is_active: number; created_at: number; updated_at: number }): OAuthClientView => ({
  clientId: r.client_id,
  name: r.name,
  isActive: r.is_active === 1,
  createdAt: Number(r.created_at),
  updatedAt: Number(r.updated_at),
});

/** Whether a client id is registered and not disabled (checked on every device-flow request). */
export async function isActiveClient(db: Db, clientId: string): Promise<boolean> {
  const row = await db.selectFrom('oauth_clients').select('is_active').where('client_id', '=', clientId).executeTakeFirst();
  return row?.is_active === 1;
}

/** `GET /api/platform/oauth-clients`: every registered client, active or not, oldest first. */
export async function listClients(db: Db): Promise<OAuthClientView[]> {
  const rows = await db.selectFrom('oauth_clients').selectAll().orderBy('created_at').orderBy('client_id').execute();
  return rows.map(view);
}

/**
 * `POST /api/platform/oauth-clients`: registers a public client (the BI CLI's id is chosen per
 * deployment, REAL-CLIENTS.md).
 * @param input.createdBy the platform admin's user id.
 * @throws AppError DUPLICATE_RESOURCE when the id is taken (a disabled client keeps its id).
 */
export async function registerClient(
  db: Db,
  input: { clientId: string; name: string; createdBy: number | null },
  now = Date.now(),
): Promise<OAuthClientView> {
  try {
    const row = await db
      .insertInto('oauth_clients')
      .values({ client_id: input.clientId, name: input.name, created_by: input.createdBy, created_at: now, updated_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    return view(row);
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new AppError('DUPLICATE_RESOURCE', { zh: 'OAuth 客户端已存在', en: 'OAuth client already exists' }, [
        { field: 'clientId', message: `${input.clientId} is taken` },
      ]);
    }
    throw err;
  }
}

/**
 * `PUT /api/platform/oauth-clients/{clientId}/disable`: the client can no longer start or finish
 * a device authorization nor refresh; its refresh tokens are revoked and its pending requests
 * denied. Access tokens already issued run out (1 h). Idempotent.
 * @throws AppError NOT_FOUND for an unknown client.
 */
export async function disableClient(db: Db, clientId: string, now = Date.now()): Promise<OAuthClientView> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('oauth_clients')
      .set({ is_active: 0, updated_at: now })
      .where('client_id', '=', clientId)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', { zh: 'OAuth 客户端不存在', en: 'OAuth client not found' });
    await trx
      .updateTable('refresh_tokens')
      .set({ revoked_at: now })
      .where('client', '=', `oauth:${clientId}`)
      .where('revoked_at', 'is', null)
      .execute();
    await trx
      .updateTable('oauth_device_codes')
      .set({ status: 'denied', decided_at: now })
      .where('client_id', '=', clientId)
      .where('status', 'in', ['pending', 'approved'])
      .execute();
    return view(row);
  });
}

/**
 * Registers at start the clients config OAUTH_CLIENTS names that the table lacks (a deployment
 * can name its CLI's id without an admin call). A client already there is left as it is: the
 * table decides, so a disabled one stays disabled.
 * @returns the ids registered now.
 */
export async function registerBootstrapClients(db: Db, clientIds: readonly string[], now = Date.now()): Promise<string[]> {
  const added: string[] = [];
  for (const clientId of clientIds) {
    const r = await db
      .insertInto('oauth_clients')
      .values({ client_id: clientId, name: clientId, created_by: null, created_at: now, updated_at: now })
      .onConflict((oc) => oc.column('client_id').doNothing())
      .executeTakeFirst();
    if (Number(r.numInsertedOrUpdatedRows ?? 0) === 1) added.push(clientId);
  }
  return added;
}
