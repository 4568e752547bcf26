import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Family } from '../src/edge/meta.ts';
import { renderError, renderSuccess } from '../src/edge/render.ts';
import { toWireError } from '../src/edge/wire-error.ts';
import { AppError } from '../src/errors.ts';

const NOW = 1734090000000;
const parse = (r: { body: string | null }) => JSON.parse(r.body ?? 'null');

describe('success envelopes', () => {
  const data = JSON.stringify({ a: 1 });
  it.each<[Family, 'wrap' | 'spread' | 'bare', unknown]>([
    ['mini', 'wrap', { success: true, message: 'ok', timestamp: NOW, data: { a: 1 } }],
    ['admin', 'wrap', { success: true, message: 'ok', data: { a: 1 } }],
    ['admin', 'bare', { a: 1 }],
    ['mobile', 'spread', { success: true, a: 1 }],
    ['v1', 'wrap', { status: 'success', data: { a: 1 }, meta: { serverTime: new Date(NOW).toISOString() } }],
    ['bi', 'wrap', { success: true, data: { a: 1 } }],
    ['oauth', 'wrap', { a: 1 }],
  ])('%s/%s', (family, shape, expected) => {
    expect(parse(renderSuccess(family, data, { shape, message: 'ok', status: 200 }, NOW))).toEqual(expected);
  });

  it('v1 spread keeps the procedure’s data and meta; 204 has no body; admin void has no data', () => {
    const r = renderSuccess('v1', '{"data":[1],"meta":{"page":1}}', { shape: 'spread', message: '', status: 200 });
    expect(parse(r)).toEqual({ status: 'success', data: [1], meta: { page: 1 } });
    expect(renderSuccess('v1', undefined, { shape: 'wrap', message: '', status: 204 }).body).toBeNull();
    expect(parse(renderSuccess('admin', undefined, { shape: 'wrap', message: '登出成功', status: 200 }))).toEqual({
      success: true,
      message: '登出成功',
    });
    expect(parse(renderSuccess('mobile', '{}', { shape: 'spread', message: '', status: 200 }))).toEqual({ success: true });
  });

  it('OAuth answers are never cached (RFC 6749 §5.1)', () => {
    expect(renderSuccess('oauth', data, { shape: 'bare', message: '', status: 200 }).headers['cache-control']).toBe('no-store');
  });
});

describe('error envelopes', () => {
  const notFound = toWireError(new AppError('NOT_FOUND', '订单不存在'));
  it.each<[Family, number, unknown]>([
    ['mini', 200, { success: false, message: '订单不存在', code: 'NOT_FOUND', timestamp: NOW }],
    ['admin', 404, { success: false, message: '订单不存在', error_code: 'RESOURCE_NOT_FOUND' }],
    ['mobile', 404, { success: false, message: '订单不存在', code: 'NOT_FOUND_ERROR', timestamp: new Date(NOW).toISOString() }],
    ['v1', 404, { status: 'error', code: 'RESOURCE_NOT_FOUND', message: '订单不存在', details: [] }],
    ['bi', 404, { success: false, error: 'Not Found', message: '订单不存在' }],
    ['oauth', 404, { error: 'invalid_request', error_description: '订单不存在' }],
  ])('%s renders a not-found with status %i', (family, status, expected) => {
    const r = renderError(family, notFound, NOW);
    expect(r.status).toBe(status);
    expect(parse(r)).toEqual(expected);
  });

  it('mini business failures carry stable codes; an unbound user gets NEED_INVITE_BIND', () => {
    const r = renderError('mini', toWireError(new AppError('COMPANY_NOT_BOUND', '请先绑定企业')), NOW);
    expect(r.status).toBe(200);
    expect(parse(r)).toEqual({ success: false, message: '请先绑定企业', code: 'NEED_INVITE_BIND', timestamp: NOW });
  });

  it('turns zod failures into VALIDATION_FAILED with one detail per field in every family, in its language', () => {
    const result = z.object({ name: z.string(), quantity: z.number().positive() }).safeParse({ quantity: -1 });
    const wire = toWireError(result.error);
    expect(wire.code).toBe('VALIDATION_FAILED');
    expect(wire.details.map((d) => d.field)).toEqual(['name', 'quantity']);
    expect(renderError('v1', wire).status).toBe(422);
    expect(parse(renderError('v1', wire)).code).toBe('VALIDATION_FAILED');
    expect(parse(renderError('v1', wire)).details[1].message).toMatch(/Too small/);
    expect(renderError('mini', wire).status).toBe(400);
    for (const family of ['mini', 'admin', 'mobile'] as const) {
      const body = parse(renderError(family, wire));
      expect(body.message).toBe('参数验证失败');
      expect(body.details.map((d: { field: string }) => d.field)).toEqual(['name', 'quantity']);
      expect(body.details[1].message).toMatch(/过小/);
    }
    expect(parse(renderError('admin', wire)).error_code).toBe('VALIDATION_ERROR');
    expect(parse(renderError('bi', wire))).toMatchObject({
      message: 'Validation failed',
      details: [{ field: 'name' }, { field: 'quantity' }],
    });
  });

  it('keeps a message a schema spelled out in both languages', () => {
    const result = z.object({ factoryId: z.string().min(1, 'factoryId缺失') }).safeParse({ factoryId: '' });
    const body = parse(renderError('mobile', toWireError(result.error)));
    expect(body.details).toEqual([{ field: 'factoryId', message: 'factoryId缺失' }]);
  });

  it('challenges 401s (RFC 6750 §3) and names the scope of an insufficient_scope 403', () => {
    const missing = renderError('admin', toWireError(new AppError('UNAUTHENTICATED', 'Missing bearer token')));
    expect(missing.headers['www-authenticate']).toBe('Bearer realm="tracehub"');
    const bad = renderError('v1', toWireError(new AppError('INVALID_TOKEN', 'Token expired')));
    expect(bad.headers['www-authenticate']).toBe('Bearer realm="tracehub", error="invalid_token", error_description="Token expired"');
    const scope = renderError('admin', toWireError(new AppError('INSUFFICIENT_SCOPE', 'Scope write required', [], { scope: 'write' })));
    expect(scope.status).toBe(403);
    expect(scope.headers['www-authenticate']).toMatch(/error="insufficient_scope".*scope="write"/);
  });

  it('never leaks an unknown error', () => {
    const wire = toWireError(new Error('SQLITE_ERROR: no such table: secrets'));
    expect(wire.code).toBe('INTERNAL');
    expect(renderError('mini', wire).body).not.toContain('SQLITE');
    expect(renderError('mini', wire).status).toBe(500);
  });
});
