import { describe, expect, it } from 'vitest';
import { FACTORY_B, makeFactoryUser, sampleBatch, v1Operators } from '../factories.ts';
import { eachTestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { expectErrorEnvelope } from '../helpers/security.ts';

const LINK = '/01/09520123456788/10/LAB-1';

describe.each(DIALECTS)('assay results published on a lot’s Digital Link page on %s', (dialect) => {
  const u = eachTestApp(dialect, async (t) => ({
    ...(await v1Operators(t)),
    lab: await makeFactoryUser(t, { username: 'lab_a' }),
    labB: await makeFactoryUser(t, { username: 'lab_b', factoryId: FACTORY_B }),
  }));

  /** op_a's batch LAB-1 and lab_a's branch factory. */
  async function setup() {
    const batch = await u.t.call('POST', '/v1/traces', { token: u.a.token, body: sampleBatch({ gtin: '09520123456788', lot: 'LAB-1' }) });
    const branch = await u.t.call('POST', '/api/departments', { token: u.lab.token, body: { name: '一分厂' } });
    return { traceId: batch.body.data.id as string, branchId: branch.body.data.id as number };
  }
  const assay = (body: Record<string, unknown>, token = u.lab.token) => u.t.call('POST', '/api/assay-data', { token, body });

  it('shows a public assay linked to the batch, with units, and hides a private one', async () => {
    const { traceId, branchId } = await setup();
    const published = await assay({
      sample_name: '出厂检测',
      factory_id: branchId,
      water_content: 12.5,
      silver_content: 80,
      trace_id: traceId,
      is_public: true,
    });
    expect(published.status, published.text).toBe(201);
    expect(published.body.data).toMatchObject({ trace_id: traceId, is_public: true });
    await assay({ sample_name: '内部复检', factory_id: branchId, water_content: 99, trace_id: traceId });

    const page = await u.t.call('GET', LINK, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.text).toContain('Lab results');
    expect(page.text).toContain('出厂检测');
    expect(page.text).toContain('<dt>Water content</dt><dd>12.5 %</dd>');
    expect(page.text).toContain('<dt>Silver content</dt><dd>80 g/t</dd>');
    expect(page.text).not.toContain('内部复检');

    const unpublished = await u.t.call('PUT', `/api/assay-data/${published.body.data.id}`, {
      token: u.lab.token,
      body: { is_public: false },
    });
    expect(unpublished.body.data.is_public).toBe(false);
    expect((await u.t.call('GET', LINK, { headers: { accept: 'text/html' } })).text).not.toContain('Lab results');
  });

  it('refuses to link another factory’s batch or a malformed id, naming trace_id', async () => {
    const { traceId } = await setup();
    const branchB = await u.t.call('POST', '/api/departments', { token: u.labB.token, body: { name: '二分厂' } });
    for (const trace_id of [traceId, 'batch-7']) {
      const res = await assay({ sample_name: 'x', factory_id: branchB.body.data.id, trace_id }, u.labB.token);
      expect(res.status).toBe(400);
      expectErrorEnvelope('admin', res.body);
      expect(res.body.details).toEqual([{ field: 'trace_id', message: '追溯批次不存在' }]);
    }
  });
});
