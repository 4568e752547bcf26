import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';

interface KoaContext {
  method: string;
  path: string;
  querystring: string;
  status: number;
  type: string;
  body: unknown;
  get(header: string): string;
}

export interface FakeS3 {
  /** `http://127.0.0.1:<port>`, for S3_ENDPOINT (path-style). */
  endpoint: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Every request seen: method, path, query string and whether it carried a SigV4 Authorization. */
  requests: { method: string; path: string; query: string; signed: boolean }[];
  /** STORAGE_DRIVER=s3 environment for a tracehub pointed at this server. */
  env(): Record<string, string>;
  close(): Promise<void>;
}

/**
 * An S3-compatible server on 127.0.0.1 (a random port): `s3rver`, which implements the S3 REST
 * protocol (PutObject, GetObject, HeadObject, DeleteObject, multipart uploads, S3's XML error
 * bodies such as NoSuchKey) over a temporary directory, with one bucket. s3rver accepts anonymous
 * requests, so a first middleware refuses any request without an AWS Signature V4 Authorization
 * header for the expected access key, as S3 does (403 AccessDenied).
 */
export async function startFakeS3(bucket = 'tracehub-test'): Promise<FakeS3> {
  const directory = mkdtempSync(join(tmpdir(), 'tracehub-s3-'));
  const accessKeyId = 'S3RVER';
  const secretAccessKey = 'S3RVER';
  const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory, configureBuckets: [{ name: bucket, configs: [] }] });
  const requests: FakeS3['requests'] = [];
  const credential = new RegExp(
    `^AWS4-HMAC-SHA256 Credential=${accessKeyId}/\\d{8}/[\\w-]+/s3/aws4_request, ?SignedHeaders=[\\w;-]+, ?Signature=[0-9a-f]{64}$`,
  );
  // s3rver is a Koa app (its types predate that): its middleware array runs in order
  const koa = server as unknown as { middleware: ((ctx: KoaContext, next: () => Promise<void>) => Promise<void>)[] };
  koa.middleware.unshift(async (ctx, next) => {
    const signed = credential.test(ctx.get('authorization'));
    requests.push({ method: ctx.method, path: ctx.path, query: ctx.querystring, signed });
    if (!signed) {
      ctx.status = 403;
      ctx.type = 'application/xml';
      ctx.body = '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>';
      return;
    }
    await next();
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    bucket,
    accessKeyId,
    secretAccessKey,
    requests,
    env: () => ({
      STORAGE_DRIVER: 's3',
      S3_ENDPOINT: endpoint,
      S3_REGION: 'us-east-1',
      S3_BUCKET: bucket,
      S3_ACCESS_KEY_ID: accessKeyId,
      S3_SECRET_ACCESS_KEY: secretAccessKey,
      S3_FORCE_PATH_STYLE: 'true',
    }),
    async close() {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
