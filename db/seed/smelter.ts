import type { Transaction } from 'kysely';
import type { Database } from '../database.ts';
import { prng } from './util.ts';

/**
 * Settles receipts in the seed's transaction: src/services/smelter/settlements.ts
 * settleInTransaction, passed in because db/ imports nothing from src/.
 */
export type DemoSettle = (
  trx: Transaction<Database>,
  actor: { id: number; factoryId: string },
  contractId: number,
  req: { receipt_ids: number[] },
) => Promise<unknown>;

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Issue 15's demo: pricing terms on the demo contracts, a month of weighed receipts (sampled and
 * assayed where their contract prices by content or dry weight) and, when `settle` is given, one
 * settlement of the older receipts under each pricing method. The processing contract is
 * archived once settled. Deterministic apart from the dates.
 */
export async function seedSmelterDemo(trx: Transaction<Database>, factoryId: string, now: number, settle?: DemoSettle): Promise<void> {
  const rand = prng(15);
  const contracts = await trx
    .selectFrom('contracts')
    .select(['id', 'pricing_method', 'contract_type', 'branch_id', 'material_id', 'responsible_id'])
    .where('factory_id', '=', factoryId)
    .orderBy('id')
    .execute();
  const admin = contracts[0]!.responsible_id!;
  // the quotation period of the content contract: the whole previous calendar month
  const d = new Date(now);
  const start = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1);
  const end = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 0);
  const terms: Record<string, Record<string, unknown>> = {
    content: {
      quote_start_date: isoDay(start),
      quote_end_date: isoDay(end),
      price_metal_type: '1#锌',
      price_terms: JSON.stringify({
        deductions: [{ element: 'lead_content', threshold: 2, step: 1, amount_per_step: 30 }],
        credits: [{ element: 'silver_content', threshold: 100, step: 1, amount_per_step: 2 }],
      }),
    },
    weight: { unit_price_cents: 185_000 },
    gross_weight: { unit_price_cents: 42_000 },
    processing: { processing_fee_cents: 42_000, status: '执行' },
  };
  for (const c of contracts) {
    await trx.updateTable('contracts').set(terms[c.pricing_method]!).where('id', '=', c.id).execute();
  }

  // the purchases (原料/辅料采购) and the processing contract take deliveries
  const supplied = contracts.filter((c) => c.contract_type !== '产品销售' || c.pricing_method === 'processing');
  const toSettle = new Map<number, number[]>();
  for (let day = 30; day >= 1; day--) {
    const c = supplied[day % supplied.length]!;
    const needsAssay = c.pricing_method === 'content' || c.pricing_method === 'processing';
    const weighedAt = now - day * DAY_MS + 8 * 3_600_000;
    const gross = Math.round((38 + rand() * 12) * 1000) * 1000; // grams, whole kg
    const tare = Math.round((14 + rand() * 3) * 1000) * 1000;
    let assayId: number | null = null;
    if (needsAssay && day > 3) {
      const round = (x: number, dp = 2) => Math.round(x * 10 ** dp) / 10 ** dp;
      const assay = await trx
        .insertInto('assay_data')
        .values({
          factory_id: factoryId,
          sample_name: `收货样品${isoDay(weighedAt)}`,
          branch_id: c.branch_id,
          water_content: round(7 + rand() * 3),
          zinc_content: round(46 + rand() * 8),
          lead_content: round(1 + rand() * 2),
          silver_content: round(80 + rand() * 60, 1),
          remarks: '收货取样',
          created_by: admin,
          created_at: weighedAt + 6 * 3_600_000,
          updated_at: weighedAt + 6 * 3_600_000,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      assayId = assay.id;
    }
    const status = assayId ? 'assayed' : needsAssay && day > 1 ? 'sampled' : 'received';
    const receipt = await trx
      .insertInto('receipts')
      .values({
        factory_id: factoryId,
        contract_id: c.id,
        material_id: c.material_id,
        vehicle_plate: `浙A${String(10000 + Math.floor(rand() * 89999))}`,
        gross_weight_g: gross,
        tare_weight_g: tare,
        net_weight_g: gross - tare,
        weighed_at: weighedAt,
        weighbridge_operator: '王磅',
        status,
        sample_name: status === 'received' ? null : `收货样品${isoDay(weighedAt)}`,
        assay_id: assayId,
        created_by: admin,
        created_at: weighedAt,
        updated_at: weighedAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (day > 7 && (!needsAssay || assayId)) toSettle.set(c.id, [...(toSettle.get(c.id) ?? []), receipt.id]);
  }
  if (settle) {
    for (const [contractId, ids] of toSettle) await settle(trx, { id: admin, factoryId }, contractId, { receipt_ids: ids });
  }
  const processing = contracts.find((c) => c.pricing_method === 'processing');
  if (processing) await trx.updateTable('contracts').set({ status: '归档' }).where('id', '=', processing.id).execute();
}
