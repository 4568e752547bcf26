import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';

/** One query the app ran. */
export interface LoggedQuery {
  kind: RootOperationNode['kind'];
  /** Every table it names (for raw SQL, the names after FROM, JOIN, INTO and UPDATE). */
  tables: string[];
  write: boolean;
  /** Rows inserted, updated or deleted; 0 for reads. */
  rowsChanged: number;
}

const WRITE_KINDS = new Set(['InsertQueryNode', 'UpdateQueryNode', 'DeleteQueryNode', 'MergeQueryNode']);
const RAW_WRITE = /^\s*(?:insert|update|delete|merge|replace)\b/i;
const RAW_TABLE = /\b(?:from|join|into|update)\s+"?(\w+)"?/gi;

/** The tables an operation node tree names, walking it generically so new node kinds need nothing. */
function tablesOf(node: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) {
    for (const n of node) tablesOf(n, out);
  } else if (node && typeof node === 'object') {
    const n = node as { kind?: string; table?: { identifier?: { name?: string } }; sqlFragments?: readonly string[] };
    if (n.kind === 'TableNode' && n.table?.identifier?.name) out.add(n.table.identifier.name);
    if (n.kind === 'RawNode') for (const f of n.sqlFragments ?? []) for (const m of f.matchAll(RAW_TABLE)) out.add(m[1]!);
    for (const v of Object.values(node)) if (v && typeof v === 'object') tablesOf(v, out);
  }
  return out;
}

/**
 * A Kysely plugin recording every query of the app it is installed on (`createTestApp(…, {plugins})`),
 * so that a test can tell whether a request reached a service: which tables it read, which rows
 * it changed. Mark with `queries.length` before a request and read `since(mark)` after it.
 */
export class QueryLog implements KyselyPlugin {
  readonly queries: LoggedQuery[] = [];
  readonly #byId = new WeakMap<object, LoggedQuery>();

  transformQuery({ node, queryId }: PluginTransformQueryArgs): RootOperationNode {
    const raw = node.kind === 'RawNode' && RAW_WRITE.test(node.sqlFragments[0] ?? '');
    const entry: LoggedQuery = { kind: node.kind, tables: [...tablesOf(node)], write: WRITE_KINDS.has(node.kind) || raw, rowsChanged: 0 };
    this.queries.push(entry);
    this.#byId.set(queryId, entry);
    return node;
  }

  async transformResult({ result, queryId }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const entry = this.#byId.get(queryId);
    if (entry?.write) entry.rowsChanged = Number(result.numAffectedRows ?? result.rows.length);
    return result;
  }

  since(mark: number): LoggedQuery[] {
    return this.queries.slice(mark);
  }
}
