/**
 * OpenAPI entries for the operations Hono serves directly (multipart uploads, file streams,
 * OAuth form posts, HTML pages), which trpc-to-openapi cannot describe. Each family's issue adds
 * its routes here beside the route itself.
 */
export function honoRoutePaths(): Record<string, unknown> {
  return {};
}
