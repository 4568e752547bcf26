/**
 * A typed tRPC client of tracehub, checked against the emitted declarations only
 * (`npm run typecheck:client`). Never run: it exists to fail the check when the router's
 * types stop reaching clients. Each `@ts-expect-error` line must stay an error.
 */
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../dist/src/routers/app-router.js';

type Inputs = inferRouterInputs<AppRouter>;
type Outputs = inferRouterOutputs<AppRouter>;
type ErrorData = NonNullable<TRPCClientError<AppRouter>['data']>;

export function connect(baseUrl: string, token: () => string | undefined) {
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: `${baseUrl}/trpc`,
        headers: () => {
          const t = token();
          return t ? { authorization: `Bearer ${t}` } : {};
        },
      }),
    ],
  });
}

export async function session(baseUrl: string): Promise<string[]> {
  let token: string | undefined;
  const api = connect(baseUrl, () => token);

  // auth.v1.login: a mutation whose output is exactly {token, expiresIn, tokenType}
  const login = await api.auth.v1.login.mutate({ username: 'operator', password: 'secret' });
  token = login.token;
  const seconds: number = login.expiresIn;
  const bearer: 'Bearer' = login.tokenType;

  // orders.search: optional inputs may be left out; the output's fields are typed
  const page = await api.orders.search.query({ keyword: 'SO2026', status: 'shipped', pageSize: 10 });
  const first = page.orders[0];
  const lines = first ? first.materials.map((m) => `${first.order_no} ${m.material_code} ${m.status}`) : [];
  const total: number = page.total;
  const cached: boolean = page.cacheHit;
  await api.orders.search.query({});

  // admin.materials.create: a mutation with an enum field and a nullable optional one
  const material = await api.admin.materials.create.mutate({ name: '锌精矿', code: 'ZN-009', purpose: '原料', full_name: null });
  const materialId: number = material.id;
  const fullName: string | null = material.full_name;

  // the inference helpers agree with what the procedures return
  const input: Inputs['admin']['materials']['create'] = { name: 'x', code: 'y', purpose: '辅料' };
  const output: Outputs['orders']['search']['orders'][number]['order_id'] = 'CODE001-ORD00001';

  // errors carry tracehub's domain code, typed from the server's error formatter
  try {
    await api.auth.v1.refresh.mutate({});
  } catch (err) {
    if (err instanceof TRPCClientError) {
      const code: ErrorData['appCode'] | undefined = (err as TRPCClientError<AppRouter>).data?.appCode;
      if (code === 'UNAUTHENTICATED') lines.push(err.message);
    }
  }

  // ---- what must not compile ----
  // @ts-expect-error pageSize is a number
  await api.orders.search.query({ pageSize: '10' });
  // @ts-expect-error status is one of the ERP statuses
  await api.orders.search.query({ status: 'lost' });
  // @ts-expect-error purpose is required
  await api.admin.materials.create.mutate({ name: 'n', code: 'c' });
  // @ts-expect-error purpose is a closed enum
  await api.admin.materials.create.mutate({ name: 'n', code: 'c', purpose: 'misc' });

  // @ts-expect-error login is a mutation, not a query
  await api.auth.v1.login.query({ username: 'u', password: 'p' });
  // @ts-expect-error no such procedure
  await api.orders.delete.mutate({ order_id: 'x' });
  // @ts-expect-error no such router
  await api.billing.invoices.query();
  // @ts-expect-error the output has no such field
  const missing = login.refreshToken;
  // @ts-expect-error appCode is the closed catalogue of src/errors.ts
  const teapot: ErrorData['appCode'] = 'TEAPOT';
  // @ts-expect-error a material id is a number
  const wrongId: string = material.id;

  return [
    ...lines,
    String(seconds),
    bearer,
    String(total),
    String(cached),
    String(materialId),
    String(fullName),
    JSON.stringify(input),
    output,
    String(missing),
    teapot,
    wrongId,
  ];
}
