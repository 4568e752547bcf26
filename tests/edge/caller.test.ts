import { TRPCError } from '@trpc/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createContext } from '../../src/edge/context.ts';
import { createCallerFactory } from '../../src/edge/trpc.ts';
import { appRouter } from '../../src/routers/app-router.ts';
import { FACTORY_B, makeFactoryUser } from '../helpers/admin.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';

/**
 * The tRPC face without HTTP: `createCaller` runs the same pipeline (token family, scope,
 * permission, tenant) as REST and /trpc, and hands back outputs, not envelopes.
 */
const createCaller = createCallerFactory(appRouter);

describe.each(DIALECTS)('tRPC callers (%s)', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(dialect);
  });
  afterEach(() => t.close());

  const caller = (token?: string) =>
    createCaller(createContext(t.deps, { requestId: 'test', ip: '127.0.0.1', authorization: token ? `Bearer ${token}` : undefined }));

  it('creates and lists materials of the caller’s factory only', async () => {
    const a = await makeFactoryUser(t);
    const b = await makeFactoryUser(t, { factoryId: FACTORY_B });
    const created = await caller(a.token).admin.materials.create({ name: '锌精矿', code: 'ZN-01', purpose: '原料' });
    expect(created).toMatchObject({ name: '锌精矿', code: 'ZN-01' });
    expect((await caller(a.token).admin.materials.list()).map((m) => m.name)).toEqual(['锌精矿']);
    expect(await caller(b.token).admin.materials.list()).toEqual([]);
  });

  it('refuses without a token, with a bad one and without the permission, as TRPCErrors', async () => {
    const codeOf = (p: Promise<unknown>) =>
      p.then(
        () => 'ok',
        (e: unknown) => (e instanceof TRPCError ? e.code : String(e)),
      );
    expect(await codeOf(caller().admin.materials.list())).toBe('UNAUTHORIZED');
    expect(await codeOf(caller('not-a-jwt').admin.materials.list())).toBe('UNAUTHORIZED');
    const viewer = await makeFactoryUser(t, { role: 'viewer' });
    expect(await codeOf(caller(viewer.token).admin.materials.create({ name: 'x', code: 'X-1', purpose: '原料' }))).toBe('FORBIDDEN');
  });
});
