import { isUniqueViolation } from '../../db/sql.ts';
import { AppError } from '../../errors.ts';

/** Epoch ms → ISO 8601 UTC to the second (`2024-01-15T10:30:00Z`, spec 001 "注意事项" 3). */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Runs a write and turns a unique-constraint violation into 409 DUPLICATE_RESOURCE, so two
 * concurrent creations of the same code cannot both succeed nor answer 500.
 */
export async function uniqueOr409<T>(write: () => Promise<T>, message: string, field: string): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('DUPLICATE_RESOURCE', message, [{ field, message }]);
    throw err;
  }
}

/** A body field that names a row the caller's factory does not have: 400 with the field named. */
export function badReference(field: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', message, [{ field, message }]);
}

/** 409 for a row other rows still point at. */
export function inUse(message: string): AppError {
  return new AppError('CONFLICT', message);
}

/** Drops `undefined` values so an update only sets what the caller sent. */
export function defined<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
