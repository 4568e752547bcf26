import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/** RFC 9264 §4.2's JSON serialisation, as a JSON Schema: link context objects with an anchor, relation → target objects with href. */
export const LINKSET_SCHEMA = {
  type: 'object',
  required: ['linkset'],
  properties: {
    linkset: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        properties: { anchor: { type: 'string', format: 'uri' } },
        additionalProperties: {
          type: 'array',
          items: {
            type: 'object',
            required: ['href'],
            properties: {
              href: { type: 'string', format: 'uri' },
              type: { type: 'string' },
              title: { type: 'string' },
              hreflang: { type: 'array', items: { type: 'string' } },
            },
          },
        },
      },
    },
  },
};

/** Whether `value` is an RFC 9264 JSON link set: ajv's errors, or null when valid. */
export function linksetErrors(value: unknown): unknown[] | null {
  const ajv = new Ajv2020({ strict: false });
  addFormats.default(ajv);
  return ajv.validate(LINKSET_SCHEMA, value) ? null : (ajv.errors ?? []);
}
