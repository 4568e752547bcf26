/**
 * `bi`: the BI command line of spec 004. Logs in by the OAuth device flow (RFC 8628), keeps the
 * tokens in `<config dir>/tracehub/bi-credentials.json` (mode 0600), refreshes them when they
 * expire, and prints the BI reports as tables.
 *
 *   bi login [--server URL] [--client-id ID]   bi logout   bi whoami
 *   bi sales [--days 7] · bi products [--days 30] [--limit 10] · bi customers [--days 90]
 *   bi financial [--month YYYY-MM] · bi overview [--month YYYY-MM]
 *   common: --merchant ID (platform admins), --json
 */
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import Table from 'cli-table3';

export interface CliIo {
  fetch: typeof fetch;
  out: (line: string) => void;
  err: (line: string) => void;
  sleep: (ms: number) => Promise<void>;
  /** Where credentials live; default `$XDG_CONFIG_HOME/tracehub` or `~/.config/tracehub`. */
  configDir: string;
  /** Default server when neither --server nor the credentials name one. */
  defaultServer: string;
}

interface Credentials {
  server: string;
  client_id: string;
  access_token: string;
  refresh_token: string;
  /** Epoch ms. */
  expires_at: number;
}

const DEFAULT_CLIENT = 'bi-cli-prod';
const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

export class CliError extends Error {}

function defaultIo(): CliIo {
  const env = process.env;
  return {
    fetch: globalThis.fetch,
    out: (l) => process.stdout.write(`${l}\n`),
    err: (l) => process.stderr.write(`${l}\n`),
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    configDir: env.BI_CONFIG_DIR ?? join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'tracehub'),
    defaultServer: env.BI_SERVER ?? 'http://localhost:3000',
  };
}

const credentialsFile = (io: CliIo) => join(io.configDir, 'bi-credentials.json');

async function loadCredentials(io: CliIo): Promise<Credentials | undefined> {
  try {
    return JSON.parse(await readFile(credentialsFile(io), 'utf8')) as Credentials;
  } catch {
    return undefined;
  }
}

async function saveCredentials(io: CliIo, c: Credentials): Promise<void> {
  const file = credentialsFile(io);
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  await writeFile(file, `${JSON.stringify(c, null, 2)}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
}

async function postForm(io: CliIo, url: string, form: Record<string, string>): Promise<{ status: number; body: any }> {
  const res = await io.fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams(form).toString(),
  });
  return { status: res.status, body: await res.json().catch(() => ({})) };
}

/** RFC 8628 §3.1–3.5 from the device side: show the code, poll at the interval, back off on slow_down. */
async function login(io: CliIo, server: string, clientId: string): Promise<Credentials> {
  const start = await postForm(io, `${server}/oauth/device`, { client_id: clientId });
  if (start.status !== 200)
    throw new CliError(`device authorization failed: ${start.body.error ?? start.status} ${start.body.error_description ?? ''}`);
  const { device_code, user_code, verification_uri, verification_uri_complete, expires_in } = start.body;
  let interval = Number(start.body.interval ?? 5);
  io.out(`Open ${verification_uri} and enter the code ${user_code}`);
  io.out(`(or open ${verification_uri_complete})`);
  const deadline = Date.now() + Number(expires_in) * 1000;
  while (Date.now() < deadline) {
    await io.sleep(interval * 1000);
    const r = await postForm(io, `${server}/oauth/token`, { grant_type: DEVICE_GRANT, device_code, client_id: clientId });
    if (r.status === 200) {
      return {
        server,
        client_id: clientId,
        access_token: r.body.access_token,
        refresh_token: r.body.refresh_token,
        expires_at: Date.now() + Number(r.body.expires_in) * 1000,
      };
    }
    switch (r.body.error) {
      case 'authorization_pending':
        continue;
      case 'slow_down':
        interval += 5;
        continue;
      case 'access_denied':
        throw new CliError('the request was denied in the browser');
      case 'expired_token':
        throw new CliError('the code expired; run `bi login` again');
      default:
        throw new CliError(`login failed: ${r.body.error ?? r.status} ${r.body.error_description ?? ''}`);
    }
  }
  throw new CliError('the code expired; run `bi login` again');
}

async function refresh(io: CliIo, c: Credentials): Promise<Credentials> {
  const r = await postForm(io, `${c.server}/oauth/token`, {
    grant_type: 'refresh_token',
    refresh_token: c.refresh_token,
    client_id: c.client_id,
  });
  if (r.status !== 200) throw new CliError('session expired; run `bi login`');
  const next = {
    ...c,
    access_token: r.body.access_token,
    refresh_token: r.body.refresh_token,
    expires_at: Date.now() + Number(r.body.expires_in) * 1000,
  };
  await saveCredentials(io, next);
  return next;
}

/** GET with the stored access token: refreshed a minute before expiry, and once more on a 401. */
async function apiGet(io: CliIo, path: string, query: Record<string, string | undefined>): Promise<any> {
  let c = await loadCredentials(io);
  if (!c) throw new CliError('not logged in; run `bi login`');
  if (c.expires_at - 60_000 < Date.now()) c = await refresh(io, c);
  const qs = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined)).toString();
  const url = `${c.server}${path}${qs ? `?${qs}` : ''}`;
  const get = (token: string) => io.fetch(url, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
  let res = await get(c.access_token);
  if (res.status === 401) {
    c = await refresh(io, c);
    res = await get(c.access_token);
  }
  const body: any = await res.json().catch(() => ({}));
  if (!res.ok) throw new CliError(`${res.status} ${body.message ?? body.error_description ?? body.error ?? ''}`.trim());
  return body;
}

function table(head: string[], rows: (string | number)[][]): string {
  const t = new Table({ head, style: { head: [], border: [] } });
  t.push(...rows.map((r) => r.map(String)));
  return t.toString();
}
const money = (n: number) => n.toFixed(2);

export async function main(argv: string[], io: CliIo = defaultIo()): Promise<number> {
  const [command, ...rest] = argv;
  try {
    const { values } = parseArgs({
      args: rest,
      options: {
        server: { type: 'string' },
        'client-id': { type: 'string' },
        days: { type: 'string' },
        limit: { type: 'string' },
        month: { type: 'string' },
        merchant: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
    });
    const common = { merchant_id: values.merchant };
    const print = (data: unknown, render: () => string) => io.out(values.json ? JSON.stringify(data, null, 2) : render());
    switch (command) {
      case 'login': {
        const stored = await loadCredentials(io);
        const server = (values.server ?? stored?.server ?? io.defaultServer).replace(/\/$/, '');
        const c = await login(io, server, values['client-id'] ?? DEFAULT_CLIENT);
        await saveCredentials(io, c);
        const me = await apiGet(io, '/api/v1/users/me', {});
        io.out(`Logged in as ${me.name ?? me.email ?? me.id} (${me.role}) on ${server}`);
        return 0;
      }
      case 'logout':
        await rm(credentialsFile(io), { force: true });
        io.out('Logged out.');
        return 0;
      case 'whoami': {
        const me = await apiGet(io, '/api/v1/users/me', {});
        print(me, () => table(['id', 'name', 'email', 'role'], [[me.id, me.name ?? '', me.email ?? '', me.role]]));
        return 0;
      }
      case 'sales': {
        const { data } = await apiGet(io, '/api/v1/sales', { days: values.days, ...common });
        print(data, () =>
          [
            `${data.period.start} … ${data.period.end}: revenue ${money(data.total_revenue)}, ${data.order_count} orders, average ${money(data.avg_order_value)}`,
            table(
              ['date', 'revenue', 'orders'],
              data.daily_breakdown.map((d: any) => [d.date, money(d.revenue), d.orders]),
            ),
          ].join('\n'),
        );
        return 0;
      }
      case 'products': {
        const { data } = await apiGet(io, '/api/v1/products/top', { days: values.days, limit: values.limit, ...common });
        print(data, () =>
          table(
            ['#', 'product', 'quantity', 'revenue', 'orders'],
            data.products.map((p: any, i: number) => [i + 1, p.product_name, p.quantity_sold, money(p.revenue), p.order_count]),
          ),
        );
        return 0;
      }
      case 'customers': {
        const { data } = await apiGet(io, '/api/v1/customers', { days: values.days, ...common });
        print(data, () =>
          [
            `customers ${data.total_customers}, new ${data.new_customers}, repeat ${data.repeat_customers} (${(data.repeat_rate * 100).toFixed(1)} %)`,
            table(
              ['customer', 'orders', 'spent', 'first order', 'last order'],
              data.top_customers.map((c: any) => [
                c.customer_email,
                c.order_count,
                money(c.total_spent),
                c.first_order_date,
                c.last_order_date,
              ]),
            ),
          ].join('\n'),
        );
        return 0;
      }
      case 'financial': {
        const { data } = await apiGet(io, '/api/v1/financial', { month: values.month, ...common });
        print(data, () =>
          table(
            ['gross revenue', 'platform fee', 'net revenue', 'pending transfers', 'completed transfers', 'transfers'],
            [
              [
                money(data.gross_revenue),
                money(data.platform_fee),
                money(data.net_revenue),
                money(data.pending_transfers),
                money(data.completed_transfers),
                data.transfer_count,
              ],
            ],
          ),
        );
        return 0;
      }
      case 'overview': {
        const { data } = await apiGet(io, '/api/v1/platform/overview', { month: values.month });
        print(data, () =>
          table(
            ['GMV', 'orders', 'active merchants', 'new merchants', 'platform revenue', 'subscription MRR'],
            [
              [
                money(data.platform_gmv),
                data.total_orders,
                data.active_merchants,
                data.new_merchants,
                money(data.platform_revenue),
                money(data.subscription_mrr),
              ],
            ],
          ),
        );
        return 0;
      }
      default:
        io.err(
          'usage: bi <login|logout|whoami|sales|products|customers|financial|overview> [--days N] [--limit N] [--month YYYY-MM] [--merchant ID] [--json] [--server URL]',
        );
        return command === undefined || command === 'help' || command === '--help' ? 0 : 2;
    }
  } catch (err) {
    if (err instanceof CliError || (err instanceof Error && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS'))) {
      io.err(`bi: ${err.message}`);
      return 1;
    }
    throw err;
  }
}
