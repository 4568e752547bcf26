import { z } from 'zod';

/** The body of POST /api/mobile/permissions/batch-check: up to 50 checks of up to 50 values each. */
export const batchCheckInput = z.object({
  permissionChecks: z
    .array(
      z.object({
        type: z.enum(['permission', 'role', 'level']),
        values: z.array(z.string().max(64)).min(1).max(50),
        operator: z.enum(['AND', 'OR']).default('OR'),
      }),
    )
    .min(1)
    .max(50),
});

/** Each check with its outcome and the outcome of each value. */
export const batchCheckOutput = z.object({
  results: z.array(
    z.object({
      type: z.string(),
      values: z.array(z.string()),
      operator: z.string(),
      passed: z.boolean(),
      details: z.record(z.string(), z.boolean()),
    }),
  ),
  allPassed: z.boolean(),
});
