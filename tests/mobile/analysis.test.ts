import { afterEach, describe, expect, it } from 'vitest';
import { makeFactory, makeUser, mobileLogin } from '../factories.ts';
import { FakeDeepseek } from '../fakes/deepseek.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { startedForSuite } from '../helpers/fakes.ts';
import { expectErrorEnvelope } from '../helpers/security.ts';

describe.each(DIALECTS)('DeepSeek analysis on %s', (dialect) => {
  let t: TestApp;
  const ai = startedForSuite(new FakeDeepseek());
  afterEach(async () => {
    ai.failWith = undefined;
    ai.calls = [];
    await t.close();
  });

  const setup = async (env: Record<string, string>) => {
    t = await createTestApp(dialect, { env });
    await makeFactory(t, 'FD_2024_001');
    const id = (await makeUser(t, { username: 'op_d', role: 'operator', factoryId: 'FD_2024_001' })).id;
    return { id, token: (await mobileLogin(t, 'op_d')).token };
  };

  it('answers 503 when not configured', async () => {
    const { token } = await setup({});
    const r = await t.call('POST', '/api/mobile/analysis/deepseek', { token, body: { data: '温度 12℃' } });
    expect(r.status).toBe(503);
    expectErrorEnvelope('mobile', r.body);
    expect(r.body.message).toBe('AI analysis not configured');
  });

  it('analyses, stores, and replays a requestId without a second call', async () => {
    const { id, token } = await setup({ DEEPSEEK_BASE_URL: ai.url, DEEPSEEK_API_KEY: ai.apiKey, DEEPSEEK_MODEL: 'deepseek-chat' });
    const body = { data: { batch: 'B-1', temperature: 12 }, requestId: 'req-1' };
    const r = await t.call('POST', '/api/mobile/analysis/deepseek', { token, body });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ success: true, requestId: 'req-1', model: 'deepseek-chat', cached: false });
    expect(r.body.analysis).toContain('冷链');
    expect(ai.calls[0]?.messages[0]?.role).toBe('system');
    expect(ai.calls[0]?.messages[1]?.content).toContain('B-1');
    const again = await t.call('POST', '/api/mobile/analysis/deepseek', { token, body });
    expect(again.body).toMatchObject({ cached: true, analysis: r.body.analysis });
    expect(ai.calls).toHaveLength(1);
    const rows = await t.deps.db.selectFrom('ai_analyses').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.user_id).toBe(id);
  });

  it('maps DeepSeek errors', async () => {
    const { token } = await setup({ DEEPSEEK_BASE_URL: ai.url, DEEPSEEK_API_KEY: 'sk-wrong' });
    const auth = await t.call('POST', '/api/mobile/analysis/deepseek', { token, body: { data: 'x' } });
    expect(auth.status).toBe(503);
    expectErrorEnvelope('mobile', auth.body);
    await t.close();
    const { token: tok } = await setup({ DEEPSEEK_BASE_URL: ai.url, DEEPSEEK_API_KEY: ai.apiKey });
    for (const [upstream, status] of [
      [402, 503],
      [429, 429],
      [500, 502],
      [503, 502],
    ] as const) {
      ai.failWith = upstream;
      const r = await t.call('POST', '/api/mobile/analysis/deepseek', { token: tok, body: { data: 'x' } });
      expect(r.status, `upstream ${upstream}`).toBe(status);
      expectErrorEnvelope('mobile', r.body);
    }
    expect(await t.deps.db.selectFrom('ai_analyses').selectAll().execute()).toHaveLength(0);
  });
});
