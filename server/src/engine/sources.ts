// Operators that start a pipeline without input: datatable, print, range, externaldata.

import { child, listElements, type SyntaxNode } from '../kusto/syntax';
import type { ExpressionCompiler, Scope } from './scalar/compiled';
import { need } from './operators/context';
import { baseTrace, outputColumns, relFromRows } from './relations';
import { POLL_INTERVAL, Rel, unsupported, type RunState } from './runtime';
import type { ExternalDataRequest, TableProvider } from './table';
import { emptyValue, type Value } from './values';

/** Module-local: reading an imported binding per row costs a property lookup. */
const POLL_MASK = POLL_INTERVAL - 1;

/** `datatable(a:long, b:string) [1, "x", …]`: values row-major. */
export function compileDataTable(node: SyntaxNode, scalar: ExpressionCompiler, scope: Scope, state: RunState): () => Rel {
  const columns = outputColumns(node);
  const values = listElements(child(node, 'Values')).map((v) => scalar.evaluateConstant(scalar.requireConstant(v, scope, 'datatable value')));
  if (columns.length === 0 || values.length % columns.length !== 0) throw unsupported(node, 'a datatable whose values do not fill its rows');
  const rows: Value[][] = [];
  for (let i = 0; i < values.length; i += columns.length) rows.push(values.slice(i, i + columns.length));
  return () => relFromRows(columns, rows, state.explain ? baseTrace('datatable', rows.length) : undefined, state.explain ? [] : undefined);
}

/** `print a = 1, 2`: one row. */
export function compilePrint(node: SyntaxNode, scalar: ExpressionCompiler, scope: Scope, state: RunState): () => Rel {
  const columns = outputColumns(node);
  const items = listElements(child(node, 'Expressions'));
  if (items.length !== columns.length) throw unsupported(node, 'print with this column list');
  const compiled = items.map((item) => scalar.compile(item.kind === 'SimpleNamedExpression' ? need(item, 'Expression') : item, scope));
  return () => {
    const row = compiled.map((c) => scalar.evaluateConstant(c));
    return relFromRows(columns, [row], state.explain ? baseTrace('print', 1) : undefined, state.explain ? [] : undefined);
  };
}

/** `range x from a to b step s`: long, real, datetime or timespan steps, capped by maxRows. */
export function compileRange(node: SyntaxNode, scalar: ExpressionCompiler, scope: Scope, state: RunState): () => Rel {
  const columns = outputColumns(node);
  const from = scalar.compile(need(node, 'From'), scope);
  const to = scalar.compile(need(node, 'To'), scope);
  const step = scalar.compile(need(node, 'Step'), scope);
  return () => {
    const start = scalar.evaluateConstant(from);
    const end = scalar.evaluateConstant(to);
    const by = scalar.evaluateConstant(step);
    if (start === null || end === null || by === null) return new Rel(columns, [[]], 0);
    const values: Value[] = [];
    if (typeof start === 'bigint' && typeof end === 'bigint' && typeof by === 'bigint') {
      if (by === 0n) throw unsupported(node, 'range with a zero step');
      for (let v = start; by > 0n ? v <= end : v >= end; v += by) {
        state.checkRows(values.length + 1, node, 'range');
        if ((values.length & POLL_MASK) === 0) state.poll(node);
        values.push(v);
      }
    } else if (typeof start === 'number' && typeof end === 'number' && typeof by === 'number') {
      if (by === 0 || Number.isNaN(by)) throw unsupported(node, 'range with a zero step');
      const count = Math.floor((end - start) / by) + 1;
      state.checkRows(count, node, 'range');
      for (let i = 0; i < count; i++) {
        if ((i & POLL_MASK) === 0) state.poll(node);
        values.push(start + i * by);
      }
    } else {
      throw unsupported(node, 'range over these types');
    }
    return new Rel(columns, [values], values.length, state.explain ? baseTrace('range', values.length) : undefined, state.explain ? [] : undefined);
  };
}

/**
 * `externaldata(schema) [uris] with (format=…)`: the local file the provider binds to the URI, read
 * with the declared schema. An unbound URI is reported, never fetched.
 */
export function compileExternalData(node: SyntaxNode, provider: TableProvider | undefined, state: RunState): () => Rel {
  const request = externalDataRequest(node);
  if (!request) throw unsupported(node, 'externaldata whose URIs are not string literals');
  const columns = request.columns;
  return () => {
    const table = provider?.externalData?.(request);
    if (!table) throw unsupported(node, `externaldata from ${request.urls[0]} (no local file is bound to this URI; nothing is fetched from the network)`);
    const count = table.rowCount;
    const data = columns.map((column) => () => table.column(column.name) ?? new Array<Value>(count).fill(emptyValue(column.type)));
    return new Rel([...columns], data, count, state.explain ? baseTrace('externaldata', count) : undefined, state.explain ? [] : undefined);
  };
}

/** What an `externaldata` source asks its provider for; undefined when its URIs are not literals. */
export function externalDataRequest(node: SyntaxNode): ExternalDataRequest | undefined {
  const urls = listElements(child(node, 'URIs')).map((uri) => uri.literal);
  if (urls.length === 0 || urls.some((url) => url === undefined)) return undefined;
  const properties = withProperties(node);
  const format = properties.get('format')?.literal?.toLowerCase();
  const ignoreFirstRecord = properties.get('ignorefirstrecord')?.children.find((c) => c.isToken)?.text?.toLowerCase() === 'true';
  return { urls: urls as string[], columns: outputColumns(node), format, ignoreFirstRecord };
}

/** The `with (name = literal, …)` properties of an externaldata source, by lower-cased name. */
function withProperties(node: SyntaxNode): Map<string, SyntaxNode> {
  const clause = child(node, 'WithClause');
  const properties = new Map<string, SyntaxNode>();
  for (const parameter of listElements(clause && child(clause, 'Properties'))) {
    const name = firstToken(child(parameter, 'Name'))?.value;
    const value = child(parameter, 'Expression');
    if (name && value) properties.set(name.toLowerCase(), value);
  }
  return properties;
}

function firstToken(node: SyntaxNode | undefined): SyntaxNode | undefined {
  if (!node || node.isToken) return node;
  for (const c of node.children) {
    const token = firstToken(c);
    if (token) return token;
  }
  return undefined;
}
