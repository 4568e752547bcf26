import { type FileOutput, fileOutput } from '../../edge/files.ts';
import { operation } from '../../edge/meta.ts';
import { publicProcedure } from '../../edge/trpc.ts';
import { gs1Settings } from '../../services/traces/gs1/batch-identity.ts';
import { signPublicRecord } from '../../services/traces/signed-record.ts';
import { publicCodeInput } from './public-view.types.ts';
import { GENERAL_TIER } from './schemas.ts';

/**
 * GET /v1/public/traces/{code}/record.jws: the consumer view as a compact JWS (ES256, issue 14
 * §4), its keys at /.well-known/jwks.json, so a retailer can keep it and verify it offline. A
 * sibling path rather than `Accept: application/jose` on the JSON view: one URL per
 * representation (a plain link, caches need no `Vary`), and the edge's file answer as is.
 */
const meta = operation('v1', 'GET /v1/public/traces/{code}/record.jws', 'Signed trace record (JWS, ES256) of a batch by its public code', {
  rateLimit: GENERAL_TIER,
  response: 'file',
  produces: ['application/jose'],
});

export const publicRecordProcedure = publicProcedure
  .meta({
    ...meta,
    openapi: {
      ...meta.openapi!,
      description:
        'The consumer view of `GET /v1/public/traces/{code}` as a compact JWS (RFC 7515), ES256. Protected header: ' +
        '`alg` ES256, `kid` (a key of `GET /.well-known/jwks.json`), `typ` `trace-record+jwt`. Claims: the public view ' +
        'as is, `iss` (the public base URL), `sub` (the public URL of the record), `iat`, and `gtin`, `lot`, ' +
        '`digitalLink`, `epcClass` when the batch has a GTIN and lot. No `exp`: a record says what was known at `iat`.',
      successDescription: 'The compact JWS: three base64url parts separated by dots',
    },
  })
  .input(publicCodeInput)
  .output(fileOutput)
  .query(async ({ ctx, input }): Promise<FileOutput> => {
    const jws = await signPublicRecord(ctx.deps.db, ctx.deps.recordKeys, gs1Settings(ctx.deps.config), input.code);
    return { body: jws, contentType: 'application/jose', size: Buffer.byteLength(jws), cacheControl: 'public, max-age=60' };
  });
