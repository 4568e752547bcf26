import { Readable } from 'node:stream';
import contentDisposition from 'content-disposition';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import type { AppDeps } from '../../deps.ts';
import { AppError } from '../../errors.ts';
import { NAMING_RULES, openAttachment, RELATED_TYPES, storeAttachment } from '../../services/admin/attachments.ts';
import type { Permission } from '../../services/auth/permissions.ts';
import { authenticate } from '../../services/auth/principal.ts';
import { renderError, renderSuccess, toWireError } from '../../trpc/envelopes.ts';
import type { HttpVariables } from '../variables.ts';

type C = Context<{ Variables: HttpVariables }>;

/** Multipart framing allowance on top of ATTACHMENT_MAX_BYTES. */
const MULTIPART_OVERHEAD = 64 * 1024;

const uploadForm = z.object({
  related_type: z.enum(RELATED_TYPES),
  related_id: z.coerce.number().int().positive(),
  naming_rule: z.enum(NAMING_RULES).default('default'),
  file: z.instanceof(File, { message: 'file required' }),
});

/**
 * Spec 001's attachment upload (multipart) and download (file stream), which trpc-to-openapi
 * cannot serve. Mounted before the global body limit: uploads carry their own
 * (ATTACHMENT_MAX_BYTES). Answers in the admin envelope; the listing is `admin.attachments.list`.
 */
export function adminRoutes(deps: AppDeps): Hono<{ Variables: HttpVariables }> {
  const app = new Hono<{ Variables: HttpVariables }>();

  const fail = (c: C, err: unknown): Response => {
    const wire = toWireError(err);
    if (wire.code === 'INTERNAL') deps.logger.error({ reqId: c.get('requestId'), err }, 'unhandled error');
    const r = renderError('admin', wire);
    return new Response(r.body, { status: r.status, headers: { 'content-type': 'application/json; charset=utf-8' } });
  };

  /** The bearer's Principal, with the permission and a factory (the same rules as factoryProcedure). */
  const factoryCaller = async (c: C, permission: Permission) => {
    const header = c.req.header('authorization');
    const token = header ? /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1] : undefined;
    if (!token) throw new AppError('UNAUTHENTICATED', header ? 'Invalid token' : 'Missing bearer token');
    const user = await authenticate(deps.db, deps.tokens, token);
    if (!user.permissions.has(permission)) throw new AppError('PERMISSION_DENIED', `Permission ${permission} required`);
    if (!user.factoryId) throw new AppError('PERMISSION_DENIED', 'Factory users only');
    return { ...user, factoryId: user.factoryId };
  };

  const uploaders = new WeakMap<C, Awaited<ReturnType<typeof factoryCaller>>>();
  app.post(
    '/api/attachments',
    async (c, next) => {
      c.set('routePattern', '/api/attachments');
      try {
        uploaders.set(c, await factoryCaller(c, 'attachment_create')); // refuse before reading any body
      } catch (err) {
        return fail(c, err);
      }
      await next();
    },
    bodyLimit({
      maxSize: deps.config.ATTACHMENT_MAX_BYTES + MULTIPART_OVERHEAD,
      onError: (c) => fail(c, new AppError('PAYLOAD_TOO_LARGE', `文件超过 ${deps.config.ATTACHMENT_MAX_BYTES} 字节`)),
    }),
    async (c) => {
      try {
        const caller = uploaders.get(c)!;
        if (!/^multipart\/form-data/i.test(c.req.header('content-type') ?? '')) {
          throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Content-Type multipart/form-data required');
        }
        const form = uploadForm.parse(await c.req.parseBody().catch(() => ({})));
        const saved = await storeAttachment(deps, caller, {
          relatedType: form.related_type,
          relatedId: form.related_id,
          namingRule: form.naming_rule,
          fileName: form.file.name,
          mimeType: form.file.type,
          data: new Uint8Array(await form.file.arrayBuffer()),
        });
        const r = renderSuccess('admin', { dataJson: JSON.stringify(saved), shape: 'wrap', message: '文件上传成功', status: 201 });
        return new Response(r.body, { status: r.status, headers: { 'content-type': 'application/json; charset=utf-8' } });
      } catch (err) {
        return fail(c, err);
      }
    },
  );

  app.get('/api/attachments/:attachment_id/download', async (c) => {
    c.set('routePattern', '/api/attachments/{attachment_id}/download');
    try {
      const caller = await factoryCaller(c, 'attachment_read');
      const id = z.coerce.number().int().positive().parse(c.req.param('attachment_id'));
      const file = await openAttachment(deps, caller.factoryId, id);
      return new Response(Readable.toWeb(file.stream) as ReadableStream, {
        status: 200,
        headers: {
          'content-type': file.mimeType,
          'content-length': String(file.size),
          // RFC 6266 with an RFC 8187 `filename*` so Chinese names round-trip
          'content-disposition': contentDisposition(file.name, { type: 'attachment' }),
          'cache-control': 'private, no-store',
        },
      });
    } catch (err) {
      return fail(c, err);
    }
  });

  return app;
}
