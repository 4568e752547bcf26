import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '../src/errors.ts';
import { type EnvelopeStyle, renderError, renderSuccess, toWireError } from '../src/trpc/envelopes.ts';

const NOW = 1734090000000;
const parse = (r: { body: string | null }) => JSON.parse(r.body ?? 'null');

describe('success envelopes', () => {
  const data = JSON.stringify({ a: 1 });
  it.each<[EnvelopeStyle, 'wrap' | 'spread' | 'bare', unknown]>([
    ['mini', 'wrap', { success: true, message: 'ok', timestamp: NOW, data: { a: 1 } }],
    ['admin', 'wrap', { success: true, message: 'ok', data: { a: 1 } }],
    ['admin', 'bare', { a: 1 }],
    ['mobile', 'spread', { success: true, a: 1 }],
    ['v1', 'wrap', { status: 'success', data: { a: 1 }, meta: { serverTime: new Date(NOW).toISOString() } }],
    ['bi', 'wrap', { success: true, data: { a: 1 } }],
    ['raw', 'wrap', { a: 1 }],
  ])('%s/%s', (style, shape, expected) => {
    expect(parse(renderSuccess(style, { dataJson: data, shape, message: 'ok', status: 200 }, NOW))).toEqual(expected);
  });

  it('v1 spread keeps the procedure’s data and meta; 204 has no body; admin void has no data', () => {
    const r = renderSuccess('v1', { dataJson: '{"data":[1],"meta":{"page":1}}', shape: 'spread', message: '', status: 200 });
    expect(parse(r)).toEqual({ status: 'success', data: [1], meta: { page: 1 } });
    expect(renderSuccess('v1', { dataJson: undefined, shape: 'wrap', message: '', status: 204 }).body).toBeNull();
    expect(parse(renderSuccess('admin', { dataJson: undefined, shape: 'wrap', message: '登出成功', status: 200 }))).toEqual({
      success: true,
      message: '登出成功',
    });
    expect(parse(renderSuccess('mobile', { dataJson: '{}', shape: 'spread', message: '', status: 200 }))).toEqual({ success: true });
  });
});

describe('error envelopes', () => {
  const notFound = toWireError(new AppError('NOT_FOUND', '订单不存在'));
  it.each<[EnvelopeStyle, number, unknown]>([
    ['mini', 200, { success: false, message: '订单不存在', timestamp: NOW }],
    ['admin', 404, { success: false, message: '订单不存在', error_code: 'RESOURCE_NOT_FOUND' }],
    ['mobile', 404, { success: false, message: '订单不存在', code: 'NOT_FOUND_ERROR', timestamp: new Date(NOW).toISOString() }],
    [
      'v1',
      404,
      { status: 'error', code: 'RESOURCE_NOT_FOUND', message: '订单不存在', details: [{ field: 'id', message: expect.any(String) }] },
    ],
    ['bi', 404, { success: false, error: 'Not Found', message: '订单不存在' }],
    ['raw', 404, { error: 'not_found', error_description: '订单不存在' }],
  ])('%s renders a not-found with status %i', (style, status, expected) => {
    const e = { ...notFound, details: style === 'v1' ? [{ field: 'id', message: 'x' }] : notFound.details };
    const r = renderError(style, e, NOW);
    expect(r.status).toBe(status);
    expect(parse(r)).toEqual(expected);
  });

  it('turns zod failures into VALIDATION_FAILED with one detail per field: 422 in v1, 400 elsewhere', () => {
    const result = z.object({ name: z.string(), quantity: z.number().positive() }).safeParse({ quantity: -1 });
    const wire = toWireError(result.error);
    expect(wire.code).toBe('VALIDATION_FAILED');
    expect(wire.details.map((d) => d.field)).toEqual(['name', 'quantity']);
    expect(renderError('v1', wire).status).toBe(422);
    expect(parse(renderError('v1', wire)).code).toBe('VALIDATION_FAILED');
    expect(renderError('mini', wire).status).toBe(400);
    expect(parse(renderError('admin', wire)).error_code).toBe('VALIDATION_ERROR');
    expect(parse(renderError('mobile', wire)).message).toMatch(/name.*quantity/);
  });

  it('never leaks an unknown error', () => {
    const wire = toWireError(new Error('SQLITE_ERROR: no such table: secrets'));
    expect(wire).toEqual({ code: 'INTERNAL', message: 'Internal server error', details: [] });
    expect(renderError('mini', wire).body).not.toContain('SQLITE');
    expect(renderError('mini', wire).status).toBe(500);
  });
});
