import { webcrypto } from 'node:crypto';
import { serve } from '@hono/node-server';
import SQLite from 'better-sqlite3';
import { Hono } from 'hono';
import { jwtVerify } from 'jose';
import { type MaterialRow, searchAnswer } from './bare-answer.ts';
import { BENCH_SECRET } from './fixture.ts';

/**
 * The baseline: bare Hono + hand-prepared better-sqlite3 statements + jose, doing the same work
 * as the full stack's GET /api/orders/search with the cache off (token check; user, revocation
 * and binding in one statement; page with total; materials) and the same mini envelope.
 */
export function startBareServer(dbPath: string, port: number) {
  const db = new SQLite(dbPath, { readonly: true });
  // imported once as a CryptoKey, as src/services/identity/tokens.ts does: a KeyObject makes jose
  // import it on every verify (≈70 µs a request)
  const key = webcrypto.subtle.importKey('raw', Buffer.from(BENCH_SECRET), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
  const userStmt = db.prepare(
    `select id, is_active, exists(select 1 from revoked_tokens where jti = ?) as revoked,
       (select company_id from company_bindings where user_id = users.id) as company_id
     from users where id = ?`,
  );
  const pageStmt = db.prepare(
    `select order_id, order_no, customer_name, order_date, status
     from erp_orders where company_id = ? order by order_date desc, order_id desc limit ? offset ?`,
  );
  const countStmt = db.prepare('select count(*) as n from erp_orders where company_id = ?');
  const app = new Hono();
  app.get('/api/orders/search', async (c) => {
    const m = /^Bearer (.+)$/.exec(c.req.header('authorization') ?? '');
    if (!m?.[1]) return c.json({ success: false, message: 'Missing bearer token', timestamp: Date.now() }, 401);
    const { payload } = await jwtVerify(m[1], await key, { algorithms: ['HS256'], issuer: 'tracehub', audience: 'tracehub-api' });
    const user = userStmt.get(payload.jti, Number(payload.sub)) as
      | { is_active: number; revoked: number; company_id: string | null }
      | undefined;
    if (!user || user.revoked || !user.is_active) return c.json({ success: false }, 401);
    if (!user.company_id) return c.json({ success: false, message: '未绑定企业', timestamp: Date.now() });
    const page = Number(c.req.query('page') ?? 1);
    const pageSize = Number(c.req.query('pageSize') ?? 20);
    const rows = pageStmt.all(user.company_id, pageSize, (page - 1) * pageSize) as { order_id: string }[];
    const { n: total } = countStmt.get(user.company_id) as { n: number };
    const ids = rows.map((r) => r.order_id);
    const mats = db
      .prepare(
        `select order_id, material_id, material_code, status from erp_order_materials where order_id in (${ids.map(() => '?').join(',')}) order by order_id, seq`,
      )
      .all(...ids) as MaterialRow[];
    return c.json(searchAnswer(rows, mats, total, page, pageSize));
  });
  return serve({ fetch: app.fetch, port, hostname: '127.0.0.1' });
}
