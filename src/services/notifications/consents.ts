import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';

/** What `wx.requestSubscribeMessage` reports per template id. */
export type SubscribeResult = 'accept' | 'reject' | 'ban' | 'filter';

export interface ConsentState {
  templateId: string;
  result: SubscribeResult;
  /** Sends the ledger still allows for this template. */
  remaining: number;
}

/**
 * `POST /api/wechat/subscriptions`: records what the user answered to `wx.requestSubscribeMessage`
 * in the consent ledger (WeChat one-time subscriptions: each `accept` allows one send of that
 * template). `reject` and `filter` leave earlier consents in place; `ban` (the template is
 * blocked) clears them.
 * @param results template id → result, as the mini-program received them.
 * @returns each template's result and the sends left.
 */
export async function recordSubscribeResults(db: Db, userId: number, results: Record<string, SubscribeResult>): Promise<ConsentState[]> {
  const now = Date.now();
  for (const [templateId, result] of Object.entries(results)) {
    const accepted = result === 'accept' ? 1 : 0;
    await db
      .insertInto('subscribe_consents')
      .values({
        user_id: userId,
        template_id: templateId,
        remaining: accepted,
        accepted_total: accepted,
        last_result: result,
        updated_at: now,
      })
      .onConflict((oc) =>
        oc.columns(['user_id', 'template_id']).doUpdateSet((eb) => ({
          remaining: result === 'ban' ? 0 : eb('subscribe_consents.remaining', '+', accepted),
          accepted_total: eb('subscribe_consents.accepted_total', '+', accepted),
          last_result: result,
          updated_at: now,
        })),
      )
      .execute();
  }
  const ids = Object.keys(results);
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('subscribe_consents')
    .select(['template_id', 'last_result', 'remaining'])
    .where('user_id', '=', userId)
    .where('template_id', 'in', ids)
    .execute();
  return ids.map((id) => {
    const r = rows.find((x) => x.template_id === id);
    return { templateId: id, result: (r?.last_result ?? results[id]) as SubscribeResult, remaining: Number(r?.remaining ?? 0) };
  });
}

/**
 * Takes one send from the ledger, atomically (one conditional UPDATE: two instances can never
 * take the same consent).
 * @returns true when a consent was taken.
 */
export async function takeConsent(db: Db, userId: number, templateId: string): Promise<boolean> {
  const r = await db
    .updateTable('subscribe_consents')
    .set({ remaining: sql`remaining - 1`, updated_at: Date.now() })
    .where('user_id', '=', userId)
    .where('template_id', '=', templateId)
    .where('remaining', '>', 0)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Gives back a consent a send did not use (WeChat refused or failed: nothing was delivered). */
export async function returnConsent(db: Db, userId: number, templateId: string): Promise<void> {
  await db
    .updateTable('subscribe_consents')
    .set({ remaining: sql`remaining + 1`, updated_at: Date.now() })
    .where('user_id', '=', userId)
    .where('template_id', '=', templateId)
    .execute();
}

/** Keeps the ledger in step with WeChat after a send made elsewhere (spec 000 `template-msg`) used a consent. */
export async function noteConsentUsed(db: Db, userId: number, templateId: string): Promise<void> {
  await takeConsent(db, userId, templateId);
}
