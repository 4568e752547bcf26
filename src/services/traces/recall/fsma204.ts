/**
 * The FSMA 204 "electronic sortable spreadsheet" of a recall (21 CFR 1.1455(c)(3)(ii); FDA's
 * sortable-spreadsheet template): one row per critical tracking event (CTE) with its key data
 * elements (KDEs). tracehub knows two kinds of CTE: Transformation (from the EPCIS
 * TransformationEvents of the chain) and Shipping (from the ERP's order lines).
 */
import ExcelJS from 'exceljs';
import type { ErpLotShipment } from '../../../integrations/erp/types.ts';

/** The KDE columns, in the template's order. */
export const FSMA204_COLUMNS = [
  'Traceability Lot Code',
  'Product Description',
  'Quantity',
  'Unit of Measure',
  'Critical Tracking Event',
  'Event Date',
  'Location',
  'Input Traceability Lot Codes',
  'Ship-To / Receiver',
  'Reference Document Type',
  'Reference Document Number',
] as const;

export type Fsma204Row = Record<(typeof FSMA204_COLUMNS)[number], string | number | null>;

/** UN/ECE Rec 20 codes (EPCIS `uom`) as the template's unit words. */
const UOM: Record<string, string> = { KGM: 'kg', TNE: 't', GRM: 'g', LTR: 'L', EA: 'each', H87: 'each' };

type QuantityElement = { epcClass?: string; quantity?: number; uom?: string };
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const strings = (v: unknown) => list(v).filter((x): x is string => typeof x === 'string');
const classes = (v: unknown) => list(v) as QuantityElement[];

/**
 * The rows of a recall: a Transformation row per output of each TransformationEvent of the chain
 * (every input the event consumed, the output's quantity; the event date as its local date),
 * then a Shipping row per ERP order line, each group in time order.
 * @param events the chain's EPCIS 2.0 events as captured (others than TransformationEvent are skipped).
 * @param shipments the ERP order lines that shipped any recalled lot.
 */
export function fsma204Rows(events: readonly Record<string, unknown>[], shipments: readonly ErpLotShipment[]): Fsma204Row[] {
  const transformations = events
    .filter((e) => e.type === 'TransformationEvent')
    .flatMap((e) => {
      const inputs = [...strings(e.inputEPCList), ...classes(e.inputQuantityList).flatMap((q) => (q.epcClass ? [q.epcClass] : []))];
      const outputs: QuantityElement[] = [...strings(e.outputEPCList).map((epc) => ({ epcClass: epc })), ...classes(e.outputQuantityList)];
      const eventTime = String(e.eventTime);
      return outputs.map((out) => ({
        'Traceability Lot Code': out.epcClass ?? null,
        'Product Description': null,
        Quantity: out.quantity ?? null,
        'Unit of Measure': out.uom ? (UOM[out.uom] ?? out.uom) : null,
        'Critical Tracking Event': 'Transformation',
        'Event Date': eventTime.slice(0, 10),
        Location: (e.bizLocation as { id?: string } | undefined)?.id ?? null,
        'Input Traceability Lot Codes': [...new Set(inputs)].sort().join('; '),
        'Ship-To / Receiver': null,
        'Reference Document Type': 'EPCIS event',
        'Reference Document Number': typeof e.eventID === 'string' ? e.eventID : null,
      }));
    });
  const shipping = shipments.map((s) => ({
    'Traceability Lot Code': s.lot,
    'Product Description': s.material_name,
    Quantity: s.quantity,
    'Unit of Measure': s.unit,
    'Critical Tracking Event': 'Shipping',
    'Event Date': s.order_date.slice(0, 10),
    Location: null,
    'Input Traceability Lot Codes': null,
    'Ship-To / Receiver': `${s.company_name} (${s.company_id})`,
    'Reference Document Type': 'Sales Order',
    'Reference Document Number': s.order_no,
  }));
  return [...transformations, ...shipping];
}

export type SheetFormat = 'csv' | 'xlsx';
export const SHEET_TYPES: Record<SheetFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * The rows as a file (exceljs writes both: XLSX with a header row and an autofilter, so it
 * sorts in any spreadsheet; CSV per RFC 4180 with a UTF-8 byte order mark for Excel).
 */
export async function fsma204File(rows: readonly Fsma204Row[], format: SheetFormat): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('FSMA 204');
  ws.columns = FSMA204_COLUMNS.map((c) => ({ header: c, key: c, width: Math.max(14, c.length + 2) }));
  for (const r of rows) ws.addRow(r);
  if (format === 'csv') return Buffer.concat([Buffer.from('\uFEFF'), Buffer.from(await wb.csv.writeBuffer())]);
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: FSMA204_COLUMNS.length } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
