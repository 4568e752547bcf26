import { LRUCache } from 'lru-cache';
import QRCode from 'qrcode';
import type { Db } from '../../db/connect.ts';
import { ownedTraceId, requireFactory } from './common.ts';
import { digitalLinkUri } from './gs1/digital-link.ts';

/** The public URL a batch's QR code encodes: `${PUBLIC_BASE_URL}/v1/public/traces/{code}`. */
export function publicTraceUrl(baseUrl: string, code: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/v1/public/traces/${encodeURIComponent(code)}`;
}

/**
 * The public link of one batch of the caller's factory: its GS1 Digital Link (the resolver's
 * `/01/{gtin}/10/{lot}`) when it has a GTIN and lot, else its consumer URL.
 * @returns its public code and that URL.
 * @throws AppError NOT_FOUND for unknown ids and other factories' ids alike.
 */
export async function getTracePublicLink(
  db: Db,
  factoryId: string | null,
  wireId: string,
  baseUrl: string,
): Promise<{ code: string; url: string }> {
  const id = await ownedTraceId(db, requireFactory(factoryId), wireId);
  const { code, gtin, lot } = await db
    .selectFrom('trace_batches')
    .select(['code', 'gtin', 'lot'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return { code, url: gtin && lot ? digitalLinkUri(baseUrl, gtin, lot) : publicTraceUrl(baseUrl, code) };
}

type QrImage = { contentType: string; body: Uint8Array<ArrayBuffer> | string };

// A 512 px PNG takes ~100 ms of CPU in pure JS (measured); a batch's image never changes.
const rendered = new LRUCache<string, QrImage>({ max: 500 });

/**
 * Renders a QR code (ISO/IEC 18004, error correction M, 4-module quiet zone) of `text`,
 * remembering the last 500 images.
 * @returns a 512 px PNG, or a scalable SVG document.
 */
export async function renderQrCode(text: string, format: 'png' | 'svg'): Promise<QrImage> {
  const key = `${format}|${text}`;
  const hit = rendered.get(key);
  if (hit) return hit;
  const opts = { errorCorrectionLevel: 'M' as const, margin: 4 };
  const image: QrImage =
    format === 'svg'
      ? { contentType: 'image/svg+xml', body: await QRCode.toString(text, { ...opts, type: 'svg' }) }
      : { contentType: 'image/png', body: new Uint8Array(await QRCode.toBuffer(text, { ...opts, type: 'png', width: 512 })) };
  rendered.set(key, image);
  return image;
}
