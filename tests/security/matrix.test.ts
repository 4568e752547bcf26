import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Family } from '../../src/edge/meta.ts';
import { createTestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { QueryLog } from '../helpers/query-log.ts';
import { checksOf } from './checks.ts';
import { FIXTURES } from './fixtures.ts';
import { RECORDS, type TenantRecord } from './records.ts';
import { type Env, PROTECTED, type Protected } from './requests.ts';
import { World } from './world.ts';

/**
 * THE security matrix: every protected operation of the routers (their meta, through `accessOf`)
 * against no token, bad tokens, other families' tokens, a missing scope, a missing permission or
 * the wrong kind of user, and another tenant's record. Every refusal must come in the family's
 * envelope, before the procedure ran. Checks: tests/security/checks.ts (expected answers in
 * refusals.ts); fixtures: tests/security/fixtures.ts.
 */

describe('security matrix fixtures', () => {
  it('cover every protected operation', () => {
    const missing = PROTECTED.filter((p) => !Object.hasOwn(FIXTURES, p.op.procedurePath)).map((p) => p.op.procedurePath);
    expect(missing, 'protected operations without a fixture in tests/security/fixtures.ts').toEqual([]);
  });

  it('name only protected operations that exist', () => {
    const known = new Set(PROTECTED.map((p) => p.op.procedurePath));
    expect(Object.keys(FIXTURES).filter((path) => !known.has(path))).toEqual([]);
  });

  it('give every operation with path parameters a tenant record or the reason it has none', () => {
    const unexplained = PROTECTED.filter((p) => p.op.segments.some((s) => 'param' in s))
      .filter((p) => FIXTURES[p.op.procedurePath] && !FIXTURES[p.op.procedurePath]!.record && !FIXTURES[p.op.procedurePath]!.noTenantCheck)
      .map((p) => p.op.procedurePath);
    expect(unexplained).toEqual([]);
  });
});

const GROUPS = new Map<Family, Protected[]>();
for (const p of PROTECTED) GROUPS.set(p.op.family, [...(GROUPS.get(p.op.family) ?? []), p]);

describe.each(DIALECTS)('security matrix on %s', (dialect) => {
  for (const [family, group] of GROUPS) {
    describe(`${family} operations`, () => {
      const env = {} as Env;
      let dir: string;
      beforeAll(async () => {
        dir = await mkdtemp(join(tmpdir(), 'tracehub-matrix-'));
        env.log = new QueryLog();
        env.t = await createTestApp(dialect, { env: { ATTACHMENTS_DIR: dir, UPLOAD_DIR: dir }, plugins: [env.log] });
        env.w = await World.create(env.t);
      });
      afterAll(async () => {
        await env.t?.close();
        await rm(dir, { recursive: true, force: true });
      });

      for (const p of group) {
        const fixture = FIXTURES[p.op.procedurePath];
        if (!fixture) continue; // reported by 'cover every protected operation'
        describe(`${p.op.method} ${p.op.template} (${p.op.procedurePath})`, () => {
          let own: TenantRecord | undefined;
          beforeAll(async () => {
            if (fixture.record) own = await RECORDS[fixture.record](env.w, 'A');
          });
          for (const check of checksOf(p, fixture)) it(check.name, () => check.run(env, own));
        });
      }
    });
  }
});
