import { describe, expect, it } from 'vitest';
import { eachTestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { assay, contract, quote, smelter, weigh } from './helpers.ts';

/**
 * Settlement by contract (issue 15) with hand-computed fixtures: every expected figure below is
 * worked out in the comments, rounding half up (weights to the gram, money to the cent).
 */
describe.each(DIALECTS)('settlements on %s', (dialect) => {
  const s = eachTestApp(dialect, smelter);

  /** Preview, confirm, and check both carry the same figures to the cent. */
  async function settle(contractId: number, receiptIds: number[]) {
    const preview = await s.post(`/api/contracts/${contractId}/settlements/preview`, { receipt_ids: receiptIds });
    expect(preview.status, preview.text).toBe(200);
    const confirmed = await s.post(`/api/contracts/${contractId}/settlements`, { receipt_ids: receiptIds });
    expect(confirmed.status, confirmed.text).toBe(201);
    expect(confirmed.body).toMatchObject({ success: true, message: '结算成功' });
    const calc = preview.body.data;
    expect(confirmed.body.data.calculation).toEqual(calc);
    expect(confirmed.body.data).toMatchObject({
      amount_excl_tax: calc.amount_excl_tax,
      tax: calc.tax,
      amount_incl_tax: calc.amount_incl_tax,
      created: true,
    });
    return { calc, settlement: confirmed.body.data };
  }

  it('weight: net tonnes × unit price per receipt, summed, then 13 % tax', async () => {
    const c = await contract(s, { pricing_method: 'weight', unit_price: 1850, tax_rate: 0.13 });
    const r1 = await weigh(s, c, 47960, 15480); // net 32,480 kg
    const r2 = await weigh(s, c, 46020, 15100); // net 30,920 kg
    const { calc } = await settle(c, [r2, r1]);
    // r1: 32.48 t × 1,850.00 = 60,088.00
    // r2: 30.92 t × 1,850.00 = 57,202.00
    // excl. tax 117,290.00; tax 117,290.00 × 0.13 = 15,247.70; incl. 132,537.70
    expect(calc.receipt_ids).toEqual([r1, r2]);
    expect(calc.lines.map((l: any) => l.amount)).toEqual(['60088.00', '57202.00']);
    expect(calc.lines[0].steps[0]).toMatchObject({ item: 'amount', formula: '32480.000 kg ÷ 1000 × 1850.00 元/吨', value: '60088.00' });
    expect(calc).toMatchObject({
      unit_price: '1850.00',
      amount_excl_tax: '117290.00',
      tax_rate: '0.13',
      tax: '15247.70',
      amount_incl_tax: '132537.70',
    });
    const receipts = await s.get(`/api/receipts?contract_id=${c}`);
    expect(receipts.body.receipts.map((r: any) => r.status)).toEqual(['settled', 'settled']);
  });

  it('gross_weight: gross tonnes × unit price', async () => {
    const c = await contract(s, { pricing_method: 'gross_weight', unit_price: 1850, tax_rate: 0.13 });
    const r = await weigh(s, c, 47960, 15480);
    const { calc } = await settle(c, [r]);
    // 47.96 t × 1,850.00 = 88,726.00; tax × 0.13 = 11,534.38; incl. 100,260.38
    expect(calc).toMatchObject({ amount_excl_tax: '88726.00', tax: '11534.38', amount_incl_tax: '100260.38' });
  });

  it('content: quotation period across a month end with a missing day, coefficient, deductions and credits, tax', async () => {
    await quote(s, '2024-01-26', 30000); // before the period: ignored
    await quote(s, '2024-01-29', 21950);
    await quote(s, '2024-01-30', 22010);
    // 2024-01-31: no quote (skipped, not a zero)
    await quote(s, '2024-01-31', 99999, '1#铅'); // another metal: ignored
    await quote(s, '2024-02-01', 22130);
    await quote(s, '2024-02-02', 22075);
    await quote(s, '2024-02-05', 30000); // after the period: ignored
    const c = await contract(s, {
      pricing_method: 'content',
      coefficient: 0.78,
      tax_rate: 0.13,
      quote_start_date: '2024-01-29',
      quote_end_date: '2024-02-02',
      deductions: [
        { element: 'lead_content', threshold: 2, step: 1, amount_per_step: 30 },
        { element: 'fluorine_content', threshold: 0.1, step: 0.01, amount_per_step: 5 }, // 0.02 %: below, no deduction
      ],
      credits: [{ element: 'silver_content', threshold: 150, step: 1, amount_per_step: 2.5 }],
    });
    const r = await weigh(s, c, 47960, 15480); // net 32,480 kg
    await assay(s, r, { water_content: 8.5, zinc_content: 50.25, lead_content: 2.6, fluorine_content: 0.02, silver_content: 180 });
    const { calc } = await settle(c, [r]);
    // average of 4 quoted days: (21,950 + 22,010 + 22,130 + 22,075) ÷ 4 = 88,165 ÷ 4 = 22,041.25
    // unit price 22,041.25 × 0.78 = 17,192.175 → 17,192.18
    expect(calc.quote_period).toMatchObject({
      metal_type: '1#锌',
      missing_dates: ['2024-01-31'],
      average_price: '22041.25',
      coefficient: '0.78',
      unit_price: '17192.18',
    });
    expect(calc.quote_period.quotes.map((q: any) => q.quote_date)).toEqual(['2024-01-29', '2024-01-30', '2024-02-01', '2024-02-02']);
    // dry 32,480 × (100 − 8.5) % = 29,719.200 kg; zinc 29,719.200 × 50.25 % = 14,933.898 kg
    // value 14.933898 t × 17,192.18 = 256,746.2568… → 256,746.26
    // lead (2.6 − 2) ÷ 1 × 30 × 29.7192 = 534.9456 → −534.95
    // silver (180 − 150) ÷ 1 × 2.50 × 29.7192 = 2,228.94 → +2,228.94
    // amount 256,746.26 − 534.95 + 2,228.94 = 258,440.25
    const steps = Object.fromEntries(calc.lines[0].steps.map((x: any) => [x.item, x.value]));
    expect(steps).toEqual({
      dry_weight: '29719.200',
      metal_weight: '14933.898',
      metal_value: '256746.26',
      'deduction:lead_content': '-534.95',
      'credit:silver_content': '2228.94',
      amount: '258440.25',
    });
    // tax 258,440.25 × 0.13 = 33,597.2325 → 33,597.23; incl. 292,037.48
    expect(calc).toMatchObject({ amount_excl_tax: '258440.25', tax: '33597.23', amount_incl_tax: '292037.48' });
  });

  it('processing: dry tonnes × fee, 6 % tax', async () => {
    const c = await contract(s, { pricing_method: 'processing', processing_fee: 420, tax_rate: 0.06 });
    const r = await weigh(s, c, 47960, 15480);
    await assay(s, r, { water_content: 8.5 });
    const { calc } = await settle(c, [r]);
    // dry 29,719.200 kg → 29.7192 t × 420.00 = 12,482.064 → 12,482.06
    // tax 12,482.06 × 0.06 = 748.9236 → 748.92; incl. 13,230.98
    expect(calc.lines[0].steps.map((x: any) => x.value)).toEqual(['29719.200', '12482.06']);
    expect(calc).toMatchObject({ amount_excl_tax: '12482.06', tax: '748.92', amount_incl_tax: '13230.98' });
  });

  it('confirming is idempotent per receipt set; a settled receipt is never settled twice', async () => {
    const c = await contract(s, { pricing_method: 'weight', unit_price: 1850, tax_rate: 0.13 });
    const r1 = await weigh(s, c, 47960, 15480);
    const r2 = await weigh(s, c, 46020, 15100);
    const first = await s.post(`/api/contracts/${c}/settlements`, { receipt_ids: [r1] });
    expect(first.body.data.created).toBe(true);
    const again = await s.post(`/api/contracts/${c}/settlements`, { receipt_ids: [r1, r1] });
    expect(again.status).toBe(201);
    expect(again.body.data).toMatchObject({ id: first.body.data.id, created: false, amount_incl_tax: '67899.44' });
    for (const path of ['/settlements', '/settlements/preview']) {
      const overlap = await s.post(`/api/contracts/${c}${path}`, { receipt_ids: [r1, r2] });
      expect(overlap.status, overlap.text).toBe(409);
      expect(overlap.body.error_code).toBe('CONFLICT');
    }
    const list = await s.get(`/api/contracts/${c}/settlements`);
    expect(list.body).toHaveLength(1);
    expect(list.body[0]).toMatchObject({ id: first.body.data.id, receipt_ids: [r1], amount_excl_tax: '60088.00' });
    // a settled receipt is frozen
    expect((await s.t.call('PUT', `/api/receipts/${r1}`, { token: s.admin.token, body: { tare_weight: 1 } })).status).toBe(409);
    expect((await s.t.call('DELETE', `/api/receipts/${r1}`, { token: s.admin.token })).status).toBe(409);
  });

  it('refuses what cannot be priced: missing terms, unassayed receipts, no quotes, other contracts, archived contracts', async () => {
    const bare = await contract(s, { pricing_method: 'weight' });
    const r0 = await weigh(s, bare, 1000, 500);
    const noPrice = await s.post(`/api/contracts/${bare}/settlements/preview`, { receipt_ids: [r0] });
    expect(noPrice.status).toBe(400);
    expect(noPrice.body.error_code).toBe('VALIDATION_ERROR');

    const content = await contract(s, {
      pricing_method: 'content',
      coefficient: 0.8,
      quote_start_date: '2024-03-01',
      quote_end_date: '2024-03-05',
    });
    const r1 = await weigh(s, content, 1000, 500);
    expect((await s.post(`/api/contracts/${content}/settlements/preview`, { receipt_ids: [r1] })).status).toBe(400); // not assayed
    await assay(s, r1, { water_content: 9, zinc_content: 48 });
    const noQuotes = await s.post(`/api/contracts/${content}/settlements/preview`, { receipt_ids: [r1] });
    expect(noQuotes.status).toBe(400);
    expect(noQuotes.text).toContain('报价期内没有金属价格');
    // a receipt of another contract
    expect((await s.post(`/api/contracts/${content}/settlements/preview`, { receipt_ids: [r0] })).status).toBe(400);

    const archived = await s.post(`/api/contracts/${bare}/archive`, {});
    expect(archived.status).toBe(200);
    expect(archived.body.data.status).toBe('归档');
    expect((await s.post(`/api/contracts/${bare}/settlements/preview`, { receipt_ids: [r0] })).status).toBe(409);
  });

  it('contract pricing terms are validated and round-trip', async () => {
    const bad = await s.post('/api/contracts', {
      contract_type: '原料采购',
      contract_number: 'C-BAD',
      pricing_method: 'content',
      quote_start_date: '2024-02-02',
      quote_end_date: '2024-01-29',
    });
    expect(bad.status).toBe(400);
    const dupTerm = await s.post('/api/contracts', {
      contract_type: '原料采购',
      contract_number: 'C-BAD2',
      pricing_method: 'content',
      deductions: [
        { element: 'lead_content', threshold: 2, step: 1, amount_per_step: 30 },
        { element: 'lead_content', threshold: 3, step: 1, amount_per_step: 60 },
      ],
    });
    expect(dupTerm.status).toBe(400);
    expect(
      (
        await s.post('/api/contracts', {
          contract_type: '原料采购',
          contract_number: 'C-BAD3',
          pricing_method: 'weight',
          unit_price: 1.005,
        })
      ).status,
    ).toBe(400);

    const c = await contract(s, { pricing_method: 'weight', unit_price: 1850.5, tax_rate: 0.13 });
    const upd = await s.t.call('PUT', `/api/contracts/${c}`, {
      token: s.admin.token,
      body: { credits: [{ element: 'silver_content', threshold: 100, step: 10, amount_per_step: 3 }] },
    });
    expect(upd.status, upd.text).toBe(200);
    expect(upd.body.data).toMatchObject({ unit_price: 1850.5, deductions: [], credits: [{ element: 'silver_content', threshold: 100 }] });
    // the update's end date before the stored start date is refused
    await s.t.call('PUT', `/api/contracts/${c}`, { token: s.admin.token, body: { quote_start_date: '2024-02-01' } });
    expect((await s.t.call('PUT', `/api/contracts/${c}`, { token: s.admin.token, body: { quote_end_date: '2024-01-01' } })).status).toBe(
      400,
    );
  });
});
