/**
 * `bi`: the BI command line of spec 004. Logs in by the OAuth device flow (RFC 8628), keeps the
 * tokens in `<config dir>/tracehub/bi-credentials.json` (mode 0600), refreshes them when they
 * expire, and prints the BI reports as tables.
 *
 *   bi login [--server URL] [--client-id ID]   bi logout   bi whoami
 *   bi sales [--days 7] · bi products [--days 30] [--limit 10] · bi customers [--days 90]
 *   bi financial [--month YYYY-MM] · bi overview [--month YYYY-MM]
 *   common: --merchant ID (platform admins), --json
 *
 * This folder: io.ts (what the command touches), credentials.ts (the stored tokens), oauth.ts
 * (device login, refresh, authorised GETs), reports.ts (each report's endpoint and tables).
 */
import { parseArgs } from 'node:util';
import { loadCredentials, removeCredentials, saveCredentials } from './credentials.ts';
import { CliError, type CliIo, defaultIo } from './io.ts';
import { apiGet, login } from './oauth.ts';
import { REPORTS, table } from './reports.ts';

export { CliError, type CliIo } from './io.ts';

const DEFAULT_CLIENT = 'bi-cli-prod';
const USAGE =
  'usage: bi <login|logout|whoami|sales|products|customers|financial|overview> [--days N] [--limit N] [--month YYYY-MM] [--merchant ID] [--json] [--server URL]';

/**
 * Runs `bi <command> [options]` (argv without the node and script paths) and returns the exit
 * status: 0 done, 1 a failure the user can act on (printed as `bi: …`), 2 an unknown command.
 * Other errors propagate.
 */
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
    const print = (data: unknown, render: () => string) => io.out(values.json ? JSON.stringify(data, null, 2) : render());
    const report = command !== undefined && Object.hasOwn(REPORTS, command) ? REPORTS[command] : undefined;
    if (report) {
      const { data } = await apiGet(io, report.path, report.query(values));
      print(data, () => report.render(data));
      return 0;
    }
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
        await removeCredentials(io);
        io.out('Logged out.');
        return 0;
      case 'whoami': {
        const me = await apiGet(io, '/api/v1/users/me', {});
        print(me, () => table(['id', 'name', 'email', 'role'], [[me.id, me.name ?? '', me.email ?? '', me.role]]));
        return 0;
      }
      default:
        io.err(USAGE);
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
