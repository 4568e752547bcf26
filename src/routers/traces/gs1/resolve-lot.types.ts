import { z } from 'zod';
import { publicTraceView } from '../public-view.types.ts';

const target = z.object({
  href: z.string().describe('Target IRI'),
  type: z.string().optional().describe('Media type of the target'),
  title: z.string().optional(),
  hreflang: z.array(z.string()).optional(),
});

/** RFC 9264 §4.2 `application/linkset+json`: link context objects, each relation type (a GS1 Web Vocabulary IRI) → targets. */
export const linkset = z
  .object({
    linkset: z.array(z.object({ anchor: z.string().describe('The Digital Link the links are about') }).catchall(z.array(target))),
  })
  .meta({
    id: 'Linkset',
    example: {
      linkset: [
        {
          anchor: 'https://trace.example.com/01/09520123456788/10/LOT-42',
          'https://gs1.org/voc/pip': [
            { href: 'https://trace.example.com/01/09520123456788/10/LOT-42', type: 'text/html', title: 'Apples · lot LOT-42' },
          ],
          'https://gs1.org/voc/traceability': [
            { href: 'https://trace.example.com/v1/public/traces/7Q2M9K4T1XBC', type: 'application/json', title: 'Trace record' },
            {
              href: 'https://trace.example.com/v1/public/traces/7Q2M9K4T1XBC/record.jws',
              type: 'application/jose',
              title: 'Signed trace record (JWS, ES256)',
            },
          ],
        },
      ],
    },
  });

export const resolvedLot = publicTraceView.extend({
  gtin: z.string(),
  lot: z.string(),
  gln: z.string().nullable(),
  digitalLink: z.string(),
  labResults: z
    .array(
      z.object({
        sample: z.string(),
        recordedAt: z.string().describe('ISO 8601 UTC'),
        values: z.array(z.object({ name: z.string(), value: z.number(), unit: z.string().describe('%, g/t or kcal/kg') })),
      }),
    )
    .describe('assay results the factory published for this lot'),
});

/** What the route renders: the lot (HTML page or link set), or a 404 page for a mistyped (`invalid`) or `unknown` code. */
export const scanResult = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('lot'), lot: resolvedLot, linkset }),
  z.object({ kind: z.enum(['invalid', 'unknown']) }),
]);

export const resolveLotInput = z.object({
  gtin: z.string().max(20).describe('GTIN-8/12/13/14 (AI 01)').meta({ example: '09520123456788' }),
  lot: z.string().max(80).describe('Batch/lot (AI 10), percent-encoded').meta({ example: 'LOT-42' }),
});
