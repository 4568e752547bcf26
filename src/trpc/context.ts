import type { AppDeps } from '../deps.ts';
import type { Principal } from '../services/auth/principal.ts';

/**
 * What every procedure sees. Built per request by the REST adapter and the /trpc endpoint alike
 * (`createContext`), and without HTTP in tests.
 */
export interface Context {
  deps: AppDeps;
  requestId: string;
  /** The client address used for rate limits and logs. */
  ip: string;
  /** The raw `Authorization` header, if any. */
  authorization: string | undefined;
  /** Headers to add to the answer (rate-limit headers, Retry-After). */
  resHeaders: Headers;
  /** Set by the authentication middleware. */
  user: Principal | null;
  /** Hints for the REST envelope: a success message or status that depends on the outcome. */
  response: { message?: string; status?: number };
}

export function createContext(
  deps: AppDeps,
  req: { requestId: string; ip: string; authorization: string | undefined; resHeaders?: Headers },
): Context {
  return {
    deps,
    requestId: req.requestId,
    ip: req.ip,
    authorization: req.authorization,
    resHeaders: req.resHeaders ?? new Headers(),
    user: null,
    response: {},
  };
}
