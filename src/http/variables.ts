/** Per-request values the Hono middlewares share (`c.get(...)`). */
export interface HttpVariables {
  requestId: string;
  clientIp: string;
  /** The route pattern for logs and metrics (`/api/orders/{order_id}/status`). */
  routePattern: string;
}
