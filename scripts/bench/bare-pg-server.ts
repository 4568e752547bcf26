import { webcrypto } from 'node:crypto';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { jwtVerify } from 'jose';
import pg from 'pg';
import { type MaterialRow, searchAnswer } from './bare-answer.ts';
import { BENCH_SECRET } from './fixture.ts';

pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

/**
 * The Postgres baseline of the mini suite: bare Hono + `pg` named (server-side prepared)
 * statements + jose, doing the work of the full stack's GET /api/orders/search with the cache off
 * (token check; user, revocation and binding in one statement; page with total; materials), same
 * envelope.
 */
export async function startBarePgServer(url: string, port: number) {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // imported once as a CryptoKey, as src/services/identity/tokens.ts does: a KeyObject makes jose
  // import it on every verify (≈70 µs a request)
  const key = webcrypto.subtle.importKey('raw', Buffer.from(BENCH_SECRET), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
  const q = async <T>(name: string, text: string, values: unknown[]) => (await pool.query({ name, text, values })).rows as T[];
  const app = new Hono();
  app.get('/api/orders/search', async (c) => {
    const m = /^Bearer (.+)$/.exec(c.req.header('authorization') ?? '');
    if (!m?.[1]) return c.json({ success: false, message: 'Missing bearer token', timestamp: Date.now() }, 401);
    const { payload } = await jwtVerify(m[1], await key, { algorithms: ['HS256'], issuer: 'tracehub', audience: 'tracehub-api' });
    const [user] = await q<{ is_active: number; revoked: boolean; company_id: string | null }>(
      'user',
      `select id, is_active, exists(select 1 from revoked_tokens where jti = $1) as revoked,
         (select company_id from company_bindings where user_id = users.id) as company_id
       from users where id = $2`,
      [payload.jti, Number(payload.sub)],
    );
    if (!user || user.revoked || !user.is_active) return c.json({ success: false }, 401);
    const companyId = user.company_id;
    if (!companyId) return c.json({ success: false, message: '未绑定企业', timestamp: Date.now() });
    const page = Number(c.req.query('page') ?? 1);
    const pageSize = Number(c.req.query('pageSize') ?? 20);
    const [rows, count] = await Promise.all([
      q<{ order_id: string }>(
        'page',
        `select order_id, order_no, customer_name, order_date, status
         from erp_orders where company_id = $1 order by order_date desc, order_id desc limit $2 offset $3`,
        [companyId, pageSize, (page - 1) * pageSize],
      ),
      q<{ n: number }>('count', 'select count(*)::int as n from erp_orders where company_id = $1', [companyId]),
    ]);
    const mats = await q<MaterialRow>(
      'materials',
      'select order_id, material_id, material_code, status from erp_order_materials where order_id = any($1) order by order_id, seq',
      [rows.map((r) => r.order_id)],
    );
    return c.json(searchAnswer(rows, mats, count[0]?.n ?? 0, page, pageSize));
  });
  return serve({ fetch: app.fetch, port, hostname: '127.0.0.1' });
}
