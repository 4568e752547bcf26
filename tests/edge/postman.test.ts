import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * postman_collection.json (spec 003 §9), generated from openapi.json by scripts/postman.ts:
 * one folder per family, a first request per family that signs in and stores its token, and
 * every protected request of the folder sending that token; bodies are the document's examples.
 */
type Json = Record<string, any>;
const collection = JSON.parse(readFileSync(new URL('../../postman_collection.json', import.meta.url), 'utf8')) as Json;
const doc = JSON.parse(readFileSync(new URL('../../openapi.json', import.meta.url), 'utf8')) as Json;
const requests = (folder: Json): Json[] => (folder.item ?? []).flatMap((i: Json) => (i.request ? [i] : requests(i)));
const pathOf = (item: Json) => `/${(item.request.url.path ?? []).join('/')}`.replace(/:(\w+)/g, '{$1}');

describe('postman_collection.json', () => {
  it('has one folder per client family, each starting with a sign-in that stores the token', () => {
    expect(collection.item.map((f: Json) => f.name)).toEqual(['mini', 'admin', 'mobile', 'v1', 'bi']);
    for (const folder of collection.item) {
      const first = requests(folder)[0]!;
      const script = first.event.find((e: Json) => e.listen === 'test').script.exec.join('\n');
      expect(script).toContain(`pm.collectionVariables.set('${folder.name}Token'`);
      expect(collection.variable.map((v: Json) => v.key)).toContain(`${folder.name}Token`);
    }
  });

  it('sends the family token on protected requests and none on public ones', () => {
    let count = 0;
    for (const folder of collection.item) {
      for (const item of requests(folder).slice(1)) {
        const op = doc.paths[pathOf(item)]?.[item.request.method.toLowerCase()];
        expect(op, `${item.request.method} ${pathOf(item)}`).toBeDefined();
        if (op.security.length) expect(JSON.stringify(item.request.auth)).toContain(`{{${folder.name}Token}}`);
        else expect(item.request.auth).toEqual({ type: 'noauth' });
        count++;
      }
    }
    expect(count).toBe(Object.values(doc.paths).reduce((n: number, m) => n + Object.keys(m as Json).length, 0));
  });

  it('uses the document’s examples as request bodies', () => {
    const item = requests(collection.item.find((f: Json) => f.name === 'admin')).find(
      (i) => i.request.method === 'POST' && pathOf(i) === '/api/materials',
    )!;
    const example = doc.paths['/api/materials'].post.requestBody.content['application/json'].example;
    expect(JSON.parse(item.request.body.raw)).toEqual(example);
  });
});
