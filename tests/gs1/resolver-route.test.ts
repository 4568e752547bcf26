import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { sampleBatch, v1Operators } from '../factories.ts';
import { eachTestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { linksetErrors } from './linkset-schema.ts';

const ORIGIN = 'https://trace.example.com';
// jsqr is a CommonJS bundle typed as an ES default export: take the function either way.
const jsQR = ((jsQRModule as { default?: unknown }).default ?? jsQRModule) as typeof jsQRModule.default;

describe.each(DIALECTS)('GS1 Digital Link QR code and resolver on %s', (dialect) => {
  const u = eachTestApp(dialect, v1Operators, { env: { PUBLIC_BASE_URL: ORIGIN } });

  /** A batch with a GTIN and lot and two logs; its wire form. */
  const lotBatch = async () => {
    const res = await u.t.call('POST', '/v1/traces', {
      token: u.a.token,
      body: sampleBatch({ name: 'Fuji <apples>', gtin: '9520123456788', lot: 'LOT-42' }),
    });
    expect(res.status, res.text).toBe(201);
    for (const eventType of ['harvest', 'shipping']) {
      await u.t.call('POST', `/v1/traces/${res.body.data.id}/logs`, { token: u.a.token, body: { eventType, location: 'Farm 7' } });
    }
    return res.body.data as { id: string; code: string; digitalLink: string };
  };
  const scan = async (id: string) => {
    const res = await u.t.app.request(`/v1/traces/${id}/qrcode`, { headers: { authorization: `Bearer ${u.a.token}` } });
    expect(res.status).toBe(200);
    const png = PNG.sync.read(Buffer.from(await res.arrayBuffer()));
    return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data;
  };

  it('encodes the Digital Link in the QR code, and the scanned URL answers the lot’s page', async () => {
    const b = await lotBatch();
    const url = await scan(b.id);
    expect(url).toBe(`${ORIGIN}/01/09520123456788/10/LOT-42`);
    expect(url).toBe(b.digitalLink);
    const page = await u.t.call('GET', new URL(url ?? '').pathname, { headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('vary')).toMatch(/\bAccept\b/);
    expect(page.text).toContain('Fuji &lt;apples&gt;');
    expect(page.text).toContain('Lot LOT-42');
    expect(page.text.match(/<li>/g)).toHaveLength(2);
  });

  it('answers an RFC 9264 link set to Accept: application/linkset+json', async () => {
    const b = await lotBatch();
    const res = await u.t.call('GET', '/01/9520123456788/10/LOT-42', { headers: { accept: 'application/linkset+json' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/linkset+json');
    const set = JSON.parse(res.text);
    expect(linksetErrors(set)).toBeNull();
    expect(set.linkset[0].anchor).toBe(b.digitalLink);
    expect(set.linkset[0]['https://gs1.org/voc/traceability'][0].href).toBe(`${ORIGIN}/v1/public/traces/${b.code}`);
  });

  it('answers 404 pages for a mistyped code and an unknown lot, and keeps the old QR target without GS1 identity', async () => {
    await lotBatch();
    const mistyped = await u.t.call('GET', '/01/9520123456789/10/LOT-42');
    expect(mistyped.status).toBe(404);
    expect(mistyped.headers.get('content-type')).toMatch(/^text\/html/);
    expect(mistyped.text).toContain('not a valid GS1 product code');
    const unknown = await u.t.call('GET', '/01/9520123456788/10/LOT-43', { headers: { accept: 'application/linkset+json' } });
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain('We do not know this product lot');

    const plain = (await u.t.call('POST', '/v1/traces', { token: u.a.token, body: sampleBatch({ name: 'plain' }) })).body.data;
    expect(await scan(plain.id)).toBe(`${ORIGIN}/v1/public/traces/${plain.code}`);
  });
});
