import type { ResolvedLot } from './resolver.ts';

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] as string);

const EVENT_LABELS: Record<string, string> = {
  harvest: 'Harvest',
  processing: 'Processing',
  inspection: 'Inspection',
  storage: 'Storage',
  shipping: 'Shipping',
};

const STYLE = `body{font-family:system-ui,sans-serif;margin:0;color:#1d2420;background:#f6f7f5}
main{max-width:34rem;margin:0 auto;padding:1rem}header{background:#2f6b3b;color:#fff;padding:1.2rem 1rem}
header h1{margin:0;font-size:1.35rem}header p{margin:.3rem 0 0;opacity:.9}
section{background:#fff;border-radius:.6rem;padding:.9rem 1rem;margin:.8rem 0;box-shadow:0 1px 2px #0002}
h2{font-size:1rem;margin:0 0 .5rem}dl{display:grid;grid-template-columns:auto 1fr;gap:.3rem .8rem;margin:0}dt{color:#5b665f}dd{margin:0}
ol{list-style:none;margin:0;padding:0;border-left:3px solid #2f6b3b}li{position:relative;padding:0 0 .9rem 1rem}
li::before{content:'';position:absolute;left:-.45rem;top:.25rem;width:.6rem;height:.6rem;border-radius:50%;background:#2f6b3b}
time{display:block;color:#5b665f;font-size:.85rem}.status{display:inline-block;padding:.1rem .5rem;border-radius:1rem;background:#e3efe5}
footer{color:#5b665f;font-size:.8rem;padding:1rem;text-align:center}`;

function shell(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title><style>${STYLE}</style></head><body>${body}
<footer>GS1 Digital Link resolver · tracehub</footer></body></html>`;
}

/**
 * The consumer page of a scanned lot (issue 14 §3): product, factory, origin, the lot's journey
 * as a timeline (inspections included), oldest first, and the lab results its factory published. Server-rendered, no script, no external resources; every
 * value is HTML-escaped. Times are shown as their ISO 8601 UTC text.
 * @returns a complete HTML document.
 */
export function renderLotPage(lot: ResolvedLot): string {
  const steps = lot.timeline
    .map(
      (e) =>
        `<li><strong>${esc(EVENT_LABELS[e.eventType] ?? e.eventType)}</strong><time datetime="${esc(e.occurredAt)}">${esc(e.occurredAt)}</time>${
          e.location ? `<div>${esc(e.location)}</div>` : ''
        }${e.notes ? `<div>${esc(e.notes)}</div>` : ''}</li>`,
    )
    .join('');
  const lab = lot.labResults
    .map(
      (r) =>
        `<li><strong>${esc(r.sample)}</strong><time datetime="${esc(r.recordedAt)}">${esc(r.recordedAt)}</time><dl>${r.values
          .map((v) => `<dt>${esc(v.name)}</dt><dd>${esc(String(v.value))} ${esc(v.unit)}</dd>`)
          .join('')}</dl></li>`,
    )
    .join('');
  return shell(
    `${lot.product.name} · lot ${lot.lot}`,
    `<header><h1>${esc(lot.product.name)}</h1><p>Lot ${esc(lot.lot)} · ${esc(lot.origin.producer)}</p></header><main>
<section aria-labelledby="about"><h2 id="about">About this lot</h2><dl>
<dt>GTIN</dt><dd>${esc(lot.gtin)}</dd><dt>Lot</dt><dd>${esc(lot.lot)}</dd>
<dt>Producer</dt><dd>${esc(lot.origin.producer)}${lot.gln ? ` <small>(GLN ${esc(lot.gln)})</small>` : ''}</dd>
<dt>Farm</dt><dd>${esc(lot.origin.farmId)}</dd><dt>Harvested</dt><dd>${esc(lot.origin.harvestDate)}</dd>
<dt>Status</dt><dd><span class="status">${lot.status === 'active' ? 'On the market' : 'Archived'}</span></dd></dl></section>
<section aria-labelledby="journey"><h2 id="journey">Journey</h2>${steps ? `<ol>${steps}</ol>` : '<p>No events recorded yet.</p>'}</section>
${lab ? `<section aria-labelledby="lab"><h2 id="lab">Lab results</h2><ol>${lab}</ol></section>` : ''}
</main>`,
  );
}

/**
 * The page for a code that names no lot: a mistyped or damaged code (`invalid`) or a valid code
 * tracehub does not know (`unknown`). Served with 404.
 */
export function renderNotFoundPage(kind: 'invalid' | 'unknown'): string {
  const text =
    kind === 'invalid'
      ? 'This is not a valid GS1 product code. Check the code on the pack, or scan the QR code again.'
      : 'We do not know this product lot. The code is valid, but no producer has published this lot here.';
  return shell(
    'Product lot not found',
    `<header><h1>Product lot not found</h1></header><main><section><p role="alert">${esc(text)}</p></section></main>`,
  );
}
