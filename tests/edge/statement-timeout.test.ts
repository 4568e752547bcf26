import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { toWireError } from '../../src/edge/wire-error.ts';

// A report that outruns DB_STATEMENT_TIMEOUT_MS on Postgres is the server's limit, not a bug: 503
// in the route's envelope (every operation documents it), with a message saying what to do.
describe.runIf(process.env.TEST_DATABASE_URL)('Postgres statement timeout', () => {
  it('becomes SERVICE_UNAVAILABLE, other database errors stay INTERNAL', async () => {
    const pool = new pg.Pool({ connectionString: process.env.TEST_DATABASE_URL, max: 1, statement_timeout: 20 });
    try {
      const timedOut = await pool.query('select pg_sleep(1)').catch((e: unknown) => e);
      expect((timedOut as { code?: string }).code).toBe('57014');
      const wire = toWireError(timedOut);
      expect(wire.code).toBe('SERVICE_UNAVAILABLE');
      expect(wire.message.en).toMatch(/longer than the server allows/);
      const broken = await pool.query('select * from no_such_table').catch((e: unknown) => e);
      expect(toWireError(broken).code).toBe('INTERNAL');
    } finally {
      await pool.end();
    }
  });
});
