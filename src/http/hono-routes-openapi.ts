import { adminHonoPaths } from './routes/admin.openapi.ts';
import { mobileHonoPaths } from './routes/mobile.openapi.ts';
import { oauthPaths } from './routes/oauth.openapi.ts';
import { v1HonoPaths } from './routes/v1.openapi.ts';

/**
 * OpenAPI entries for the operations Hono serves directly (multipart uploads, file streams,
 * OAuth form posts, HTML pages), which trpc-to-openapi cannot describe. Each family keeps its
 * entries beside its routes, in `src/http/routes/<family>.openapi.ts`.
 */
export function honoRoutePaths(): Record<string, unknown> {
  return { ...mobileHonoPaths(), ...v1HonoPaths(), ...adminHonoPaths(), ...oauthPaths() };
}
