import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppDeps } from '../../deps.ts';
import { AppError } from '../../errors.ts';
import { hasPermission } from '../../services/auth/permissions.ts';
import { authenticate } from '../../services/auth/principal.ts';
import { type IncomingFile, saveMobileUploads, UPLOAD_RULES } from '../../services/mobile/uploads.ts';
import { renderError, toWireError } from '../../trpc/envelopes.ts';
import type { HttpVariables } from '../variables.ts';

export const MOBILE_UPLOAD_PATH = '/api/mobile/upload/mobile';
/** Whole multipart body: ten full files plus room for the other fields and boundaries. */
const MAX_BODY = UPLOAD_RULES.maxFiles * UPLOAD_RULES.maxBytes + 1024 * 1024;

/**
 * Spec 002's multipart upload (trpc-to-openapi cannot take multipart), answering in the mobile
 * envelope. Mounted before the app-wide body limit, which is far below ten 10 MB files.
 */
export function mobileRoutes(deps: AppDeps): Hono<{ Variables: HttpVariables }> {
  const app = new Hono<{ Variables: HttpVariables }>();
  const fail = (err: unknown, headers?: Headers) => {
    const wire = toWireError(err);
    if (wire.code === 'INTERNAL') deps.logger.error({ err }, 'upload failed');
    const r = renderError('mobile', wire);
    const h = new Headers(headers);
    h.set('content-type', 'application/json; charset=utf-8');
    return new Response(r.body, { status: r.status, headers: h });
  };

  app.post(
    MOBILE_UPLOAD_PATH,
    bodyLimit({ maxSize: MAX_BODY, onError: () => fail(new AppError('PAYLOAD_TOO_LARGE', '上传内容超过限制')) }),
    async (c) => {
      c.set('routePattern', MOBILE_UPLOAD_PATH);
      const headers = new Headers();
      try {
        const bearer = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '')?.[1];
        if (!bearer) throw new AppError('UNAUTHENTICATED', 'Missing bearer token');
        const user = await authenticate(deps.db, deps.tokens, bearer);
        if (!hasPermission(user.permissions, 'attachment_create'))
          throw new AppError('PERMISSION_DENIED', 'Permission attachment_create required');
        const rl = await deps.rateLimiter.hit('mobile.upload', `u:${user.id}`, { limit: 30 });
        headers.set('X-RateLimit-Limit', String(rl.limit));
        headers.set('X-RateLimit-Remaining', String(rl.remaining));
        headers.set('X-RateLimit-Reset', String(rl.resetSeconds));
        if (rl.retryAfterSeconds !== undefined) {
          headers.set('Retry-After', String(rl.retryAfterSeconds));
          throw new AppError('RATE_LIMITED', `Too many requests, retry in ${rl.retryAfterSeconds} s`);
        }
        if (!(c.req.header('content-type') ?? '').toLowerCase().startsWith('multipart/form-data')) {
          throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Content-Type multipart/form-data required');
        }
        const form = await c.req.parseBody({ all: true }).catch((cause) => {
          throw new AppError('MALFORMED_REQUEST', 'Malformed multipart body', [], { cause });
        });
        const raw = [form.files, form['files[]']].flat().filter((v) => v !== undefined);
        if (raw.some((v) => typeof v === 'string')) throw new AppError('VALIDATION_FAILED', 'files must be file parts');
        const files: IncomingFile[] = await Promise.all(
          (raw as File[]).map(async (f) => ({ name: f.name || 'file', bytes: new Uint8Array(await f.arrayBuffer()) })),
        );
        const text = (v: unknown, max: number, field: string) => {
          if (v === undefined) return undefined;
          if (typeof v !== 'string' || v.length > max)
            throw new AppError('VALIDATION_FAILED', `${field} must be text of at most ${max} characters`);
          return v;
        };
        const stored = await saveMobileUploads(deps, user, files, {
          category: text(form.category, 64, 'category'),
          metadata: text(form.metadata, 4096, 'metadata'),
        });
        headers.set('content-type', 'application/json; charset=utf-8');
        return new Response(JSON.stringify({ success: true, message: '上传成功', files: stored, count: stored.length }), {
          status: 201,
          headers,
        });
      } catch (err) {
        return fail(err, headers);
      }
    },
  );
  return app;
}
